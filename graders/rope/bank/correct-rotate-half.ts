// @expect pass
// The Hugging Face formulation: x·cos + rotate_half(x)·sin, with cos/sin repeated to full width.
import * as tf from "@tensorflow/tfjs";

export function ropeFrequencies(dim: number, base = 10000): tf.Tensor {
  if (dim % 2 !== 0) throw new Error(`odd dim ${dim}`);
  const inv = new Float32Array(dim / 2);
  for (let i = 0; i < dim / 2; i++) inv[i] = 1 / Math.pow(base, (2 * i) / dim);
  return tf.tensor1d(inv);
}

export function applyRope(x: tf.Tensor, options: { offset?: number; base?: number; style?: "interleaved" | "half" } = {}): tf.Tensor {
  const { offset = 0, base = 10000, style = "interleaved" } = options;
  const dim = x.shape[x.rank - 1];
  const L = x.shape[x.rank - 2];
  if (dim % 2 !== 0) throw new Error(`odd dim ${dim}`);
  const half = dim / 2;
  // Full-width tables: for "half", entry j uses pair j mod half; for "interleaved", pair ⌊j/2⌋.
  const cos = new Float32Array(L * dim);
  const sin = new Float32Array(L * dim);
  for (let t = 0; t < L; t++) {
    for (let j = 0; j < dim; j++) {
      const i = style === "half" ? j % half : Math.floor(j / 2);
      const phi = (offset + t) / Math.pow(base, (2 * i) / dim);
      cos[t * dim + j] = Math.cos(phi);
      sin[t * dim + j] = Math.sin(phi);
    }
  }
  return tf.tidy(() => {
    let rotated: tf.Tensor;
    if (style === "half") {
      const [a, b] = tf.split(x, 2, -1);
      rotated = tf.concat([tf.neg(b), a], -1); // (−x2, x1)
    } else {
      const pairs = tf.reshape(x, [...x.shape.slice(0, -1), half, 2]);
      const [a, b] = tf.split(pairs, 2, -1);
      rotated = tf.reshape(tf.concat([tf.neg(b), a], -1), x.shape); // (−x_{2i+1}, x_{2i})
    }
    return tf.add(tf.mul(x, tf.tensor2d(cos, [L, dim])), tf.mul(rotated, tf.tensor2d(sin, [L, dim])));
  });
}
