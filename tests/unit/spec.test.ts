import { describe, expect, it } from "vitest";
import { defineGrader } from "../../graders/engine/grader.js";
import { tensorArg } from "../../graders/engine/ref-args.js";
import type { ExerciseSpecInput } from "../../graders/engine/spec.js";

/** A one-case exercise with the given properties: enough for the spec to load. */
function load(properties: unknown[]) {
  return defineGrader({
    spec: {
      id: "tiny",
      title: "Tiny",
      points: { exports: 1, forbidden: 0, inputs: 1 },
      cases: [{ id: "base", title: "a vector", fn: "identity", seed: 1, args: [{ kind: "tensor", name: "x", shape: [4] }], points: 1 }],
      properties,
    } as ExerciseSpecInput,
    references: { identity: ([x]) => ({ value: tensorArg(x) }) },
    bugs: [],
  });
}

const property = (kind: string, params: Record<string, unknown>) => ({ id: "p", title: "a property", kind, case: "base", points: 1, params });

describe("property specs are checked when the spec loads", () => {
  it("accepts correct params and fills in their defaults", () => {
    const def = load([property("shift-invariant", { arg: "x" }), { ...property("sums-to-one", {}), id: "q" }]);
    expect(def.spec.properties.map((p) => p.params)).toEqual([
      { arg: "x", shift: 50, field: null },
      { axis: -1, field: null },
    ]);
  });

  it("rejects a misspelt parameter, naming it", () => {
    expect(() => load([property("sums-to-one", { axsi: 1 })])).toThrow(/axsi/);
    expect(() => load([property("masked-exactly-zero", { mask: "x", feild: "weights" })])).toThrow(/feild/);
  });

  it("rejects a missing or mistyped parameter and an unknown kind", () => {
    expect(() => load([property("causal", { perturb: ["x"] })])).toThrow(/"t"/);
    expect(() => load([property("shift-invariant", { arg: "x", shift: "50" })])).toThrow(/"shift"/);
    expect(() => load([property("sums-to-two", {})])).toThrow(/kind/);
  });
});
