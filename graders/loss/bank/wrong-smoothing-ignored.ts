// @expect fail smoothing-ignored
// Never reads labelSmoothing: plain one-hot targets.
import * as tf from "@tensorflow/tfjs";

export interface CrossEntropyOptions {
  labelSmoothing?: number;
  ignoreIndex?: number;
}

export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: CrossEntropyOptions = {}): tf.Tensor {
  const { labelSmoothing: eps = 0, ignoreIndex } = options;
  const K = logits.shape[logits.shape.length - 1];
  return tf.tidy(() => {
    const ids = tf.cast(targets, "int32");
    const keep = ignoreIndex === undefined ? tf.onesLike(ids).toFloat() : tf.cast(tf.notEqual(ids, ignoreIndex), "float32");
    const count = Array.from(targets.dataSync()).filter((t) => t !== ignoreIndex).length;
    if (count === 0) throw new Error("every position is ignored");
    const onehot = tf.oneHot(tf.clipByValue(ids, 0, K - 1), K).toFloat();
    const q = tf.add(onehot, 0 * eps);
    const logp = tf.sub(tf.sub(logits, tf.max(logits, -1, true)), tf.log(tf.sum(tf.exp(tf.sub(logits, tf.max(logits, -1, true))), -1, true)));
    const perPosition = tf.neg(tf.sum(tf.mul(q, logp), -1));
    return tf.div(tf.sum(tf.mul(perPosition, keep)), count);
  });
}
