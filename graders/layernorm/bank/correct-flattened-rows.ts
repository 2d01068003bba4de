// @expect pass
// Flattens to [rows, d], normalises with a matmul by a ones vector for the row sums, and reshapes back.
import * as tf from "@tensorflow/tfjs";

function rowMean(x2: tf.Tensor2D): tf.Tensor2D {
  const d = x2.shape[1];
  return tf.matMul(x2, tf.fill([d, 1], 1 / d));
}

export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const d = x.shape[x.rank - 1];
    const x2 = tf.reshape(x, [-1, d]) as tf.Tensor2D;
    const centred = tf.sub(x2, rowMean(x2)) as tf.Tensor2D;
    const variance = rowMean(tf.square(centred) as tf.Tensor2D);
    const y = tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, eps))), gamma), beta);
    return tf.reshape(y, x.shape);
  });
}

export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor, eps = 1e-6): tf.Tensor {
  return tf.tidy(() => {
    const d = x.shape[x.rank - 1];
    const x2 = tf.reshape(x, [-1, d]) as tf.Tensor2D;
    const y = tf.mul(tf.mul(x2, tf.rsqrt(tf.add(rowMean(tf.square(x2) as tf.Tensor2D), eps))), gamma);
    return tf.reshape(y, x.shape);
  });
}
