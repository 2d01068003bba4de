// @expect pass
// tf.logSoftmax for the log-probabilities and tf.where to drop ignored positions.
import * as tf from "@tensorflow/tfjs";

export function crossEntropy(
  logits: tf.Tensor,
  targets: tf.Tensor,
  { labelSmoothing = 0, ignoreIndex }: { labelSmoothing?: number; ignoreIndex?: number } = {},
): tf.Tensor {
  const K = logits.shape[logits.shape.length - 1] as number;
  return tf.tidy(() => {
    const ids = targets.toInt();
    const ignored = ignoreIndex === undefined ? tf.zerosLike(ids).cast("bool") : tf.equal(ids, ignoreIndex);
    let kept = 0;
    for (const t of targets.dataSync()) if (t !== ignoreIndex) kept++;
    if (kept === 0) throw new Error("crossEntropy: all targets are ignoreIndex");
    const smooth = tf.add(tf.mul(tf.oneHot(tf.where(ignored, tf.zerosLike(ids), ids), K), 1 - labelSmoothing), labelSmoothing / K);
    const nll = tf.sum(tf.mul(smooth, tf.logSoftmax(logits)), -1).neg();
    return tf.sum(tf.where(ignored, tf.zerosLike(nll), nll)).div(kept);
  });
}
