/** The pure math behind the flash and gqa exercise pages' visuals. */
import { describe, expect, it } from "vitest";
import { crossover, fullScoreElements, memoryCurve, tiledStateElements } from "../../src/components/visuals/attention-memory-math.js";
import { headMap, kvCacheBytes, kvHeadFor } from "../../src/components/visuals/kv-head-map-math.js";

describe("attention memory, plain vs tiled", () => {
  it("the score matrix grows with L², the tiled state with L", () => {
    expect(fullScoreElements(2, 1024, 1024) / fullScoreElements(2, 512, 512)).toBe(4);
    expect(tiledStateElements(2, 1024, 1024, 64, 64) / tiledStateElements(2, 512, 512, 64, 64)).toBe(2);
  });
  it("counts one block of scores, the running output and the running max and sum", () => {
    expect(tiledStateElements(1, 8, 32, 8, 3)).toBe(8 * (8 + 3 + 2));
    // A block larger than Lk holds only Lk scores.
    expect(tiledStateElements(1, 8, 6, 16, 3)).toBe(8 * (6 + 3 + 2));
  });
  it("the two cross where L = blockSize + d_v + 2, and tiling wins beyond", () => {
    const L = crossover(64, 64);
    const [at, after] = memoryCurve([L, 2 * L], { batch: 32, blockSize: 64, dv: 64, bytes: 2 });
    expect(at.full).toBe(at.tiled);
    expect(after.full).toBeGreaterThan(after.tiled);
  });
});

describe("grouped-query head map", () => {
  it("repeat-interleave gives consecutive query heads one KV head; tile cycles", () => {
    expect(headMap(8, 2, "interleave")).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(headMap(8, 2, "tile")).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });
  it("both orders agree at the two ends: MHA (hkv = h) and MQA (hkv = 1)", () => {
    expect(headMap(4, 4, "interleave")).toEqual(headMap(4, 4, "tile"));
    expect(headMap(4, 1, "interleave")).toEqual([0, 0, 0, 0]);
    expect(headMap(4, 1, "tile")).toEqual([0, 0, 0, 0]);
  });
  it("rejects head counts that do not divide", () => {
    expect(() => kvHeadFor(0, 4, 3, "interleave")).toThrow(/divisible/);
  });
  it("the KV cache shrinks by numHeads / numKvHeads: LLaMA-2-70B's 8 KV heads of width 128 hold 320 KiB per token in float16, 8× less than 64 heads", () => {
    const perToken = kvCacheBytes({ layers: 80, numKvHeads: 8, headDim: 128, tokens: 1, bytes: 2 });
    expect(perToken).toBe(2 * 80 * 8 * 128 * 2);
    expect(kvCacheBytes({ layers: 80, numKvHeads: 64, headDim: 128, tokens: 1, bytes: 2 }) / perToken).toBe(8);
  });
});
