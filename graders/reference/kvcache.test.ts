/** The float64 decoding step: equal to causal MHA row by row (with and without RoPE, by chunks or token by token), its VJP against finite differences. */
import { describe, expect, it } from "vitest";
import { nd, type NdArray } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { scaledDotProductAttention } from "./attention.js";
import { decodeStep, decodeStepVjp, sliceAxis2, type DecodeOptions, type KvCache } from "./kvcache.js";
import { causalMask } from "./masking.js";
import { linear, mergeHeads, multiHeadAttention, splitHeads, type MhaWeightsNd } from "./mha.js";
import { applyRope } from "./rope.js";

const randn = normalSampler(2024);
const d = 8;
const h = 2;
const weights = (): MhaWeightsNd => ({
  wq: randn([d, d], 0.4),
  wk: randn([d, d], 0.4),
  wv: randn([d, d], 0.4),
  wo: randn([d, d], 0.4),
  bq: randn([d]),
  bk: randn([d]),
  bv: randn([d]),
  bo: randn([d]),
});

/** Rows start … start+size−1 of [b, L, d]: axis 2 of the same data viewed as [b, 1, L, d]. */
function rows(x: NdArray, start: number, size: number): NdArray {
  const [b, L, dd] = x.shape;
  return { shape: [b, size, dd], data: sliceAxis2({ shape: [b, 1, L, dd], data: x.data }, start, size).data };
}

/** Causal attention over the whole sequence with q, k rotated at positions 0 … L−1: what decoding must reproduce. */
function fullCausal(x: NdArray, w: MhaWeightsNd, opts: DecodeOptions): NdArray {
  if (!opts.rope) return multiHeadAttention(x, x, x, w, h, causalMask(x.shape[1])).output;
  const rope = { offset: 0, ...opts.rope };
  const Q = applyRope(splitHeads(linear(x, w.wq, w.bq), h), rope);
  const K = applyRope(splitHeads(linear(x, w.wk, w.bk), h), rope);
  const V = splitHeads(linear(x, w.wv, w.bv), h);
  return linear(mergeHeads(scaledDotProductAttention(Q, K, V, causalMask(x.shape[1])).output), w.wo, w.bo);
}

const empty = (b: number): KvCache => ({ k: nd([b, h, 0, d / h]), v: nd([b, h, 0, d / h]) });

describe("KV-cache decoding reference", () => {
  for (const opts of [{}, { rope: {} }, { rope: { style: "half" as const, base: 500 } }] as DecodeOptions[]) {
    it(`decoding in chunks of 3, 1, 2 from an empty cache gives causal MHA's rows (${JSON.stringify(opts)})`, () => {
      const w = weights();
      const x = randn([2, 6, d]);
      let cache = empty(2);
      const outs: NdArray[] = [];
      let at = 0;
      for (const n of [3, 1, 2]) {
        const step = decodeStep(rows(x, at, n), cache, w, h, opts);
        expect(step.cache.k.shape).toEqual([2, h, at + n, d / h]);
        outs.push(step.output);
        cache = step.cache;
        at += n;
      }
      const full = fullCausal(x, w, opts);
      let offset = 0;
      for (const o of outs) {
        close(o.data, rows(full, offset, o.shape[1]).data);
        offset += o.shape[1];
      }
    });
  }
  for (const opts of [{}, { rope: { style: "half" as const } }] as DecodeOptions[]) {
    it(`the VJP agrees with central finite differences for xNew, both cache tensors and every weight (${JSON.stringify(opts)})`, () => {
      const w = weights();
      const xNew = randn([2, 2, d]);
      const cache = { k: randn([2, h, 3, d / h]), v: randn([2, h, 3, d / h]) };
      const run = () => decodeStep(xNew, cache, w, h, opts).output;
      const c = randn([2, 2, d]);
      const g = decodeStepVjp(xNew, cache, w, h, opts, c);
      const pairs: [NdArray, NdArray][] = [
        [xNew, g.dxNew],
        [cache.k, g.dcacheK],
        [cache.v, g.dcacheV],
      ];
      for (const name of ["wq", "wk", "wv", "wo", "bq", "bk", "bv", "bo"] as const) pairs.push([w[name]!, g.weights[name]]);
      for (const [t, grad] of pairs) expect(fdCheck(t, () => run(), c, grad)).toBeLessThan(1e-6);
    });
  }
});
