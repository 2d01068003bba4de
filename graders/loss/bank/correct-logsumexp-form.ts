// @expect pass
// Expands the loss: −Σ q log p = logsumexp(x) − (1 − ε)·x_t − (ε/K)·Σ_k x_k, with the target logit picked by tf.gather.
import * as tf from "@tensorflow/tfjs";

export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: { labelSmoothing?: number; ignoreIndex?: number } = {}): tf.Tensor {
  const eps = options.labelSmoothing ?? 0;
  const K = logits.shape[logits.shape.length - 1] as number;
  const ids = Array.from(targets.dataSync());
  const kept = ids.map((t) => (options.ignoreIndex !== undefined && t === options.ignoreIndex ? 0 : 1));
  const n = kept.reduce((a, b) => a + b, 0);
  if (n === 0) throw new Error("no position left after ignoring");
  return tf.tidy(() => {
    const rows = tf.reshape(logits, [-1, K]);
    const m = tf.max(rows, 1, true);
    const lse = tf.add(tf.squeeze(m, [1]), tf.log(tf.sum(tf.exp(tf.sub(rows, m)), 1)));
    const flatIndex = tf.tensor1d(
      ids.map((t, r) => r * K + (kept[r] ? t : 0)),
      "int32",
    );
    const target = tf.gather(tf.reshape(rows, [-1]), flatIndex);
    const perRow = tf.sub(tf.sub(lse, tf.mul(target, 1 - eps)), tf.mul(tf.sum(rows, 1), eps / K));
    return tf.div(tf.sum(tf.mul(perRow, tf.tensor1d(kept))), n);
  });
}
