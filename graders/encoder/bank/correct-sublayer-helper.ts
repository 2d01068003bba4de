// @expect pass
// One residual helper for both forms, fused Q/K/V projection, tf.where mask with the dtype's lowest float32.
import * as tf from "@tensorflow/tfjs";

interface P {
  numHeads: number;
  attn: Record<string, tf.Tensor | undefined> & { wq: tf.Tensor; wk: tf.Tensor; wv: tf.Tensor; wo: tf.Tensor };
  ffn: { w1: tf.Tensor; b1: tf.Tensor; w2: tf.Tensor; b2: tf.Tensor };
  ln1: { gamma: tf.Tensor; beta: tf.Tensor };
  ln2: { gamma: tf.Tensor; beta: tf.Tensor };
}

const affine = (x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor) => {
  const [n, L, d] = x.shape as number[];
  const y = tf.matMul(tf.reshape(x, [n * L, d]), w);
  return tf.reshape(b ? tf.add(y, b) : y, [n, L, w.shape[1] as number]);
};

const ln = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
  const { mean, variance } = tf.moments(x, x.rank - 1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
};

function mha(x: tf.Tensor, p: P, mask?: tf.Tensor): tf.Tensor {
  const [n, L, d] = x.shape as number[];
  const h = p.numHeads;
  if (!(d % h === 0)) throw new Error(`cannot split ${d} features into ${h} heads`);
  const zeros = tf.zeros([d]);
  const w = tf.concat([p.attn.wq, p.attn.wk, p.attn.wv], 1);
  const b = tf.concat([p.attn.bq ?? zeros, p.attn.bk ?? zeros, p.attn.bv ?? zeros], 0);
  const qkv = tf.transpose(tf.reshape(affine(x, w, b), [n, L, 3, h, d / h]), [2, 0, 3, 1, 4]);
  const [q, k, v] = tf.unstack(qkv, 0);
  let scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d / h));
  if (mask) scores = tf.where(tf.equal(tf.broadcastTo(mask, scores.shape), 0), tf.fill(scores.shape, -3.4e38), scores);
  const out = tf.reshape(tf.transpose(tf.matMul(tf.softmax(scores), v), [0, 2, 1, 3]), [n, L, d]);
  return affine(out, p.attn.wo, p.attn.bo);
}

export function encoderLayer(x: tf.Tensor, p: P, { norm = "post", mask }: { norm?: "post" | "pre"; mask?: tf.Tensor } = {}): tf.Tensor {
  return tf.tidy(() => {
    const sublayers: [(t: tf.Tensor) => tf.Tensor, P["ln1"]][] = [
      [(t) => mha(t, p, mask), p.ln1],
      [(t) => affine(tf.relu(affine(t, p.ffn.w1, p.ffn.b1)), p.ffn.w2, p.ffn.b2), p.ln2],
    ];
    let stream = x;
    for (const [f, n] of sublayers) {
      stream = norm === "pre" ? tf.add(stream, f(ln(stream, n.gamma, n.beta))) : ln(tf.add(stream, f(stream)), n.gamma, n.beta);
    }
    return stream;
  });
}
