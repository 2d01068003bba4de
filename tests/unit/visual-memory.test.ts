/**
 * Topic 36's memory arithmetic (src/components/visuals/_memory.ts), checked against the numbers
 * the papers print: ZeRO's Figure 1 (Rajbhandari et al., 2020) and the parameter counts of
 * GPT-3's Table 2.1 (Brown et al., 2020).
 */
import { describe, expect, it } from "vitest";
import { activationBytes, layerActivationBytes, modelStateBytes, parameterCount, PRESETS, trainingBudget } from "../../src/components/visuals/_memory.js";

const GB = 1e9;
const total = (s: { weights: number; gradients: number; optimizer: number }) => s.weights + s.gradients + s.optimizer;

describe("model states", () => {
  it("take 16 bytes per parameter with Adam, in mixed precision and in fp32 alike", () => {
    expect(total(modelStateBytes(1, "mixed-adam", 0, 1))).toBe(16);
    expect(total(modelStateBytes(1, "fp32-adam", 0, 1))).toBe(16);
    expect(total(modelStateBytes(7e9, "mixed-adam", 0, 1)) / GB).toBeCloseTo(112, 9);
  });

  it("reproduce ZeRO's Figure 1: Ψ = 7.5B on 64 GPUs needs 120, 31.4, 16.6 and 1.9 GB", () => {
    const perStage = ([0, 1, 2, 3] as const).map((stage) => total(modelStateBytes(7.5e9, "mixed-adam", stage, 64)) / GB);
    expect(perStage.map((v) => Math.round(v * 10) / 10)).toEqual([120, 31.4, 16.6, 1.9]);
  });

  it("rejects a GPU count below 1", () => {
    expect(() => modelStateBytes(1e9, "mixed-adam", 3, 0)).toThrow(/gpus/);
  });
});

describe("parameter counts", () => {
  it("come within 2% of the published sizes", () => {
    const published: Record<string, number> = { "GPT-2 XL (1.5B)": 1.542e9, "GPT-3 6.7B": 6.7e9, "GPT-3 13B": 13.0e9, "GPT-3 175B": 175.0e9 };
    for (const [name, shape] of Object.entries(PRESETS)) expect(Math.abs(parameterCount(shape) / published[name] - 1), name).toBeLessThan(0.02);
  });
});

describe("activations", () => {
  const shape = PRESETS["GPT-3 6.7B"];

  it("follow s·b·h·(34 + 5as/h) per layer, and selective recomputation drops the attention term", () => {
    // s = 2048, b = 1, h = 4096, a = 32: 5as/h = 80.
    expect(layerActivationBytes(shape, 1, 2048, "none")).toBe(2048 * 4096 * 114);
    expect(layerActivationBytes(shape, 1, 2048, "selective")).toBe(2048 * 4096 * 34);
  });

  it("grow linearly in the batch and quadratically in the sequence without recomputation", () => {
    const a = activationBytes(shape, 1, 1024, "none");
    expect(activationBytes(shape, 4, 1024, "none")).toBe(4 * a);
    const ratio = activationBytes(shape, 1, 8192, "none") / activationBytes(shape, 1, 4096, "none");
    expect(ratio).toBeGreaterThan(2.5);
    expect(activationBytes(shape, 1, 8192, "selective") / activationBytes(shape, 1, 4096, "selective")).toBe(2);
  });

  it("shrink by recomputation in the order none > selective > full", () => {
    const [none, selective, full] = (["none", "selective", "full"] as const).map((r) => activationBytes(shape, 8, 2048, r));
    expect(none).toBeGreaterThan(selective);
    expect(selective).toBeGreaterThan(full);
  });

  it("add up with the model states into the total", () => {
    const b = trainingBudget({ shape, batch: 1, seq: 2048, recipe: "mixed-adam", recompute: "selective", stage: 0, gpus: 1 });
    expect(b.total).toBe(b.weights + b.gradients + b.optimizer + b.activations);
    expect(b.weights).toBe(2 * parameterCount(shape));
  });
});
