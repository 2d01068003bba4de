// @expect fail rate-as-keep
// Treats rate as the probability of keeping a unit.
import * as tf from "@tensorflow/tfjs";

export interface DropoutOptions {
  training?: boolean;
  seed?: number;
}

export function dropout(x: tf.Tensor, rate: number, options: DropoutOptions = {}): tf.Tensor {
  if (!(rate >= 0 && rate <= 1)) throw new Error("rate must be in [0, 1]");
  const { training = true, seed } = options;
  if (!training || rate === 0) return tf.clone(x);
  if (rate === 1) return tf.zerosLike(x);
  return tf.tidy(() => {
    const keep = tf.cast(tf.less(tf.randomUniform(x.shape, 0, 1, "float32", seed), rate), "float32");
    return tf.div(tf.mul(x, keep), rate);
  });
}
