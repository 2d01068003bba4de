// @expect pass
// tf.dot on the 2-D view, exact GELU as h·Φ(h) with Φ(h) = ½(1 + erf(h/√2)), SiLU as h / (1 + e^−h), ReLU as max(h, 0).
import * as tf from "@tensorflow/tfjs";

interface W {
  w1: tf.Tensor;
  b1?: tf.Tensor;
  w2: tf.Tensor;
  b2?: tf.Tensor;
  w3?: tf.Tensor;
}

function dense(x2: tf.Tensor2D, w: tf.Tensor, b?: tf.Tensor): tf.Tensor2D {
  const y = tf.dot(x2, w) as tf.Tensor2D;
  return b ? (tf.add(y, b) as tf.Tensor2D) : y;
}

export function feedForward(x: tf.Tensor, w: W, activation: string): tf.Tensor {
  const known = activation === "relu" || activation === "gelu" || activation === "gelu-tanh" || activation === "swiglu";
  if (!known) throw new Error(`feedForward: unknown activation "${activation}"`);
  if (activation === "swiglu" && w.w3 === undefined) throw new Error("feedForward: swiglu requires w3");
  return tf.tidy(() => {
    const dIn = x.shape[x.rank - 1];
    const x2 = tf.reshape(x, [-1, dIn]) as tf.Tensor2D;
    const h = dense(x2, w.w1, w.b1);
    let a: tf.Tensor2D;
    if (activation === "swiglu") {
      a = tf.mul(tf.div(h, tf.add(1, tf.exp(tf.neg(h)))), dense(x2, w.w3!)) as tf.Tensor2D;
    } else if (activation === "gelu") {
      const phi = tf.mul(0.5, tf.add(1, tf.erf(tf.div(h, Math.SQRT2))));
      a = tf.mul(h, phi) as tf.Tensor2D;
    } else if (activation === "gelu-tanh") {
      const u = tf.mul(Math.sqrt(2 / Math.PI), tf.add(h, tf.mul(0.044715, tf.mul(h, tf.mul(h, h)))));
      a = tf.mul(tf.mul(0.5, h), tf.add(1, tf.tanh(u))) as tf.Tensor2D;
    } else {
      a = tf.maximum(h, 0) as tf.Tensor2D;
    }
    const y = dense(a, w.w2, w.b2);
    return tf.reshape(y, [...x.shape.slice(0, -1), y.shape[1]]);
  });
}
