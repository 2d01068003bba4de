// @expect pass
// One head at a time: slices the projection columns of each head, attends, and concatenates.
import * as tf from "@tensorflow/tfjs";

export interface MhaWeights {
  wq: tf.Tensor;
  wk: tf.Tensor;
  wv: tf.Tensor;
  wo: tf.Tensor;
  bq?: tf.Tensor;
  bk?: tf.Tensor;
  bv?: tf.Tensor;
  bo?: tf.Tensor;
}

export function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {
  const d = x.shape[2] as number;
  if (d % numHeads !== 0) throw new Error("d must be divisible by numHeads");
  return tf.tidy(() => tf.stack(tf.split(x, numHeads, 2), 1));
}

export function mergeHeads(x: tf.Tensor): tf.Tensor {
  // tfjs 4.22 cannot differentiate unstack along a size-1 axis: one head is squeezed instead.
  return tf.tidy(() => (x.shape[1] === 1 ? tf.squeeze(x, [1]) : tf.concat(tf.unstack(x, 1), 2)));
}

function project(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor | undefined, cols: [number, number]): tf.Tensor {
  const [b0, L, d] = x.shape;
  const wh = tf.slice(w, [0, cols[0]], [d, cols[1]]);
  let y = tf.reshape(tf.matMul(tf.reshape(x, [b0 * L, d]), wh), [b0, L, cols[1]]);
  if (b) y = tf.add(y, tf.slice(b, [cols[0]], [cols[1]]));
  return y;
}

export function multiHeadAttention(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, w: MhaWeights, numHeads: number, mask?: tf.Tensor) {
  const d = w.wq.shape[1] as number;
  if (d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by ${numHeads} heads`);
  const dh = d / numHeads;
  return tf.tidy(() => {
    const outs: tf.Tensor[] = [];
    const ws: tf.Tensor[] = [];
    for (let h = 0; h < numHeads; h++) {
      const cols: [number, number] = [h * dh, dh];
      const q = project(query, w.wq, w.bq, cols);
      const k = project(key, w.wk, w.bk, cols);
      const v = project(value, w.wv, w.bv, cols);
      let s = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dh));
      let open: tf.Tensor | null = null;
      if (mask) {
        // The head axis of a [b, h, Lq, Lk]-broadcastable mask is 1 or h: take this head's slice.
        const full = tf.broadcastTo(mask, [query.shape[0], numHeads, query.shape[1] as number, key.shape[1] as number]);
        open = tf.squeeze(tf.slice(full, [0, h, 0, 0], [-1, 1, -1, -1]), [1]);
        s = tf.where(tf.greater(open, 0), s, tf.fill(s.shape, -3e38));
      }
      let e = tf.exp(tf.sub(s, tf.max(s, -1, true)));
      if (open) e = tf.mul(e, open);
      const a = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
      ws.push(a);
      outs.push(tf.matMul(a, v));
    }
    const merged = tf.concat(outs, 2);
    const [b0, L] = merged.shape;
    let output = tf.reshape(tf.matMul(tf.reshape(merged, [b0 * L, d]), w.wo), [b0, L, w.wo.shape[1] as number]);
    if (w.bo) output = tf.add(output, w.bo);
    return { output, weights: tf.stack(ws, 1) };
  });
}
