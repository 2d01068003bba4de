/**
 * Reference solution: cross-entropy from logits with label smoothing (Szegedy et al. 2016,
 * §7; PyTorch's CrossEntropyLoss convention) and ignored positions.
 */
import * as tf from "@tensorflow/tfjs";

export interface CrossEntropyOptions {
  labelSmoothing?: number;
  ignoreIndex?: number;
}

/**
 * log p = (x − max) − log Σ exp(x − max) along the last axis. Never log(softmax(x)): in
 * float32 a probability below ~1e-45 is 0 and its log is −∞, while this form only
 * exponentiates numbers ≤ 0 and takes the log of a sum ≥ 1.
 */
function logSoftmax(x: tf.Tensor): tf.Tensor {
  const shifted = tf.sub(x, tf.max(x, -1, true));
  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));
}

/**
 * Mean over non-ignored positions of −Σ_k q_k log p_k with q = (1 − ε)·onehot(t) + ε/K.
 * Since Σ_k q_k = 1, the gradient with respect to the logits is (p − q)/N: tf.grad finds it.
 */
export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: CrossEntropyOptions = {}): tf.Tensor {
  const { labelSmoothing: eps = 0, ignoreIndex } = options;
  const K = logits.shape[logits.shape.length - 1];
  return tf.tidy(() => {
    const ids = tf.cast(targets, "int32");
    // Targets are data, not parameters, and an input's values are already on the CPU:
    // count the kept positions in JavaScript. (Reading back a tensor computed on the GPU,
    // tf.sum(keep).dataSync(), is slow on WebGPU and unsupported in some browsers.)
    const count = Array.from(targets.dataSync()).filter((t) => t !== ignoreIndex).length;
    if (count === 0) throw new Error("every position is ignored: the mean over no positions is undefined");
    const keep = ignoreIndex === undefined ? tf.onesLike(ids).toFloat() : tf.cast(tf.notEqual(ids, ignoreIndex), "float32");
    // An ignored id may be any integer (−100, or a real class): clamp it to a valid one for
    // oneHot; its row is multiplied by 0 below anyway.
    const safe = tf.clipByValue(ids, 0, K - 1);
    const q = tf.add(tf.mul(tf.oneHot(safe, K).toFloat(), 1 - eps), eps / K);
    const perPosition = tf.neg(tf.sum(tf.mul(q, logSoftmax(logits)), -1));
    return tf.div(tf.sum(tf.mul(perPosition, keep)), count);
  });
}
