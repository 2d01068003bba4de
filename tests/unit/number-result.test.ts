/** Plain-number results (learningRate): how they cross from the learner's realm and how they are read back. */
import { describe, expect, it } from "vitest";
import { CallOutcome } from "../../graders/engine/protocol.js";
import { fieldOf } from "../../graders/engine/wire.js";

const hygiene = { forbiddenUsed: [], leaked: 0, disposedInputs: [], changedInputs: [], ms: 1 };

describe("number results", () => {
  it("a number is read as a rank-0 value where the contract returns a number", () => {
    const got = fieldOf({ t: "number", value: 7e-4 }, null, "number");
    expect(typeof got).not.toBe("string");
    if (typeof got !== "string") {
      expect(got.shape).toEqual([]);
      expect(got.data[0]).toBe(7e-4);
    }
  });
  it("a tensor where a number is due says to return a plain number", () => {
    const got = fieldOf({ t: "tensor", tensor: { shape: [], dtype: "float32", data: Float32Array.of(1) } }, null, "number");
    expect(got).toMatch(/tf\.Tensor of shape \[\].*expected a plain number/);
  });
  it("a number where a tensor is due still says a tensor was expected", () => {
    expect(fieldOf({ t: "number", value: 3 }, null)).toBe("the number 3 (expected a tf.Tensor)");
    expect(fieldOf({ t: "object", entries: { output: { t: "number", value: 3 } } }, "output")).toMatch(/the number 3 in "output"/);
  });
  it("the wire schema accepts NaN and ±∞ as numbers (judging them is the grader's job) and rejects a string", () => {
    for (const value of [Number.NaN, Infinity, -0.5]) expect(CallOutcome.safeParse({ ok: true, value: { t: "number", value }, hygiene }).success).toBe(true);
    expect(CallOutcome.safeParse({ ok: true, value: { t: "number", value: "0.1" }, hygiene }).success).toBe(false);
  });
});
