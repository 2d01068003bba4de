/**
 * Property checks: invariants every correct implementation satisfies, tested on the
 * learner's own outputs (no reference involved). Each kind lives in its own module with
 * the schema of its params, and plans the extra calls it needs and judges their outcomes;
 * a spec picks kinds and parameters by name.
 */
import { z } from "zod";
import type { Tolerance } from "../compare.js";
import * as boundedIntermediates from "./bounded-intermediates.js";
import * as causal from "./causal.js";
import type { CaseInstance, PropertyContext, PropertyPlan } from "./define.js";
import * as dropoutStatistics from "./dropout-statistics.js";
import * as identityAtZero from "./identity-at-zero.js";
import * as maskedExactlyZero from "./masked-exactly-zero.js";
import * as maskedValuesIgnored from "./masked-values-ignored.js";
import * as normPreserving from "./norm-preserving.js";
import * as offsetConsistent from "./offset-consistent.js";
import * as peakAtStep from "./peak-at-step.js";
import * as relativePosition from "./relative-position.js";
import * as scaleInvariant from "./scale-invariant.js";
import * as sameMaskInBackward from "./same-mask-in-backward.js";
import * as seedHonoured from "./seed-honoured.js";
import * as shiftInvariant from "./shift-invariant.js";
import * as stepwise from "./stepwise.js";
import * as sumsToOne from "./sums-to-one.js";

export type { CaseInstance, PropertyPlan } from "./define.js";

export const PropertySpec = z.discriminatedUnion("kind", [
  sumsToOne.spec,
  shiftInvariant.spec,
  maskedExactlyZero.spec,
  maskedValuesIgnored.spec,
  causal.spec,
  normPreserving.spec,
  identityAtZero.spec,
  relativePosition.spec,
  stepwise.spec,
  boundedIntermediates.spec,
  scaleInvariant.spec,
  offsetConsistent.spec,
  peakAtStep.spec,
  dropoutStatistics.spec,
  sameMaskInBackward.spec,
  seedHonoured.spec,
]);
export type PropertySpec = z.infer<typeof PropertySpec>;
type Kind = PropertySpec["kind"];
type ParamsOf<K extends Kind> = Extract<PropertySpec, { kind: K }>["params"];

type Planner<K extends Kind> = (params: ParamsOf<K>, ctx: PropertyContext) => PropertyPlan;

/** Every kind's planner, keyed by kind: the type demands one for each member of PropertySpec. */
const PLANNERS: { [K in Kind]: Planner<K> } = {
  "sums-to-one": sumsToOne.plan,
  "shift-invariant": shiftInvariant.plan,
  "masked-exactly-zero": maskedExactlyZero.plan,
  "masked-values-ignored": maskedValuesIgnored.plan,
  causal: causal.plan,
  "norm-preserving": normPreserving.plan,
  "identity-at-zero": identityAtZero.plan,
  "relative-position": relativePosition.plan,
  stepwise: stepwise.plan,
  "bounded-intermediates": boundedIntermediates.plan,
  "scale-invariant": scaleInvariant.plan,
  "offset-consistent": offsetConsistent.plan,
  "peak-at-step": peakAtStep.plan,
  "dropout-statistics": dropoutStatistics.plan,
  "same-mask-in-backward": sameMaskInBackward.plan,
  "seed-honoured": seedHonoured.plan,
};

type PropertyOf<K extends Kind> = { [P in K]: { id: string; kind: P; params: ParamsOf<P> } }[K];

export function planProperty<K extends Kind>(prop: PropertyOf<K>, inst: CaseInstance, tol: Tolerance): PropertyPlan {
  const planner: Planner<K> = PLANNERS[prop.kind];
  return planner(prop.params, { inst, tol, callId: (n) => `${prop.id}@${inst.key}#${n}` });
}
