// @expect pass
// Builds the table with tf ops in float32 (outer product of positions and frequencies, then sin/cos and a gather
// that interleaves): accurate enough at position 3000 within the case's documented tolerance.
import * as tf from "@tensorflow/tfjs";

export function sinusoidalEncoding(seqLen: number, dModel: number, options: { offset?: number; layout?: "interleaved" | "concat" } = {}): tf.Tensor {
  const { offset = 0, layout = "interleaved" } = options;
  if (!Number.isInteger(dModel) || dModel % 2 === 1 || dModel <= 0) throw new Error("dModel must be a positive even number");
  const half = dModel / 2;
  return tf.tidy(() => {
    const positions = tf.reshape(tf.range(offset, offset + seqLen), [seqLen, 1]);
    const omega = tf.exp(tf.mul(tf.range(0, half), (-2 * Math.log(10000)) / dModel));
    const angles = tf.mul(positions, tf.reshape(omega, [1, half]));
    const concat = tf.concat([tf.sin(angles), tf.cos(angles)], 1);
    if (layout === "concat") return concat;
    const order = Array.from({ length: dModel }, (_, j) => (j % 2 === 0 ? j / 2 : half + (j - 1) / 2));
    return tf.gather(concat, tf.tensor1d(order, "int32"), 1);
  });
}
