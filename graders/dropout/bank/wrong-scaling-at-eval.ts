// @expect fail scaling-at-eval
// Inverted scaling while training, and also the classic (1 − rate) factor at inference.
import * as tf from "@tensorflow/tfjs";

export interface DropoutOptions {
  training?: boolean;
  seed?: number;
}

export function dropout(x: tf.Tensor, rate: number, options: DropoutOptions = {}): tf.Tensor {
  if (!(rate >= 0 && rate <= 1)) throw new Error("rate must be in [0, 1]");
  const { training = true, seed } = options;
  if (!training) return tf.mul(x, 1 - rate);
  if (rate === 0) return tf.clone(x);
  if (rate === 1) return tf.zerosLike(x);
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, "float32", seed), rate), "float32");
    return tf.div(tf.mul(x, keep), 1 - rate);
  });
}
