/**
 * Reference solution: the position-wise feed-forward block (Vaswani et al. 2017, §3.3)
 * with ReLU, exact GELU, tanh GELU or SwiGLU (Shazeer 2020).
 */
import * as tf from "@tensorflow/tfjs";

export type Activation = "relu" | "gelu" | "gelu-tanh" | "swiglu";
export interface FfnWeights {
  w1: tf.Tensor;
  b1?: tf.Tensor;
  w2: tf.Tensor;
  b2?: tf.Tensor;
  w3?: tf.Tensor;
}

const ACTIVATIONS = ["relu", "gelu", "gelu-tanh", "swiglu"];

/** x [..., d_in]·W [d_in, d_out] (+ b): a 2-D matmul over the flattened rows. */
function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const [dIn, dOut] = w.shape;
  const y = tf.reshape(tf.matMul(tf.reshape(x, [-1, dIn]), w), [...x.shape.slice(0, -1), dOut]);
  return b ? tf.add(y, b) : y;
}

function activate(h: tf.Tensor, activation: Activation): tf.Tensor {
  if (activation === "relu") return tf.relu(h);
  if (activation === "gelu") return tf.mul(tf.mul(h, 0.5), tf.add(1, tf.erf(tf.mul(h, Math.SQRT1_2))));
  // GPT-2's approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(h, tf.mul(0.044715, tf.pow(h, 3))));
  return tf.mul(tf.mul(h, 0.5), tf.add(1, tf.tanh(inner)));
}

export function feedForward(x: tf.Tensor, w: FfnWeights, activation: Activation): tf.Tensor {
  if (!ACTIVATIONS.includes(activation)) throw new Error(`unknown activation "${activation}"`);
  if (activation === "swiglu" && !w.w3) throw new Error("SwiGLU needs w.w3");
  return tf.tidy(() => {
    const h = linear(x, w.w1, w.b1);
    // SwiGLU: the SiLU goes on the W1 branch; the W3 branch is the linear gate.
    const a = activation === "swiglu" ? tf.mul(tf.mul(h, tf.sigmoid(h)), linear(x, w.w3!)) : activate(h, activation);
    return linear(a, w.w2, w.b2);
  });
}
