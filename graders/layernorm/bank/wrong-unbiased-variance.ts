// @expect fail unbiased-variance
// Divides the squared deviations by d − 1 (torch.var's default), not d.
import * as tf from "@tensorflow/tfjs";

export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const d = x.shape[x.rank - 1];
    const mean = tf.mean(x, -1, true);
    const variance = tf.div(tf.sum(tf.square(tf.sub(x, mean)), -1, true), d - 1);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), gamma), beta);
  });
}

export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor, eps = 1e-6): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.div(x, tf.sqrt(tf.add(tf.mean(tf.square(x), -1, true), eps))), gamma));
}
