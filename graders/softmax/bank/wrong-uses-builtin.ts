// @expect fail uses-builtin
// Calls tf.softmax (moving the axis last, so every value is right) instead of building softmax from elementary ops.
import * as tf from "@tensorflow/tfjs";

export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  // tf.softmax only normalises the last axis, so the axis is swapped to the end and back.
  const rank = logits.rank;
  const a = axis < 0 ? axis + rank : axis;
  const perm = [...Array(rank).keys()];
  [perm[a], perm[rank - 1]] = [perm[rank - 1], perm[a]];
  // BUG (uses-builtin): the built-in the exercise asks you to write.
  return tf.tidy(() => tf.transpose(tf.softmax(tf.transpose(logits, perm)), perm));
}

export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
