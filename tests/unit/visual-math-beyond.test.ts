/**
 * The pure math behind the visuals of topics 38–41 (src/components/visuals/math/): KV-cache
 * bytes, top-k routing with capacity and the load-balancing loss, length-extrapolation
 * schemes, and the layouts of the pre-training objectives. No site build is needed.
 */
import { describe, expect, it } from "vitest";
import { rng } from "../../src/components/visuals/_shared.js";
import {
  bytesPerToken,
  formatBytes,
  kvCacheBytes,
  kvHeadOptions,
  kvProjectionParams,
  maxBatch,
  type CacheShape,
} from "../../src/components/visuals/math/kv-memory.js";
import { auxLossLogitGrad, expertCapacity, route, routerProbs, topK, trainRouter } from "../../src/components/visuals/math/moe-routing.js";
import {
  alibiSlopes,
  angleReach,
  ropeSelfScore,
  ropeThetas,
  scaledThetas,
  t5Bucket,
  yarnLogitScale,
  yarnRamp,
} from "../../src/components/visuals/math/length-bias.js";
import { causalLayout, lossCoverage, MASK, maskedLayout, prefixLayout, spanLayout } from "../../src/components/visuals/math/objectives.js";
import { randomMatrix, softmax } from "../../src/components/visuals/_math.js";

describe("KV-cache bytes", () => {
  const llama7b: CacheShape = { layers: 32, heads: 32, kvHeads: 32, dHead: 128, seqLen: 4096, batch: 1, bytesPerValue: 2 };

  it("gives the 7B-class figures of topic 12: 512 KiB per token, 2 GiB at 4096 tokens in 16-bit", () => {
    expect(bytesPerToken(llama7b)).toBe(512 * 1024);
    expect(kvCacheBytes(llama7b)).toBe(2 * 2 ** 30);
  });

  it("is linear in layers, KV heads, head width, length, batch and bytes per value", () => {
    const base = kvCacheBytes(llama7b);
    expect(kvCacheBytes({ ...llama7b, layers: 64 })).toBe(2 * base);
    expect(kvCacheBytes({ ...llama7b, dHead: 64 })).toBe(base / 2);
    expect(kvCacheBytes({ ...llama7b, seqLen: 32768, batch: 3 })).toBe(24 * base);
    expect(kvCacheBytes({ ...llama7b, bytesPerValue: 1 })).toBe(base / 2);
  });

  it("shrinks by h / g under GQA and by h under MQA, and so do W_K and W_V", () => {
    const mha = kvCacheBytes(llama7b);
    expect(kvCacheBytes({ ...llama7b, kvHeads: 8 })).toBe(mha / 4);
    expect(kvCacheBytes({ ...llama7b, kvHeads: 1 })).toBe(mha / 32);
    expect(kvProjectionParams({ heads: 64, kvHeads: 8, dHead: 128 })).toBe(2 * 8192 * 1024);
    expect(kvProjectionParams({ heads: 64, kvHeads: 64, dHead: 128 })).toBe(2 * 8192 * 8192);
  });

  it("offers exactly the divisors of h as KV-head counts, and rejects any other", () => {
    expect(kvHeadOptions(32)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(kvHeadOptions(12)).toEqual([1, 2, 3, 4, 6, 12]);
    expect(() => kvCacheBytes({ ...llama7b, kvHeads: 5 })).toThrow(/must divide heads/);
    expect(() => kvCacheBytes({ ...llama7b, seqLen: 0 })).toThrow(/seqLen/);
    expect(() => kvCacheBytes({ ...llama7b, layers: 1.5 })).toThrow(/layers/);
  });

  it("fits the largest whole number of sequences into a budget", () => {
    for (const budget of [1e9, 80e9, 2 ** 31, 2 ** 31 - 1]) {
      const b = maxBatch(llama7b, budget);
      const per = kvCacheBytes(llama7b);
      expect(b * per).toBeLessThanOrEqual(budget);
      expect((b + 1) * per).toBeGreaterThan(budget);
    }
  });

  it("formats bytes in binary units", () => {
    expect(formatBytes(512 * 1024)).toBe("512 KiB");
    expect(formatBytes(1.25 * 2 ** 30)).toBe("1.25 GiB");
    expect(formatBytes(320 * 1024)).toBe("320 KiB");
    expect(formatBytes(12)).toBe("12 B");
  });
});

describe("top-k routing", () => {
  const oneHot = (n: number, i: number) => Array.from({ length: n }, (_, j) => (j === i ? 1 : 0));

  it("computes Switch's capacity, CF · k · T / N rounded down", () => {
    expect(expertCapacity(4096, 8, 1, 1.25)).toBe(640);
    expect(expertCapacity(4096, 8, 2, 1.25)).toBe(1280);
    expect(expertCapacity(10, 4, 1, 1)).toBe(2);
    expect(() => expertCapacity(10, 4, 1, 0)).toThrow(/capacity factor/);
  });

  it("picks the k largest probabilities, ties to the lower index, and rejects a bad k", () => {
    expect(topK([0.1, 0.4, 0.4, 0.1], 2)).toEqual([1, 2]);
    expect(topK([0.5, 0.2, 0.3], 1)).toEqual([0]);
    expect(() => topK([0.5, 0.5], 3)).toThrow(/k must be/);
  });

  it("scores a perfectly balanced routing at exactly 1 and drops nothing at CF 1", () => {
    const probs = Array.from({ length: 64 }, (_, t) => oneHot(8, t % 8));
    const r = route(probs, 1, 1);
    expect(r.auxLoss).toBeCloseTo(1, 12);
    expect(r.droppedSlots).toBe(0);
    expect(r.kept).toEqual(new Array(8).fill(8));
  });

  it("scores a collapsed router at N and drops everything past one expert's capacity, in token order", () => {
    const probs = Array.from({ length: 64 }, () => softmax([9, 0, 0, 0, 0, 0, 0, 0]));
    const r = route(probs, 1, 1.25);
    expect(r.capacity).toBe(10);
    expect(r.kept[0]).toBe(10);
    expect(r.droppedSlots).toBe(54);
    expect(r.tokensFullyDropped).toBe(54);
    expect(r.auxLoss).toBeGreaterThan(7.9);
    expect(r.auxLoss).toBeLessThanOrEqual(8);
  });

  it("with k = 2 drops a token only when both of its experts are full", () => {
    // Every token prefers expert 0, then expert 1 or 2 alternately; capacity 1.0·2·8/4 = 4.
    const probs = Array.from({ length: 8 }, (_, t) => (t % 2 ? [0.6, 0, 0.4, 0] : [0.6, 0.4, 0, 0]));
    const r = route(probs, 2, 1);
    expect(r.capacity).toBe(4);
    expect(r.requested).toEqual([8, 4, 4, 0]);
    expect(r.kept).toEqual([4, 4, 4, 0]);
    expect(r.droppedSlots).toBe(4);
    expect(r.tokensFullyDropped).toBe(0);
  });

  it("has the logit gradient of N·Σ f·P (f held fixed) that finite differences give", () => {
    const N = 4;
    const next = rng(5);
    const Z = Array.from({ length: 6 }, () => Array.from({ length: N }, () => 2 * next() - 1));
    const f = [0.5, 0.25, 0.25, 0];
    const loss = (z: number[][]) => {
      const probs = z.map((row) => softmax(row));
      return N * f.reduce((s, fi, i) => s + (fi * probs.reduce((a, p) => a + p[i], 0)) / z.length, 0);
    };
    const G = auxLossLogitGrad(
      Z.map((row) => softmax(row)),
      f,
    );
    const h = 1e-6;
    for (let t = 0; t < Z.length; t++) {
      for (let j = 0; j < N; j++) {
        const up = Z.map((row) => row.slice());
        const down = Z.map((row) => row.slice());
        up[t][j] += h;
        down[t][j] -= h;
        expect(G[t][j]).toBeCloseTo((loss(up) - loss(down)) / (2 * h), 7);
      }
    }
  });

  it("balances a skewed router when trained on the balancing loss", () => {
    const X = randomMatrix(256, 16, 7);
    const start = { W: randomMatrix(16, 8, 11, 0.3), b: Array.from({ length: 8 }, (_, i) => 1.5 * (1 - (2 * i) / 7)) };
    const before = route(routerProbs(X, start), 1, 1.25);
    const after = route(routerProbs(X, trainRouter(X, start, 1, 60, 0.5)), 1, 1.25);
    expect(before.droppedSlots).toBeGreaterThan(50);
    expect(after.droppedSlots).toBe(0);
    expect(after.auxLoss).toBeLessThan(before.auxLoss);
    expect(Math.max(...after.requested)).toBeLessThanOrEqual(after.capacity);
  });
});

describe("length extrapolation", () => {
  const o = { d: 128, base: 10000, s: 4, trainLen: 4096 };

  it("gives ALiBi's geometric slopes, 1/2 … 1/256 for 8 heads, interleaved for 12", () => {
    expect(alibiSlopes(8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => 2 ** -k));
    const twelve = alibiSlopes(12);
    expect(twelve.slice(0, 8)).toEqual(alibiSlopes(8));
    expect(twelve.slice(8)).toEqual([0, 2, 4, 6].map((i) => alibiSlopes(16)[i]));
    expect(() => alibiSlopes(0)).toThrow(/heads/);
  });

  it("interpolates every frequency by 1/s, so the scaled score at s·Δ is the trained score at Δ", () => {
    const trained = ropeThetas(128);
    const pi = scaledThetas("pi", o);
    pi.forEach((t, i) => {
      expect(t).toBeCloseTo(trained[i] / 4, 15);
    });
    for (const d of [1, 37, 1000, 4095]) expect(ropeSelfScore(4 * d, pi)).toBeCloseTo(ropeSelfScore(d, trained), 9);
    expect(angleReach("pi", o).every((p) => Math.abs(p.ratio - 1) < 1e-12)).toBe(true);
  });

  it("NTK-aware scaling keeps the fastest pair and slows the slowest by exactly s", () => {
    const trained = ropeThetas(128);
    const ntk = scaledThetas("ntk", o);
    expect(ntk[0]).toBe(trained[0]);
    expect(ntk[63] / trained[63]).toBeCloseTo(1 / 4, 12);
    for (let i = 1; i < 64; i++) expect(ntk[i] / trained[i]).toBeLessThan(ntk[i - 1] / trained[i - 1]);
  });

  it("YaRN keeps pairs that turn ≥ 32 times in training, interpolates those that turn ≤ once, and ramps between", () => {
    const trained = ropeThetas(128);
    const yarn = scaledThetas("yarn", o);
    trained.forEach((t, i) => {
      const turns = (4096 * t) / (2 * Math.PI);
      if (turns >= 32) expect(yarn[i]).toBe(t);
      else if (turns <= 1) expect(yarn[i]).toBeCloseTo(t / 4, 15);
      else {
        expect(yarn[i]).toBeLessThan(t);
        expect(yarn[i]).toBeGreaterThan(t / 4);
      }
    });
    expect(yarnRamp(trained[0], 4096)).toBe(1);
    expect(yarnLogitScale(1)).toBe(1);
    expect(Math.sqrt(yarnLogitScale(16))).toBeCloseTo(0.1 * Math.log(16) + 1, 12);
  });

  it("unscaled, every pair that had not turned a full circle reaches angles s times beyond training", () => {
    const reach = angleReach("none", o);
    expect(reach.every((p) => Math.abs(p.ratio - 4) < 1e-9)).toBe(true);
    // 2π · 10000^(2i/128) < 4096 for i ≤ 45.
    expect(reach.filter((p) => p.fullTurn).map((p) => p.pair)).toEqual(Array.from({ length: 46 }, (_, i) => i));
    expect(() => scaledThetas("pi", { ...o, s: 0.5 })).toThrow(/scale factor/);
    expect(() => ropeThetas(7)).toThrow(/even/);
  });

  it("buckets T5's relative positions: exact below 8 each way, logarithmic up to 128, one bucket beyond", () => {
    for (let r = 0; r < 8; r++) {
      expect(t5Bucket(-r)).toBe(r);
      if (r > 0) expect(t5Bucket(r)).toBe(16 + r);
    }
    expect(new Set([128, 200, 10_000].map((r) => t5Bucket(-r)))).toEqual(new Set([15]));
    let last = 0;
    for (let r = 0; r <= 300; r++) {
      const b = t5Bucket(-r);
      expect(b).toBeGreaterThanOrEqual(last);
      last = b;
    }
    // Causal (decoder) side: 32 buckets for the past, 16 of them exact; the future maps to 0.
    expect(t5Bucket(-15, false)).toBe(15);
    expect(t5Bucket(-1000, false)).toBe(31);
    expect(t5Bucket(5, false)).toBe(0);
  });
});

describe("pre-training objectives", () => {
  const words = "the cat sat on the mat and then it slept in the sun".split(" ");

  it("causal LM: every position is trained on the next token and sees only the past", () => {
    const l = causalLayout(words);
    expect(lossCoverage(l)).toEqual({ trained: 14, total: 14 });
    l.positions.slice(0, -1).forEach((p, i) => {
      expect(p.target).toBe(l.positions[i + 1].input);
    });
    l.attend.forEach((row, i) => {
      row.forEach((ok, j) => {
        expect(ok).toBe(j <= i);
      });
    });
  });

  it("prefix LM: bidirectional inside the prefix, causal after, loss from the last prefix position on", () => {
    const l = prefixLayout(words, 5);
    expect(lossCoverage(l).trained).toBe(14 - 5 + 1);
    expect(l.attend[0][4]).toBe(true);
    expect(l.attend[0][5]).toBe(false);
    expect(l.attend[6][7]).toBe(false);
    expect(l.attend[13][0]).toBe(true);
    expect(() => prefixLayout(words, 0)).toThrow(/prefix/);
  });

  it("masked LM: 15% of positions chosen, 80/10/10 over many draws, the others untouched and untrained", () => {
    const counts = { mask: 0, random: 0, kept: 0 };
    for (let seed = 1; seed <= 3000; seed++) {
      const l = maskedLayout(words, rng(seed), ["dog"]);
      expect(lossCoverage(l).trained).toBe(2);
      l.positions.forEach((p, i) => {
        if (p.target === null) expect(p.input).toBe(words[i]);
        else {
          expect(p.target).toBe(words[i]);
          counts[p.corruption!]++;
          if (p.corruption === "mask") expect(p.input).toBe(MASK);
        }
      });
      expect(l.attend.flat().every(Boolean)).toBe(true);
    }
    expect(counts.mask / 6000).toBeCloseTo(0.8, 1);
    expect(counts.random / 6000).toBeCloseTo(0.1, 1);
    expect(counts.kept / 6000).toBeCloseTo(0.1, 1);
  });

  it("span corruption: sentinels and spans rebuild the sentence; encoder never sees the decoder, decoder is causal", () => {
    const l = spanLayout(words, [
      [2, 2],
      [9, 1],
    ]);
    const enc = l.positions.filter((p) => p.side === "encoder").map((p) => p.input);
    const targets = l.positions.filter((p) => p.side === "decoder").map((p) => p.target!);
    expect(enc).toEqual(["the", "cat", "<X>", "the", "mat", "and", "then", "it", "<Y>", "in", "the", "sun"]);
    expect(targets).toEqual(["<X>", "sat", "on", "<Y>", "slept", "<Z>"]);
    const rebuilt = enc.flatMap((w) => (w === "<X>" ? ["sat", "on"] : w === "<Y>" ? ["slept"] : [w]));
    expect(rebuilt).toEqual(words);
    const e = enc.length;
    l.attend.forEach((row, i) => {
      row.forEach((ok, j) => {
        if (i < e) expect(ok).toBe(j < e);
        else expect(ok).toBe(j < e || j <= i);
      });
    });
    expect(() =>
      spanLayout(words, [
        [2, 3],
        [3, 1],
      ]),
    ).toThrow(/overlaps/);
  });
});
