// @expect fail offset-minus-one
// Reads the offset as the last cached position: row t is placed at offset − 1 + t (right at offset 0, where nothing is cached).
import * as tf from "@tensorflow/tfjs";

export type RopeStyle = "interleaved" | "half";
export interface RopeOptions {
  offset?: number;
  base?: number;
  style?: RopeStyle;
}

function checkDim(dim: number): void {
  if (!Number.isInteger(dim) || dim <= 0 || dim % 2 !== 0) throw new Error(`RoPE rotates pairs: dim must be even, got ${dim}`);
}

export function ropeFrequencies(dim: number, base = 10000): tf.Tensor {
  checkDim(dim);
  return tf.tensor1d(Array.from({ length: dim / 2 }, (_, i) => Math.pow(base, (-2 * i) / dim)));
}

export function applyRope(x: tf.Tensor, { offset = 0, base = 10000, style = "interleaved" }: RopeOptions = {}): tf.Tensor {
  if (x.rank < 2) throw new Error("applyRope expects x of shape [..., seqLen, dim]");
  const dim = x.shape[x.rank - 1];
  const seqLen = x.shape[x.rank - 2];
  checkDim(dim);
  const half = dim / 2;
  const cos = new Float32Array(seqLen * half);
  const sin = new Float32Array(seqLen * half);
  for (let t = 0; t < seqLen; t++) {
    for (let i = 0; i < half; i++) {
      // BUG (offset-minus-one): one position too early whenever there is an offset.
      const position = offset > 0 ? offset - 1 + t : t;
      const phi = position * Math.pow(base, (-2 * i) / dim);
      cos[t * half + i] = Math.cos(phi);
      sin[t * half + i] = Math.sin(phi);
    }
  }
  return tf.tidy(() => {
    const c = tf.tensor2d(cos, [seqLen, half]);
    const s = tf.tensor2d(sin, [seqLen, half]);
    if (style === "half") {
      const [a, b] = tf.split(x, 2, -1);
      return tf.concat([tf.sub(tf.mul(a, c), tf.mul(b, s)), tf.add(tf.mul(a, s), tf.mul(b, c))], -1);
    }
    const pairs = tf.reshape(x, [...x.shape.slice(0, -1), half, 2]);
    const [a, b] = tf.split(pairs, 2, -1).map((p) => tf.squeeze(p, [-1]));
    const ra = tf.sub(tf.mul(a, c), tf.mul(b, s));
    const rb = tf.add(tf.mul(a, s), tf.mul(b, c));
    return tf.reshape(tf.stack([ra, rb], -1), x.shape);
  });
}
