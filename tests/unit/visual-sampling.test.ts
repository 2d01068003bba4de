/**
 * Topic 34's decoding arithmetic (src/components/visuals/_sampling.ts): temperature, top-k and
 * top-p reshape the distribution the way the page says, and beam search can beat greedy.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { beamSearch, greedy, samplingDistribution, topKMask, topPMask, type ToyModel } from "../../src/components/visuals/_sampling.js";

const LOGITS = [3.0, 2.0, 1.5, 1.0, 0.5, 0.0, -1.0, -2.0];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));

describe("temperature, top-k and top-p", () => {
  it("leave the softmax unchanged at T = 1, k = V, p = 1", () => {
    const { final, kept } = samplingDistribution(LOGITS, { temperature: 1, topK: LOGITS.length, topP: 1 });
    const e = LOGITS.map(Math.exp);
    final.forEach((p, i) => {
      expect(p).toBeCloseTo(e[i] / sum(e), 12);
    });
    expect(kept.every(Boolean)).toBe(true);
  });

  it("tend to greedy as T → 0 and to uniform as T grows, without changing the ranking", () => {
    const cold = samplingDistribution(LOGITS, { temperature: 0.05, topK: 8, topP: 1 }).final;
    expect(cold[0]).toBeGreaterThan(0.9999);
    const hot = samplingDistribution(LOGITS, { temperature: 1000, topK: 8, topP: 1 }).final;
    for (const p of hot) expect(p).toBeCloseTo(1 / 8, 2);
    for (let i = 1; i < 8; i++) expect(hot[i]).toBeLessThan(hot[i - 1]);
  });

  it("top-k keeps exactly the k most probable tokens", () => {
    const { final, kept } = samplingDistribution(LOGITS, { temperature: 1, topK: 3, topP: 1 });
    expect(kept).toEqual([true, true, true, false, false, false, false, false]);
    expect(sum(final)).toBeCloseTo(1, 12);
  });

  it("top-p keeps the smallest head whose mass reaches p, including the token that crosses it", () => {
    const p = [0.5, 0.3, 0.15, 0.05];
    expect(topPMask(p, 0.5)).toEqual([true, false, false, false]);
    expect(topPMask(p, 0.51)).toEqual([true, true, false, false]);
    expect(topPMask(p, 0.9)).toEqual([true, true, true, false]);
    expect(topPMask(p, 1)).toEqual([true, true, true, true]);
  });

  it("top-p adapts to the shape of the distribution, top-k does not", () => {
    const peaked = [6, 2, 1.5, 1, 0.5, 0, -1, -2];
    const flat = [0.3, 0.25, 0.2, 0.15, 0.1, 0.05, 0, -0.05];
    const count = (z: number[]) => samplingDistribution(z, { temperature: 1, topK: 8, topP: 0.9 }).kept.filter(Boolean).length;
    expect(count(peaked)).toBe(1);
    // Every token here has under 15% of the mass, so six hold under 90%: the nucleus needs 7 or more.
    expect(count(flat)).toBeGreaterThanOrEqual(7);
    expect(topKMask(peaked, 3).filter(Boolean)).toHaveLength(3);
  });

  it("always keeps the most probable token and a distribution that sums to 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (z, temperature, topK, topP) => {
          const { tempered, final, kept } = samplingDistribution(z, { temperature, topK, topP });
          // (Logits a denormal apart tie once exponentiated: then any of the tied tokens will do.)
          expect(kept.some((k, i) => k && tempered[i] === tempered[argmax(tempered)])).toBe(true);
          expect(sum(final)).toBeCloseTo(1, 9);
          final.forEach((p, i) => {
            expect(p > 0).toBe(kept[i]);
          });
        },
      ),
    );
  });

  it("rejects a temperature that is not positive", () => {
    expect(() => samplingDistribution(LOGITS, { temperature: 0, topK: 8, topP: 1 })).toThrow(/temperature/);
  });
});

describe("greedy and beam search", () => {
  // The page's example: A is likelier first, but B is followed by a near-certain token.
  const model: ToyModel = (prefix) =>
    prefix.length === 0
      ? new Map([
          ["A", 0.5],
          ["B", 0.4],
          ["C", 0.1],
        ])
      : prefix[0] === "A"
        ? new Map([
            ["x", 0.4],
            ["y", 0.3],
            ["z", 0.3],
          ])
        : new Map([
            ["x", 0.9],
            ["y", 0.1],
          ]);

  it("greedy commits to A and ends with probability 0.2", () => {
    const g = greedy(model, 2);
    expect(g.tokens).toEqual(["A", "x"]);
    expect(g.prob).toBeCloseTo(0.2, 12);
  });

  it("a beam of 2 keeps B alive and finds B x with probability 0.36", () => {
    const b = beamSearch(model, 2, 2);
    expect(b.tokens).toEqual(["B", "x"]);
    expect(b.prob).toBeCloseTo(0.36, 12);
    expect(beamSearch(model, 2, 1).tokens).toEqual(["A", "x"]);
  });
});
