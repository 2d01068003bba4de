/** The variation language: sums of products in shapes, drawn JSON values and option fields. */
import { describe, expect, it } from "vitest";
import { streamFor } from "../../graders/engine/prng.js";
import type { ArgSpec } from "../../graders/engine/spec.js";
import { VarySpec, variedArgs } from "../../graders/engine/vary.js";

const args: ArgSpec[] = [
  { kind: "tensor", name: "k", shape: [1, 8, 2], dist: "normal", scale: 1, shift: 0, axis: -1, differentiable: true },
  { kind: "json", name: "numHeads", value: 2 },
  { kind: "json", name: "options", value: { blockSize: 4, causal: true } },
];

describe("vary", () => {
  it("evaluates sums of products in shapes and JSON values, and sets only the named option fields", () => {
    const vary = VarySpec.parse({
      dims: { NB: [3, 3], BS: [5, 5], R: [2, 2], G: [2, 2], HKV: [3, 3] },
      shapes: { k: [1, "NB*BS+R", "2*G"] },
      json: { numHeads: "G*HKV", options: { fields: { blockSize: "BS" } } },
    });
    const [k, h, o] = variedArgs(args, vary, streamFor(1, "t"));
    expect(k).toMatchObject({ shape: [1, 17, 4] });
    expect(h).toMatchObject({ value: 6 });
    expect(o).toMatchObject({ value: { blockSize: 5, causal: true } });
  });

  it("draws an option field from a list", () => {
    const vary = VarySpec.parse({ dims: {}, json: { options: { fields: { blockSize: { oneOf: [16, 32] } } } } });
    const seen = new Set(
      Array.from({ length: 20 }, (_, i) => (variedArgs(args, vary, streamFor(i, "t"))[2] as { value: { blockSize: number } }).value.blockSize),
    );
    expect([...seen].sort()).toEqual([16, 32]);
  });

  it("gives labels the logits' leading shape and class count", () => {
    const labelled: ArgSpec[] = [
      { kind: "tensor", name: "logits", shape: [6, 5], dist: "normal", scale: 1, shift: 0, axis: -1, differentiable: true },
      { kind: "labels", name: "targets", shape: [6], classes: 5, ignoreP: 0, allIgnored: false },
    ];
    const vary = VarySpec.parse({
      dims: { B: [3, 3], L: [7, 7], K: [11, 11] },
      shapes: { logits: ["B", "L", "K"], targets: ["B", "L"] },
      classes: { targets: "K" },
    });
    const [l, t] = variedArgs(labelled, vary, streamFor(1, "t"));
    expect(l).toMatchObject({ shape: [3, 7, 11] });
    expect(t).toMatchObject({ shape: [3, 7], classes: 11 });
  });

  it("refuses an extent that is not a sum of products of symbols and numbers", () => {
    expect(() => VarySpec.parse({ dims: {}, shapes: { k: ["NB-1"] } })).toThrow();
    expect(() => VarySpec.parse({ dims: {}, json: { numHeads: "G/2" } })).toThrow();
  });
});
