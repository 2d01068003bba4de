// @expect pass
// tf.where for the forward pass and a hand-written gradient that reuses the saved mask.
import * as tf from "@tensorflow/tfjs";

export interface DropoutOptions {
  training?: boolean;
  seed?: number;
}

export function dropout(x: tf.Tensor, rate: number, options: DropoutOptions = {}): tf.Tensor {
  if (!(rate >= 0 && rate <= 1)) throw new Error("rate must lie in [0, 1]");
  const { training = true, seed } = options;
  if (!training || rate === 0) return tf.clone(x);
  if (rate === 1) return tf.zerosLike(x);
  const f = tf.customGrad((input, save) => {
    const t = input as tf.Tensor;
    const kept = tf.greaterEqual(tf.randomUniform(t.shape, 0, 1, "float32", seed), rate);
    const scale = tf.div(tf.cast(kept, "float32"), 1 - rate);
    save([scale]);
    const value = tf.where(kept, tf.div(t, 1 - rate), tf.zerosLike(t));
    kept.dispose();
    return { value, gradFunc: (dy, saved) => tf.mul(dy as tf.Tensor, saved[0]) };
  });
  return f(x);
}
