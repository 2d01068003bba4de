/**
 * Hidden draws vary shapes and options, not only numbers (issue 9, section 1), for every
 * exercise in the registry — exercises added later included — and a correct solution
 * still passes every hidden draw.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ExerciseId } from "../../graders/contract.js";
import { grade } from "../../graders/engine/grade.js";
import type { InputValue } from "../../graders/engine/inputs.js";
import { buildInstances, type Instance } from "../../graders/engine/plan.js";
import { GRADERS } from "../../graders/index.js";
import { COURSE_ROOT } from "../../graders/paths.js";
import { InProcessRunner } from "../support/in-process-runner.js";

const SECRET = "variation-test-secret";
const ids = Object.keys(JSON.parse(readFileSync(join(COURSE_ROOT, "graders/registry.json"), "utf8"))) as ExerciseId[];

/** Shapes of tensors and values of options, as one comparable string. */
function signature(inst: Instance): string {
  const sig = (v: InputValue): unknown =>
    v.t === "tensor"
      ? v.nd.shape
      : v.t === "json"
        ? v.value
        : v.t === "object"
          ? Object.fromEntries(Object.entries(v.entries).map(([k, e]) => [k, sig(e)]))
          : null;
  return JSON.stringify(inst.inputs.args.map(sig));
}

/** Integer JSON arguments whose value a hidden draw changed from its public case (a value kept as it was does not count). */
function drawnIntegers(instances: Instance[]): number[] {
  const publicArgs = new Map(instances.filter((i) => !i.hidden).map((i) => [i.spec.id, i.inputs.args]));
  return instances
    .filter((i) => i.hidden)
    .flatMap((i) =>
      i.inputs.args.flatMap((v, k) => {
        const was = publicArgs.get(i.spec.id)?.[k];
        const changed = !(was?.t === "json" && v.t === "json" && was.value === v.value);
        return v.t === "json" && typeof v.value === "number" && Number.isInteger(v.value) && changed ? [v.value] : [];
      }),
    );
}

describe("hidden draws vary shapes and options", () => {
  it("in every exercise of the registry, in every case that declares a variation", () => {
    const lacking: string[] = [];
    for (const id of ids) {
      const def = GRADERS[id];
      const instances = buildInstances(def, SECRET, 3);
      const publicSig = new Map(instances.filter((i) => !i.hidden).map((i) => [i.spec.id, signature(i)]));
      const varied = instances.filter((i) => i.hidden && signature(i) !== publicSig.get(i.spec.id));
      if (varied.length === 0) lacking.push(`${id} (no case declares \`vary\`: hidden draws reuse the public shapes)`);
      for (const c of def.spec.cases.filter((c) => c.vary)) {
        const draws = instances.filter((i) => i.hidden && i.spec.id === c.id);
        if (!draws.some((d) => signature(d) !== publicSig.get(c.id)))
          lacking.push(`${id}/${c.id} (declares \`vary\` but every draw fell back to the public shapes)`);
      }
    }
    expect(lacking, `exercises whose hidden draws do not vary: ${lacking.join("; ")}`).toEqual([]);
  });

  it("draws differ between secrets and are the same for one secret", () => {
    for (const id of ids) {
      const a = buildInstances(GRADERS[id], "one", 2)
        .filter((i) => i.hidden)
        .map(signature);
      const b = buildInstances(GRADERS[id], "one", 2)
        .filter((i) => i.hidden)
        .map(signature);
      const c = buildInstances(GRADERS[id], "two", 2)
        .filter((i) => i.hidden)
        .map(signature);
      expect(a, id).toEqual(b);
      expect(a, id).not.toEqual(c);
    }
  });

  it("reaches the sizes the issue asks for somewhere in each exercise: a dimension of at least 32", () => {
    for (const id of ids) {
      const instances = buildInstances(GRADERS[id], SECRET, 6);
      const takesTensors = instances.some((i) => i.inputs.leaves.size > 0);
      // An exercise that takes no tensor (positional, schedule) has no input dimension to draw:
      // there the sizes are the integer arguments its hidden draws changed (seqLen, dModel, step).
      const sizes = takesTensors
        ? instances.filter((i) => i.hidden).flatMap((i) => [...i.inputs.leaves.values()].flatMap((l) => l.nd.shape))
        : drawnIntegers(instances);
      expect(Math.max(0, ...sizes), id).toBeGreaterThanOrEqual(32);
    }
  });

  it("a correct solution passes every hidden draw", async () => {
    const runner = new InProcessRunner();
    for (const id of ids) {
      const file = join(COURSE_ROOT, "solutions", `${id}.ts`);
      const report = await grade(GRADERS[id], { source: readFileSync(file, "utf8"), filename: file, runner, backend: "cpu", secret: SECRET, hiddenDraws: 3 });
      const failed = report.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.message}`);
      expect(failed, id).toEqual([]);
    }
  });
});

describe("variation of the exercises whose bugs hide below a size", () => {
  const hiddenArgs = (id: ExerciseId, n = 8) => buildInstances(GRADERS[id], SECRET, n).filter((i) => i.hidden && i.spec.vary);
  const shapeOf = (v: InputValue) => (v.t === "tensor" ? v.nd.shape : []);

  it("flash: tiled cases reach four blocks and more, keys up to about 64, ragged last blocks", () => {
    const tiled = hiddenArgs("flash").filter((i) => i.spec.id !== "one-block");
    const draws = tiled.map((i) => {
      const k = shapeOf(i.inputs.args[1]);
      return { lk: k[k.length - 2], bs: (i.inputs.args[3] as { value: { blockSize: number } }).value.blockSize };
    });
    expect(draws.every((d) => d.lk > d.bs)).toBe(true);
    expect(draws.some((d) => d.lk >= 4 * d.bs)).toBe(true);
    expect(Math.max(...draws.map((d) => d.lk))).toBeGreaterThanOrEqual(48);
    expect(draws.some((d) => d.lk % d.bs !== 0)).toBe(true);
    expect(new Set(draws.map((d) => d.bs)).size).toBeGreaterThan(2);
  });

  it("gqa: head counts vary, and numHeads is always a multiple of numKvHeads", () => {
    const counts = hiddenArgs("gqa").map((i) => [i.inputs.args[4], i.inputs.args[5]].map((a) => (a as { value: number }).value));
    for (const [h, hkv] of counts) expect(h % hkv, `${h} over ${hkv}`).toBe(0);
    expect(new Set(counts.map(([h]) => h)).size).toBeGreaterThan(3);
    expect(new Set(counts.map(([, hkv]) => hkv)).size).toBeGreaterThan(2);
  });

  it("kvcache: the cached length t and the new tokens n both vary", () => {
    const tn = hiddenArgs("kvcache").map((i) => {
      const cache = i.inputs.args[1] as { entries: Record<string, InputValue> };
      return [shapeOf(cache.entries.k)[2], shapeOf(i.inputs.args[0])[1]];
    });
    expect(new Set(tn.map(([t]) => t)).size).toBeGreaterThan(4);
    expect(new Set(tn.map(([, n]) => n)).size).toBeGreaterThan(4);
    expect(Math.max(...tn.map(([t]) => t))).toBeGreaterThanOrEqual(32);
  });
});
