// @expect fail rate-one-nan
// No special case for rate 1: mask · x / (1 − 1) is 0 · ∞ = NaN.
import * as tf from "@tensorflow/tfjs";

export interface DropoutOptions {
  training?: boolean;
  seed?: number;
}

export function dropout(x: tf.Tensor, rate: number, options: DropoutOptions = {}): tf.Tensor {
  if (!(rate >= 0 && rate <= 1)) throw new Error("rate must be in [0, 1]");
  const { training = true, seed } = options;
  if (!training) return tf.clone(x);
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, "float32", seed), rate), "float32");
    return tf.mul(x, tf.div(keep, 1 - rate));
  });
}
