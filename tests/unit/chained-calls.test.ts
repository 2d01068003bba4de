/** The engine pieces the kvcache and flash graders added: dotted result fields, calls chained on an earlier result, and the per-call tensor meter. */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import type { PlannedCall, WireValue } from "../../graders/engine/protocol.js";
import { fieldOf } from "../../graders/engine/wire.js";
import { referencedCalls, resolveChainedLeaves } from "../../graders/engine/chained-leaves.js";
import { installTensorMeter, measureLargestTensor } from "../../graders/runtime/tensor-meter.js";

const tensor = (data: number[], shape: number[]): WireValue => ({ t: "tensor", tensor: { shape, dtype: "float32", data: Float32Array.from(data) } });
const result: WireValue = { t: "object", entries: { output: tensor([1], [1]), cache: { t: "object", entries: { k: tensor([1, 2, 3], [1, 3]) } } } };

describe("dotted result fields", () => {
  it("reach into a nested object, and say what is missing", () => {
    expect(fieldOf(result, "cache.k")).toMatchObject({ shape: [1, 3] });
    expect(fieldOf(result, "cache.v")).toMatch(/without a "v" field/);
    expect(fieldOf(result, "state.k")).toMatch(/without a "state" field/);
    expect(fieldOf(result, "output.k")).toMatch(/single tensor in "output"/);
  });
});

describe("chained calls", () => {
  const step: PlannedCall = {
    id: "s2",
    fn: "f",
    args: [],
    leaves: { "cache.k": { shape: [1, 0], data: new Float32Array(0) } },
    grad: null,
    from: { "cache.k": { call: "s1", field: "cache.k" } },
  };
  it("take a leaf from the earlier call's result", () => {
    const resolved = resolveChainedLeaves(step, new Map([["s1", result]]));
    expect(typeof resolved).toBe("object");
    expect([...(resolved as PlannedCall).leaves["cache.k"].data]).toEqual([1, 2, 3]);
    expect(referencedCalls([step])).toEqual(new Set(["s1"]));
  });
  it("cannot run when the earlier call returned nothing, or not that field", () => {
    expect(resolveChainedLeaves(step, new Map())).toMatch(/previous step \(s1\) returned no value/);
    expect(resolveChainedLeaves({ ...step, from: { "cache.k": { call: "s1", field: "cache.v" } } }, new Map([["s1", result]]))).toMatch(/"cache.v"/);
  });
});

describe("the tensor meter", () => {
  it("reports the largest tensor created while the call runs, intermediates included", async () => {
    await tf.setBackend("cpu");
    installTensorMeter(tf);
    const x = tf.ones([4, 5]);
    const { result: y, largest } = measureLargestTensor(
      tf,
      () => tf.tidy(() => tf.sum(tf.matMul(x, x, true, false))), // the intermediate [5, 5] is the largest
    );
    expect(largest).toBe(25);
    // Outside a measured call, tensors are not counted against the next call.
    tf.zeros([100]).dispose();
    expect(measureLargestTensor(tf, () => tf.scalar(1)).largest).toBe(1);
    tf.dispose([x, y]);
  });
});
