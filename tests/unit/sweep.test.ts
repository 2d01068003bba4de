/**
 * The property sweep (issue 9, graders/engine/sweep.ts): extra configurations drawn per run
 * from the cases' `vary`, different from the public cases, the same for one seed, hidden
 * under a teacher's secret — and a file that only knows the public shapes fails through it.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ExerciseId } from "../../graders/contract.js";
import { grade } from "../../graders/engine/grade.js";
import { buildInstances, type Instance } from "../../graders/engine/plan.js";
import { configurationOf, DEFAULT_SWEEP, SWEEP_SHARE } from "../../graders/engine/sweep.js";
import { sweepProperties } from "../../graders/engine/sweep-properties.js";
import { toleranceFor } from "../../graders/engine/tolerances.js";
import { GRADERS } from "../../graders/index.js";
import { COURSE_ROOT } from "../../graders/paths.js";
import { InProcessRunner } from "../support/in-process-runner.js";

const ids = Object.keys(JSON.parse(readFileSync(join(COURSE_ROOT, "graders/registry.json"), "utf8"))) as ExerciseId[];
const sweepOf = (list: Instance[]) => list.filter((i) => i.sweep !== undefined);
/** A configuration and its numbers: two draws are "the same" only if both agree. */
const fingerprint = (i: Instance) =>
  `${i.key} ${configurationOf(i)} ${[...i.inputs.leaves.values()].map((l) => Array.from(l.nd.data.slice(0, 4)).join(",")).join(";")}`;

describe("the property sweep", () => {
  it("draws DEFAULT_SWEEP configurations in every exercise, each unlike its public case", () => {
    for (const id of ids) {
      const all = buildInstances(GRADERS[id], undefined, 0, DEFAULT_SWEEP);
      const publicConfig = new Map(all.filter((i) => i.sweep === undefined).map((i) => [i.spec.id, configurationOf(i)]));
      const sweep = sweepOf(all);
      expect(sweep.length, id).toBe(DEFAULT_SWEEP);
      for (const s of sweep) {
        expect(configurationOf(s), `${id}/${s.key}`).not.toBe(publicConfig.get(s.spec.id));
        expect(s.ref, `${id}/${s.key}: the reference accepts the draw`).not.toBeNull();
        expect(s.hidden).toBe(false);
        expect(s.key).toMatch(new RegExp(`^sweep-${s.spec.id}-${s.sweep}$`));
        expect(s.spec.points).toBeCloseTo(GRADERS[id].spec.cases.find((c) => c.id === s.spec.id)!.points * SWEEP_SHARE);
        expect(GRADERS[id].spec.cases.find((c) => c.id === s.spec.id)!.visible, `${id}/${s.key}: a public sweep draws from visible cases only`).toBe(true);
      }
    }
  });

  it("is stable for a fixed seed, and a secret draws other, hidden configurations", () => {
    for (const id of ids) {
      const once = sweepOf(buildInstances(GRADERS[id], undefined, 0, DEFAULT_SWEEP)).map(fingerprint);
      const again = sweepOf(buildInstances(GRADERS[id], undefined, 0, DEFAULT_SWEEP)).map(fingerprint);
      expect(again, id).toEqual(once);
      const secretA = sweepOf(buildInstances(GRADERS[id], "sweep-secret-a", 0, DEFAULT_SWEEP));
      const secretA2 = sweepOf(buildInstances(GRADERS[id], "sweep-secret-a", 0, DEFAULT_SWEEP));
      const secretB = sweepOf(buildInstances(GRADERS[id], "sweep-secret-b", 0, DEFAULT_SWEEP));
      expect(secretA2.map(fingerprint), id).toEqual(secretA.map(fingerprint));
      expect(secretA.map(fingerprint), id).not.toEqual(secretB.map(fingerprint));
      expect(
        secretA.every((s) => s.hidden && s.key.startsWith("hidden-sweep-")),
        id,
      ).toBe(true);
    }
  });

  it("reports each draw as its own check; hidden ones show no inputs", async () => {
    const runner = new InProcessRunner();
    const source = readFileSync(join(COURSE_ROOT, "solutions/attention.ts"), "utf8");
    const open = await grade(GRADERS.attention, { source, filename: "attention.ts", runner, backend: "cpu" });
    const sweepChecks = open.checks.filter((c) => /^(output|gradient)\/sweep-/.test(c.id));
    expect(sweepChecks.length).toBeGreaterThanOrEqual(DEFAULT_SWEEP);
    expect(sweepChecks.every((c) => c.passed && /sweep #\d, drawn like case/.test(c.message))).toBe(true);
    const secret = await grade(GRADERS.attention, { source, filename: "attention.ts", runner, backend: "cpu", secret: "s", hiddenDraws: 0 });
    const hidden = secret.checks.filter((c) => /sweep-/.test(c.id));
    expect(hidden.length).toBeGreaterThanOrEqual(DEFAULT_SWEEP);
    expect(hidden.every((c) => c.id.includes("hidden-sweep-") && /hidden case drawn like/.test(c.message) && !/\[\d/.test(c.message))).toBe(true);
    const off = await grade(GRADERS.attention, { source, filename: "attention.ts", runner, backend: "cpu", sweep: 0 });
    expect(off.checks.some((c) => /sweep-/.test(c.id))).toBe(false);
  });

  it("fails a file that is right only on the public cases' shapes and options", async () => {
    const def = GRADERS.softmax;
    const seen = buildInstances(def, undefined, 0, 0).map((i) => configurationOf(i));
    // The reference solution behind a lookup of the public configurations: anything else gets zeros.
    const solution = readFileSync(join(COURSE_ROOT, "solutions/softmax.ts"), "utf8").replace("export function softmax(", "function realSoftmax(");
    const source = `${solution}
const SEEN = new Set(${JSON.stringify(seen)});
export function softmax(logits: tf.Tensor, axis?: number): tf.Tensor {
  const key = JSON.stringify([logits.shape, axis ?? null]);
  return SEEN.has(key) ? realSoftmax(logits, axis) : tf.zerosLike(logits);
}
`;
    const runner = new InProcessRunner();
    const without = await grade(def, { source, filename: "softmax.ts", runner, backend: "cpu", sweep: 0 });
    expect(without.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    const swept = await grade(def, { source, filename: "softmax.ts", runner, backend: "cpu" });
    expect(swept.verdict).toBe("fail");
    expect(swept.checks.filter((c) => !c.passed).every((c) => /\/sweep-/.test(c.id))).toBe(true);
  });

  it("carries a case's properties over to its draws wherever the float64 reference satisfies them there", () => {
    let carried = 0;
    for (const id of ids) {
      for (const secret of [undefined, "carry-a", "carry-b"]) {
        const def = GRADERS[id];
        const draws = sweepOf(buildInstances(def, secret, 0, DEFAULT_SWEEP));
        const swept = sweepProperties(def, draws, toleranceFor("cpu"));
        for (const s of swept) {
          expect(s.spec.case, `${id}/${s.spec.id}`).toBe(s.inst.spec.id);
          expect(s.spec.points).toBeCloseTo(def.spec.properties.find((p) => p.id === s.spec.id)!.points * SWEEP_SHARE);
        }
        carried += swept.length;
      }
    }
    expect(carried).toBeGreaterThan(30);
    // softmax's sums-to-one is written for axis 1 of its rank-3 case: a draw that moved the axis does not get it.
    const softmaxDraws = sweepOf(buildInstances(GRADERS.softmax, "carry-axis", 0, 40)).filter((i) => i.spec.id === "rank3-middle-axis");
    const sweptKeys = new Set(sweepProperties(GRADERS.softmax, softmaxDraws, toleranceFor("cpu")).map((s) => s.inst.key));
    const axisOf = (i: Instance) => (i.inputs.args[1].t === "json" ? Number(i.inputs.args[1].value) : Number.NaN);
    for (const d of softmaxDraws) expect(sweptKeys.has(d.key), `${d.key} axis ${axisOf(d)}`).toBe(axisOf(d) === 1 || axisOf(d) === -2);
  });

  it("fails, through a swept property, a file whose error only shows on other shapes and hides inside the output tolerance", async () => {
    const def = GRADERS.masking;
    const seen = buildInstances(def, undefined, 0, 0).map((i) => configurationOf(i));
    const solution = readFileSync(join(COURSE_ROOT, "solutions/masking.ts"), "utf8").replace("export function maskedSoftmax(", "function realMaskedSoftmax(");
    // Off the public shapes, blocked scores are only lowered by 30: e^-30 hides in the output tolerance,
    // but a blocked score raised by a few hundred shows through.
    const source = `${solution}
const SEEN = new Set(${JSON.stringify(seen)});
export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  if (SEEN.has(JSON.stringify([scores.shape, mask.shape]))) return realMaskedSoftmax(scores, mask);
  return tf.tidy(() => tf.softmax(tf.add(scores, tf.mul(tf.sub(mask, 1), 30)), -1));
}
`;
    const runner = new InProcessRunner();
    const r = await grade(def, { source, filename: "masking.ts", runner, backend: "cpu" });
    const failed = r.checks.filter((c) => !c.passed).map((c) => c.id);
    expect(
      failed.some((id) => /^property\/masked-scores-ignored@sweep-padded-keys-\d+$/.test(id)),
      failed.join(", "),
    ).toBe(true);
    const pass = await grade(def, { source: readFileSync(join(COURSE_ROOT, "solutions/masking.ts"), "utf8"), filename: "masking.ts", runner, backend: "cpu" });
    expect(pass.checks.filter((c) => c.id.includes("@sweep-")).length).toBeGreaterThan(0);
    expect(pass.passed).toBe(true);
  });
});
