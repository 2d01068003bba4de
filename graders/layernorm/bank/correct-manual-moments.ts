// @expect pass
// Mean and biased variance by hand (sum / d), tf.pow(·, −0.5) for the root; RMSNorm through the L2 norm: x·√d/√(Σx² + d·ε).
import * as tf from "@tensorflow/tfjs";

export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const d = x.shape[x.rank - 1];
    const centred = tf.sub(x, tf.div(tf.sum(x, -1, true), d));
    const variance = tf.div(tf.sum(tf.mul(centred, centred), -1, true), d);
    return tf.add(tf.mul(tf.mul(centred, tf.pow(tf.add(variance, eps), -0.5)), gamma), beta);
  });
}

export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor, eps = 1e-6): tf.Tensor {
  return tf.tidy(() => {
    const d = x.shape[x.rank - 1];
    const sumSquares = tf.sum(tf.square(x), -1, true);
    return tf.mul(tf.mul(x, tf.div(Math.sqrt(d), tf.sqrt(tf.add(sumSquares, d * eps)))), gamma);
  });
}
