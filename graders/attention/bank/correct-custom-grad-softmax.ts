// @expect pass
// The masked softmax wrapped in tf.customGrad with its hand-written VJP, dx = y ⊙ (dy − Σ dy ⊙ y), so the gradient never passes through exp, max or where.
import * as tf from "@tensorflow/tfjs";

/** Forward: the masked softmax; backward: the softmax VJP, which is 0 on blocked keys because y is. */
function maskedSoftmax(scores: tf.Tensor, open: tf.Tensor): tf.Tensor {
  const f = tf.customGrad((s: tf.Tensor, save: (ts: tf.Tensor[]) => void) => {
    const filled = tf.where(tf.greater(open, 0), s, tf.fill(s.shape, -3.4e38));
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
    const y = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
    save([y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [yy] = saved;
        return tf.mul(yy, tf.sub(dy, tf.sum(tf.mul(dy, yy), -1, true)));
      },
    };
  });
  return f(scores) as tf.Tensor;
}

export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    const dk = q.shape[q.shape.length - 1];
    const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
    const open = mask ? tf.broadcastTo(mask, scores.shape) : tf.onesLike(scores);
    const weights = maskedSoftmax(scores, open);
    return { output: tf.matMul(weights, v), weights };
  });
}
