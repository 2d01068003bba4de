// @expect fail no-scaling
// Zeroes the dropped units but leaves the kept ones as they are.
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
  return tf.tidy(() => tf.mul(x, tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, "float32", seed), rate), "float32")));
}
