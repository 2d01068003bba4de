// @expect pass
// tf.dropout's own formula: floor(u + keepProb) is 1 exactly when u ≥ rate, then divide by keepProb.
import * as tf from "@tensorflow/tfjs";

export interface DropoutOptions {
  training?: boolean;
  seed?: number;
}

export function dropout(x: tf.Tensor, rate: number, options: DropoutOptions = {}): tf.Tensor {
  if (typeof rate !== "number" || Number.isNaN(rate) || rate < 0 || rate > 1) throw new RangeError(`bad rate ${rate}`);
  const training = options.training ?? true;
  if (!training || rate === 0) return x.clone();
  if (rate === 1) return tf.mul(x, 0);
  const keepProb = 1 - rate;
  return tf.tidy(() => tf.mul(x, tf.div(tf.floor(tf.add(tf.randomUniform(x.shape, 0, 1, "float32", options.seed), keepProb)), keepProb)));
}
