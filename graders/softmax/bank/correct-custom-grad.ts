// @expect pass
// Moves the axis last with a transpose, and gives softmax a hand-written gradient with tf.customGrad.
import * as tf from "@tensorflow/tfjs";

function perm(rank: number, axis: number): number[] {
  const a = axis < 0 ? axis + rank : axis;
  const p = [...Array(rank).keys()];
  [p[a], p[rank - 1]] = [p[rank - 1], p[a]];
  return p; // a swap is its own inverse
}

export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}

export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  const p = perm(logits.rank, axis);
  // customGrad passes the inputs and then the save function as one rest list.
  const lastAxisSoftmax = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const e = tf.exp(tf.sub(x, tf.max(x, -1, true)));
    const y = tf.div(e, tf.sum(e, -1, true));
    save([y]);
    return { value: y, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => softmaxBackward(saved[0], dy, -1) };
  });
  return tf.tidy(() => tf.transpose(lastAxisSoftmax(tf.transpose(logits, p)) as tf.Tensor, p));
}
