// @expect fail missing-second-bias
// Never adds b2.
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
  const y = tf.reshape(tf.matMul(tf.reshape(x, [-1, dIn]), w), [...x.shape.slice(0, -1), dOut]);
  return b ? tf.add(y, b) : y;
}

const silu = (h: tf.Tensor) => tf.mul(h, tf.sigmoid(h));
const geluExact = (h: tf.Tensor) => tf.mul(tf.mul(h, 0.5), tf.add(1, tf.erf(tf.mul(h, Math.SQRT1_2))));
const geluTanh = (h: tf.Tensor) => tf.mul(tf.mul(h, 0.5), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(h, tf.mul(0.044715, tf.pow(h, 3)))))));

function check(w: W, activation: string): void {
  if (!["relu", "gelu", "gelu-tanh", "swiglu"].includes(activation)) throw new Error(`unknown activation ${activation}`);
  if (activation === "swiglu" && !w.w3) throw new Error("swiglu needs w3");
}

export function feedForward(x: tf.Tensor, w: W, activation: string): tf.Tensor {
  check(w, activation);
  return tf.tidy(() => {
    const h = linear(x, w.w1, w.b1);
    const a =
      activation === "relu" ? tf.relu(h) : activation === "gelu" ? geluExact(h) : activation === "gelu-tanh" ? geluTanh(h) : tf.mul(silu(h), linear(x, w.w3!));
    return linear(a, w.w2, undefined);
  });
}
