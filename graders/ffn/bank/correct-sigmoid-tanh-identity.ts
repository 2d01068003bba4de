// @expect pass
// tanh GELU through the identity ½(1 + tanh u) = σ(2u), and matMul with broadcasting over a rank-3 batch.
import * as tf from "@tensorflow/tfjs";

interface W {
  w1: tf.Tensor;
  b1?: tf.Tensor;
  w2: tf.Tensor;
  b2?: tf.Tensor;
  w3?: tf.Tensor;
}

function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const [dIn, dOut] = w.shape;
  const lead = x.shape.slice(0, -1);
  const y = tf.reshape(tf.matMul(tf.reshape(x, [-1, dIn]), w), [...lead, dOut]);
  return b === undefined ? y : tf.add(y, b);
}

export function feedForward(x: tf.Tensor, w: W, activation: "relu" | "gelu" | "gelu-tanh" | "swiglu"): tf.Tensor {
  switch (activation) {
    case "relu":
    case "gelu":
    case "gelu-tanh":
      break;
    case "swiglu":
      if (!w.w3) throw new Error("swiglu: w3 missing");
      break;
    default:
      throw new Error(`unknown activation: ${String(activation)}`);
  }
  return tf.tidy(() => {
    const h = linear(x, w.w1, w.b1);
    let a: tf.Tensor;
    if (activation === "relu") a = tf.relu(h);
    else if (activation === "gelu") a = tf.mul(h, tf.mul(0.5, tf.add(1, tf.erf(tf.mul(h, Math.SQRT1_2)))));
    else if (activation === "gelu-tanh") a = tf.mul(h, tf.sigmoid(tf.mul(2 * Math.sqrt(2 / Math.PI), tf.add(h, tf.mul(0.044715, tf.pow(h, 3))))));
    else a = tf.mul(tf.mul(h, tf.sigmoid(h)), linear(x, w.w3!));
    return linear(a, w.w2, w.b2);
  });
}
