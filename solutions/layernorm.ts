/**
 * Reference solution: LayerNorm (Ba et al. 2016) and RMSNorm (Zhang & Sennrich 2019) over
 * the last axis.
 */
import * as tf from "@tensorflow/tfjs";

/** (x − mean)/√(var + ε)·γ + β per row, with the biased variance (divided by d). */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    // tf.moments divides by d: the biased variance LayerNorm uses.
    const { mean, variance } = tf.moments(x, -1, true);
    const xhat = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(xhat, gamma), beta);
  });
}

/** x/√(mean(x²) + ε)·γ: no centring and no β. */
export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor, eps = 1e-6): tf.Tensor {
  return tf.tidy(() => {
    const meanSquare = tf.mean(tf.square(x), -1, true);
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps))), gamma);
  });
}
