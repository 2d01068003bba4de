// @expect fail log-of-softmax
// Takes the log of tf.softmax: fine for small logits, −∞ once a probability rounds to 0 in float32.
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
    const q = tf.add(tf.mul(onehot, 1 - eps), eps / K);
    const logp = tf.log(tf.softmax(logits));
    const perPosition = tf.neg(tf.sum(tf.mul(q, logp), -1));
    return tf.div(tf.sum(tf.mul(perPosition, keep)), count);
  });
}
