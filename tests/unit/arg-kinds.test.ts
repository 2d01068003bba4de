/** The argument kinds added for the loss and encoder exercises: int32 class ids, and object arguments with groups, JSON values and masks. */
import { describe, expect, it } from "vitest";
import { buildCaseInputs, refArgs } from "../../graders/engine/inputs.js";
import { CaseSpec } from "../../graders/engine/spec.js";
import { plannedCall } from "../../graders/engine/wire.js";

const caseWith = (args: unknown[]) => CaseSpec.parse({ id: "c", title: "t", fn: "f", seed: 7, points: 1, args });

describe("labels arguments", () => {
  it("draw class ids in [0, classes), mark about ignoreP of them ignored, and cross as int32", () => {
    const c = caseWith([{ kind: "labels", name: "targets", shape: [40, 50], classes: 7, ignoreIndex: -100, ignoreP: 0.3 }]);
    const inputs = buildCaseInputs(c);
    const ids = Array.from(inputs.leaves.get("targets")!.nd.data);
    const ignored = ids.filter((v) => v === -100).length / ids.length;
    expect(ignored).toBeGreaterThan(0.25);
    expect(ignored).toBeLessThan(0.35);
    expect(ids.every((v) => v === -100 || (Number.isInteger(v) && v >= 0 && v < 7))).toBe(true);
    expect(new Set(ids.filter((v) => v >= 0)).size).toBe(7);
    const call = plannedCall("x", "f", inputs, null);
    expect(call.leaves.targets.dtype).toBe("int32");
    expect(inputs.leaves.get("targets")!.differentiable).toBe(false);
  });
  it("allIgnored marks every position", () => {
    const c = caseWith([{ kind: "labels", name: "t", shape: [9], classes: 3, ignoreIndex: -1, allIgnored: true }]);
    expect(Array.from(buildCaseInputs(c).leaves.get("t")!.nd.data)).toEqual(new Array(9).fill(-1));
  });
  it("a float leaf carries no dtype (float32 by default)", () => {
    const inputs = buildCaseInputs(caseWith([{ kind: "tensor", name: "x", shape: [2] }]));
    expect(plannedCall("x", "f", inputs, null).leaves.x.dtype).toBeUndefined();
  });
});

describe("object arguments with groups", () => {
  it("name leaves by their path and keep JSON values and masks in place", () => {
    const c = caseWith([
      {
        kind: "weights",
        name: "p",
        entries: [
          { kind: "json", name: "numHeads", value: 2 },
          { kind: "weights", name: "ln1", entries: [{ kind: "tensor", name: "gamma", shape: [4] }] },
        ],
      },
      {
        kind: "weights",
        name: "options",
        entries: [
          { kind: "json", name: "norm", value: "pre" },
          { kind: "mask", name: "mask", shape: [3, 3], pattern: "causal" },
        ],
      },
    ]);
    const inputs = buildCaseInputs(c);
    expect([...inputs.leaves.keys()]).toEqual(["p.ln1.gamma", "options.mask"]);
    expect(inputs.leaves.get("options.mask")!.differentiable).toBe(false);
    const [p, options] = refArgs(inputs) as Record<string, unknown>[];
    expect(p.numHeads).toBe(2);
    expect(options.norm).toBe("pre");
    expect((p.ln1 as Record<string, unknown>).gamma).toHaveProperty("shape", [4]);
  });
  it("reject a group nested two levels deep", () => {
    const deep = {
      kind: "weights",
      name: "a",
      entries: [{ kind: "weights", name: "b", entries: [{ kind: "weights", name: "c", entries: [{ kind: "json", name: "v", value: 1 }] }] }],
    };
    expect(() => caseWith([deep])).toThrow();
  });
});
