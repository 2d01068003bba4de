/**
 * The checks an exercise's report can contain, read from its grader spec — what an
 * assignment's `checks:` may re-weight, and what `npm run grade -- --list-checks <id>` prints.
 * A test grades each reference solution and compares its report's check ids with this list,
 * so the two cannot drift apart.
 */
import type { ExerciseId } from "../graders/contract.js";
import { GRADERS } from "../graders/index.js";
import { CROSS_BACKEND_POINTS } from "../graders/cross-backend.js";
import { sweepTitle } from "../graders/engine/messages.js";
import { buildInstances } from "../graders/engine/plan.js";
import { DEFAULT_SWEEP } from "../graders/engine/sweep.js";
import { sweepProperties, sweptPropertyId } from "../graders/engine/sweep-properties.js";
import { toleranceFor } from "../graders/engine/tolerances.js";

export interface CheckInfo {
  id: string;
  points: number;
  title: string;
  /** Only present when the run has a secret (a case the browser does not show). */
  secretOnly?: boolean;
  /** Only in classroom mode, which grades a case per function again on a second backend (graders/cross-backend.ts). */
  classroomOnly?: boolean;
  /** Only present without a secret: the public sweep's draws (with one, the sweep is drawn from it and hidden). */
  publicOnly?: boolean;
}

/** The checks of the public sweep (graders/engine/sweep.ts) at its default size, its properties included (sweep-properties.ts). */
function publicSweepChecks(exercise: ExerciseId): CheckInfo[] {
  const def = GRADERS[exercise];
  const sweep = buildInstances(def, undefined, 0, DEFAULT_SWEEP).filter((i) => i.sweep !== undefined);
  const values = sweep.flatMap((i) => {
    const title = sweepTitle(i.spec.id, i.sweep!).en;
    const out: CheckInfo = { id: `output/${i.key}`, points: i.spec.points, title: `${i.spec.fn}: ${title}`, publicOnly: true };
    return i.spec.gradient
      ? [out, { id: `gradient/${i.key}`, points: i.spec.gradient.points, title: `${i.spec.fn}: gradient, ${title}`, publicOnly: true }]
      : [out];
  });
  const properties = sweepProperties(def, sweep, toleranceFor("cpu")).map(
    ({ spec, inst }): CheckInfo => ({
      id: sweptPropertyId(spec.id, inst),
      points: spec.points,
      title: `${spec.title} (${sweepTitle(inst.spec.id, inst.sweep!).en})`,
      publicOnly: true,
    }),
  );
  return [...values, ...properties];
}

export function checksOf(exercise: ExerciseId): CheckInfo[] {
  const spec = GRADERS[exercise].spec;
  const list: CheckInfo[] = [{ id: "exports", points: spec.points.exports, title: "Exports follow the contract" }];
  for (const c of spec.cases) {
    const secretOnly = c.visible ? {} : { secretOnly: true };
    list.push({ id: `output/${c.id}`, points: c.points, title: `${c.fn}: ${c.title}`, ...secretOnly });
    if (c.gradient && c.expect === "value")
      list.push({ id: `gradient/${c.id}`, points: c.gradient.points, title: `${c.fn}: gradient, ${c.title}`, ...secretOnly });
  }
  list.push(...publicSweepChecks(exercise));
  for (const p of spec.properties) list.push({ id: `property/${p.id}`, points: p.points, title: p.title });
  if (spec.forbidden.length > 0)
    list.push({ id: "forbidden-builtins", points: spec.points.forbidden, title: `Does not call ${spec.forbidden.map((f) => f.name).join(" or ")}` });
  list.push({ id: "backend/wasm", points: CROSS_BACKEND_POINTS, title: "Same results on the wasm backend", classroomOnly: true });
  list.push({ id: "inputs-untouched", points: spec.points.inputs, title: "Leaves its inputs alone" });
  list.push({ id: "tensor-leaks", points: 0, title: "No leaked tensors (warning only)" });
  return list;
}

/** A hidden draw of a case stands for that case: "output/hidden-basic-2" → "output/basic". */
export function baseCheckId(id: string): string {
  return id.replace(/^(output|gradient)\/hidden-(.*)-\d+$/, "$1/$2");
}

export function isHiddenCheck(id: string): boolean {
  return /^(output|gradient)\/hidden-/.test(id);
}

export function formatCheckList(exercise: ExerciseId): string {
  const rows = checksOf(exercise);
  const width = Math.max(...rows.map((r) => r.id.length));
  const lines = rows.map(
    (r) =>
      `  ${r.id.padEnd(width)}  ${String(r.points).padStart(3)} pt  ${r.title}${r.secretOnly ? " (only with a secret)" : ""}${r.publicOnly ? " (only without a secret)" : ""}${r.classroomOnly ? " (only in classroom mode)" : ""}`,
  );
  return `${exercise}: ${rows.length} checks (ids for an assignment's "checks:"; hidden draws inherit their case's weight; with a secret the sweep's draws are hidden-sweep-…, weighted as listed)\n${lines.join("\n")}`;
}
