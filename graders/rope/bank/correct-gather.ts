// @expect pass
// Gathers the pair partners with tf.gather and a signed swap, one code path for both styles.
import * as tf from "@tensorflow/tfjs";

export function ropeFrequencies(dim: number, base = 10000): tf.Tensor {
  if (!Number.isInteger(dim / 2)) throw new Error("dim must be even");
  return tf.tidy(() => tf.exp(tf.mul(tf.range(0, dim / 2), (-2 * Math.log(base)) / dim)));
}

export function applyRope(
  x: tf.Tensor,
  { offset = 0, base = 10000, style = "interleaved" }: { offset?: number; base?: number; style?: "interleaved" | "half" } = {},
): tf.Tensor {
  const dim = x.shape[x.rank - 1];
  const L = x.shape[x.rank - 2];
  if (dim % 2 !== 0) throw new Error("dim must be even");
  const half = dim / 2;
  const partner: number[] = [];
  const sign: number[] = [];
  const pairOf: number[] = [];
  for (let j = 0; j < dim; j++) {
    if (style === "half") {
      partner.push(j < half ? j + half : j - half);
      sign.push(j < half ? -1 : 1);
      pairOf.push(j % half);
    } else {
      partner.push(j % 2 === 0 ? j + 1 : j - 1);
      sign.push(j % 2 === 0 ? -1 : 1);
      pairOf.push(Math.floor(j / 2));
    }
  }
  const angle = (t: number, j: number) => (offset + t) * Math.pow(base, (-2 * pairOf[j]) / dim);
  const cos = tf.tensor2d(
    Array.from({ length: L * dim }, (_, n) => Math.cos(angle(Math.floor(n / dim), n % dim))),
    [L, dim],
  );
  const sin = tf.tensor2d(
    Array.from({ length: L * dim }, (_, n) => sign[n % dim] * Math.sin(angle(Math.floor(n / dim), n % dim))),
    [L, dim],
  );
  const out = tf.tidy(() => tf.add(tf.mul(x, cos), tf.mul(tf.gather(x, tf.tensor1d(partner, "int32"), x.rank - 1), sin)));
  cos.dispose();
  sin.dispose();
  return out;
}
