// @expect fail mask-changes-in-backward
// A hand-written gradient that draws a fresh mask (seed + 1) instead of reusing the forward one.
import * as tf from "@tensorflow/tfjs";

export interface DropoutOptions {
  training?: boolean;
  seed?: number;
}

const maskFor = (shape: number[], rate: number, seed?: number) =>
  tf.div(tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, "float32", seed), rate), "float32"), 1 - rate);

export function dropout(x: tf.Tensor, rate: number, options: DropoutOptions = {}): tf.Tensor {
  if (!(rate >= 0 && rate <= 1)) throw new Error("rate must be in [0, 1]");
  const { training = true, seed } = options;
  if (!training || rate === 0) return tf.clone(x);
  if (rate === 1) return tf.zerosLike(x);
  const f = tf.customGrad((input) => {
    const t = input as tf.Tensor;
    return {
      value: tf.tidy(() => tf.mul(t, maskFor(t.shape, rate, seed))),
      gradFunc: (dy) => tf.tidy(() => tf.mul(dy as tf.Tensor, maskFor(t.shape, rate, seed === undefined ? undefined : seed + 1))),
    };
  });
  return f(x);
}
