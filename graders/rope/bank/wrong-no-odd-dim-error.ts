// @expect fail no-odd-dim-error
// Never throws for an odd dim: it rotates the first ⌊dim/2⌋ pairs and carries the last feature through unrotated.
import * as tf from "@tensorflow/tfjs";

export type RopeStyle = "interleaved" | "half";
export interface RopeOptions {
  offset?: number;
  base?: number;
  style?: RopeStyle;
}

export function ropeFrequencies(dim: number, base = 10000): tf.Tensor {
  // BUG (no-odd-dim-error): no check: an odd dim silently gets ⌊dim/2⌋ frequencies.
  return tf.tensor1d(Array.from({ length: Math.floor(dim / 2) }, (_, i) => Math.pow(base, (-2 * i) / dim)));
}

export function applyRope(x: tf.Tensor, { offset = 0, base = 10000, style = "interleaved" }: RopeOptions = {}): tf.Tensor {
  if (x.rank < 2) throw new Error("applyRope expects x of shape [..., seqLen, dim]");
  const dim = x.shape[x.rank - 1];
  const seqLen = x.shape[x.rank - 2];
  // BUG (no-odd-dim-error): no check: an odd last feature is passed through unrotated.
  const half = Math.floor(dim / 2);
  const cos = new Float32Array(seqLen * half);
  const sin = new Float32Array(seqLen * half);
  for (let t = 0; t < seqLen; t++) {
    for (let i = 0; i < half; i++) {
      const phi = (offset + t) * Math.pow(base, (-2 * i) / dim);
      cos[t * half + i] = Math.cos(phi);
      sin[t * half + i] = Math.sin(phi);
    }
  }
  return tf.tidy(() => {
    const c = tf.tensor2d(cos, [seqLen, half]);
    const s = tf.tensor2d(sin, [seqLen, half]);
    const lead = x.shape.slice(0, -1);
    const xe = tf.slice(
      x,
      x.shape.map(() => 0),
      [...lead, 2 * half],
    );
    const rest = tf.slice(x, [...lead.map(() => 0), 2 * half], [...lead, dim - 2 * half]);
    if (style === "half") {
      const [a, b] = tf.split(xe, 2, -1);
      return tf.concat([tf.sub(tf.mul(a, c), tf.mul(b, s)), tf.add(tf.mul(a, s), tf.mul(b, c)), rest], -1);
    }
    const pairs = tf.reshape(xe, [...lead, half, 2]);
    const [a, b] = tf.split(pairs, 2, -1).map((p) => tf.squeeze(p, [-1]));
    const ra = tf.sub(tf.mul(a, c), tf.mul(b, s));
    const rb = tf.add(tf.mul(a, s), tf.mul(b, c));
    return tf.concat([tf.reshape(tf.stack([ra, rb], -1), xe.shape), rest], -1);
  });
}
