/**
 * Float64 inverted dropout and its VJP, with the exact mask the contract pins:
 * tf.randomUniform(x.shape, 0, 1, "float32", seed), kept where u ≥ rate.
 *
 * Why the grader can reproduce that mask outside the learner's realm: in tfjs 4.x,
 * randomUniform fills its buffer in JavaScript on every backend (ops/random_uniform.ts:
 * `new UniformRandom(min, max, null, seed)` → seedrandom's Alea seeded with String(seed)),
 * then uploads it — WebGPU and WASM included. `tfUniform` below is that generator, ported;
 * dropout.test.ts pins it, value for value, to tf.randomUniform, so a tfjs upgrade that
 * changes the generator fails there first instead of failing every learner.
 */
import { nd, sizeOf, type NdArray } from "../engine/ndarray.js";

/** Baagøe's Mash hash (as in seedrandom/lib/alea.js): folds a string into [0, 1). */
function mash(): (data: string) => number {
  let n = 0xefc8249d;
  return (data) => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * 2.3283064365386963e-10;
  };
}

/** Alea (seedrandom 3.0.5): the generator behind tf.randomUniform with a seed. */
function alea(seed: string): () => number {
  const m = mash();
  let c = 1;
  let s0 = m(" ");
  let s1 = m(" ");
  let s2 = m(" ");
  s0 -= m(seed);
  if (s0 < 0) s0 += 1;
  s1 -= m(seed);
  if (s1 < 0) s1 += 1;
  s2 -= m(seed);
  if (s2 < 0) s2 += 1;
  return () => {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    return s2;
  };
}

/** The values of tf.randomUniform(shape, 0, 1, "float32", seed), as float32 numbers. */
export function tfUniform(shape: readonly number[], seed: number | string): NdArray {
  const next = alea(String(seed));
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) out.data[i] = Math.fround(next());
  return out;
}

export interface DropoutOptions {
  training?: boolean;
  seed?: number;
}

export function checkRate(rate: number): void {
  if (!(typeof rate === "number" && rate >= 0 && rate <= 1)) throw new Error(`rate must be in [0, 1], got ${rate}`);
}

/**
 * The multiplier m with dropout(x) = x ⊙ m: 1 when not training or rate 0, 0 when rate 1,
 * else keep/(1 − rate). The comparison is made against float32(rate), as tf.greaterEqual
 * would make it: the learner's rate crosses into float32 with the uniform values.
 */
export function dropoutMultiplier(shape: readonly number[], rate: number, opts: DropoutOptions = {}): NdArray {
  checkRate(rate);
  const training = opts.training ?? true;
  if (!training || rate === 0) return nd(shape, new Float64Array(sizeOf(shape)).fill(1));
  if (rate === 1) return nd(shape);
  if (opts.seed === undefined) throw new Error("the reference needs a seed to know the mask");
  const u = tfUniform(shape, opts.seed);
  const r32 = Math.fround(rate);
  return nd(
    shape,
    u.data.map((v) => (v >= r32 ? 1 / (1 - rate) : 0)),
  );
}

export function dropout(x: NdArray, rate: number, opts: DropoutOptions = {}): NdArray {
  const m = dropoutMultiplier(x.shape, rate, opts);
  return nd(
    x.shape,
    x.data.map((v, i) => v * m.data[i]),
  );
}

/** Dropout is linear in x with a diagonal Jacobian: dx = dy ⊙ m, the same mask as the forward pass. */
export function dropoutVjp(x: NdArray, rate: number, opts: DropoutOptions, dy: NdArray): NdArray {
  const m = dropoutMultiplier(x.shape, rate, opts);
  return nd(
    x.shape,
    dy.data.map((v, i) => v * m.data[i]),
  );
}
