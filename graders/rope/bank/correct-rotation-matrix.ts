// @expect pass
// Builds the block-diagonal rotation matrix of every position (either pairing) and applies it with one batched matMul.
import * as tf from "@tensorflow/tfjs";

export function ropeFrequencies(dim: number, base = 10000): tf.Tensor {
  if (dim % 2 !== 0) throw new Error(`RoPE needs an even dim, got ${dim}`);
  return tf.tensor1d(Array.from({ length: dim / 2 }, (_, i) => 1 / base ** ((2 * i) / dim)));
}

export function applyRope(x: tf.Tensor, options: { offset?: number; base?: number; style?: "interleaved" | "half" } = {}): tf.Tensor {
  const { offset = 0, base = 10000, style = "interleaved" } = options;
  if (x.rank < 2) throw new Error("x must be [..., seqLen, dim]");
  const dim = x.shape[x.rank - 1];
  const L = x.shape[x.rank - 2];
  if (dim % 2 !== 0) throw new Error(`RoPE needs an even dim, got ${dim}`);
  const half = dim / 2;
  // Row vectors: y = x · M_t, so M_t is the transpose of the rotation R_t, pair by pair.
  const m = new Float32Array(L * dim * dim);
  for (let t = 0; t < L; t++) {
    for (let i = 0; i < half; i++) {
      const [p, q] = style === "half" ? [i, i + half] : [2 * i, 2 * i + 1];
      const phi = (offset + t) / base ** ((2 * i) / dim);
      const at = (r: number, c: number) => (t * dim + r) * dim + c;
      m[at(p, p)] = Math.cos(phi);
      m[at(q, q)] = Math.cos(phi);
      m[at(p, q)] = Math.sin(phi);
      m[at(q, p)] = -Math.sin(phi);
    }
  }
  return tf.tidy(() => {
    const rows = tf.expandDims(x, -2); // [..., L, 1, dim]
    const rotated = tf.matMul(rows, tf.tensor3d(m, [L, dim, dim])); // batch axes broadcast against [L]
    return tf.reshape(rotated, x.shape);
  });
}
