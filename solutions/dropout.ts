/**
 * Reference solution: inverted dropout (Srivastava et al. 2014; the "inverted" scaling is
 * what tf.dropout and torch.nn.functional.dropout do).
 */
import * as tf from "@tensorflow/tfjs";

export interface DropoutOptions {
  training?: boolean;
  seed?: number;
}

/**
 * Keep each unit with probability 1 − rate and divide the kept ones by 1 − rate, so that
 * E[dropout(x)] = x and inference is the plain identity (no rescaling to remember).
 *
 * The mask is a constant built from random numbers, and the output is x times that
 * constant: tf.grad then gives dx = dy ⊙ mask/(1 − rate) — the same mask as the forward
 * pass, with no custom gradient to get wrong.
 */
export function dropout(x: tf.Tensor, rate: number, options: DropoutOptions = {}): tf.Tensor {
  // Checked before `training`: a bad rate is a bug in the caller whether or not we train.
  if (!(rate >= 0 && rate <= 1)) throw new Error(`rate must be in [0, 1], got ${rate}`);
  const { training = true, seed } = options;
  if (!training || rate === 0) return tf.clone(x);
  // 1/(1 − 1) is infinite: 0 · ∞ would be NaN, so rate 1 is its own case.
  if (rate === 1) return tf.zerosLike(x);
  return tf.tidy(() => {
    const u = tf.randomUniform(x.shape, 0, 1, "float32", seed);
    const keep = tf.cast(tf.greaterEqual(u, rate), "float32");
    return tf.mul(x, tf.div(keep, 1 - rate));
  });
}
