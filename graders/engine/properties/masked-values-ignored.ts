/**
 * Changing only what the mask blocks changes nothing: with mode "entries" the blocked
 * entries of the perturbed inputs (scores), with mode "keys" the rows of k and v at keys
 * that every query of a batch entry has blocked.
 */
import { z } from "zod";
import { joinBi, t } from "../i18n.js";
import type { CaseInputs } from "../inputs.js";
import { withLeaves } from "../inputs.js";
import { broadcastTo, nd, sizeOf, type NdArray } from "../ndarray.js";
import { streamFor } from "../prng.js";
import { plannedCall } from "../wire.js";
import { Field, got, leafOf, pass, perturbRows, propertySpec, sameOutputs, type CaseInstance, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec(
  "masked-values-ignored",
  z.strictObject({ mask: z.string().min(1), perturb: z.array(z.string().min(1)).min(1), mode: z.enum(["keys", "entries"]), field: Field }),
);
type Params = z.infer<typeof spec>["params"];

/** Rows of a [.., Lk, d] input at keys blocked for every query of their batch entry. */
function blockedKeyRows(mask: NdArray): (b: number, j: number) => boolean {
  const B = mask.shape[0];
  const Lk = mask.shape[mask.shape.length - 1];
  const per = sizeOf(mask.shape) / B;
  return (b, j) => {
    const bb = B === 1 ? 0 : b;
    for (let i = j; i < per; i += Lk) if (mask.data[bb * per + i] !== 0) return false;
    return true;
  };
}

function perturbed(p: Params, inst: CaseInstance): CaseInputs {
  const mask = leafOf(inst, p.mask);
  const replace = new Map<string, NdArray>();
  for (const name of p.perturb) {
    const a = leafOf(inst, name);
    if (p.mode === "keys") {
      replace.set(name, perturbRows(a, blockedKeyRows(mask), inst.seed, name));
    } else {
      const m = broadcastTo(mask, a.shape);
      const rng = streamFor(inst.seed, `perturb:${name}`);
      replace.set(
        name,
        nd(
          a.shape,
          a.data.map((v, i) => (m.data[i] === 0 ? Math.fround(v + 500 * rng.normal()) : v)),
        ),
      );
    }
  }
  return withLeaves(inst.inputs, replace);
}

export function plan(p: Params, { inst, tol, callId }: PropertyContext): PropertyPlan {
  const targets = joinBi(p.perturb, { en: " and ", zh: " 和 " });
  return {
    calls: [plannedCall(callId(1), inst.spec.fn, perturbed(p, inst), null)],
    judge(get) {
      const bad = sameOutputs(got(get(inst.key), p.field), got(get(callId(1)), p.field), tol, t("masked-values-ignored.what", { targets }));
      return bad ?? pass(t("masked-values-ignored.pass", { targets }));
    },
  };
}
