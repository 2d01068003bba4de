// @expect pass
// LayerNorm from explicit mean and variance, attention one head at a time with slices, an additive −1e9 mask.
import * as tf from "@tensorflow/tfjs";

type Ln = { gamma: tf.Tensor; beta: tf.Tensor };
type Params = {
  numHeads: number;
  attn: { wq: tf.Tensor; wk: tf.Tensor; wv: tf.Tensor; wo: tf.Tensor; bq?: tf.Tensor; bk?: tf.Tensor; bv?: tf.Tensor; bo?: tf.Tensor };
  ffn: { w1: tf.Tensor; b1: tf.Tensor; w2: tf.Tensor; b2: tf.Tensor };
  ln1: Ln;
  ln2: Ln;
};

const lin = (x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor) => {
  const y = tf.matMul(x.reshape([-1, x.shape[2] as number]), w).reshape([x.shape[0] as number, x.shape[1] as number, w.shape[1] as number]);
  return b ? y.add(b) : y;
};

function norm(x: tf.Tensor, p: Ln): tf.Tensor {
  const mean = x.mean(-1, true);
  const centred = x.sub(mean);
  const variance = centred.square().mean(-1, true);
  return centred.div(variance.add(1e-5).sqrt()).mul(p.gamma).add(p.beta);
}

function attention(x: tf.Tensor, p: Params, mask?: tf.Tensor): tf.Tensor {
  const d = x.shape[2] as number;
  if (d % p.numHeads !== 0) throw new Error("numHeads must divide d");
  const dh = d / p.numHeads;
  const q = lin(x, p.attn.wq, p.attn.bq);
  const k = lin(x, p.attn.wk, p.attn.bk);
  const v = lin(x, p.attn.wv, p.attn.bv);
  const heads: tf.Tensor[] = [];
  for (let j = 0; j < p.numHeads; j++) {
    const part = (t: tf.Tensor) => t.slice([0, 0, j * dh], [-1, -1, dh]);
    let s = tf.matMul(part(q), part(k), false, true).div(Math.sqrt(dh));
    // Masks broadcast against [b, h, Lq, Lk]; for one head, drop the head axis when it is there.
    if (mask) {
      const m = mask.rank === 4 ? mask.squeeze([1]) : mask;
      s = s.add(tf.sub(1, m).mul(-1e9));
    }
    heads.push(tf.matMul(tf.softmax(s), part(v)));
  }
  return lin(tf.concat(heads, 2), p.attn.wo, p.attn.bo);
}

const ffn = (x: tf.Tensor, p: Params["ffn"]) => lin(lin(x, p.w1, p.b1).relu(), p.w2, p.b2);

export function encoderLayer(x: tf.Tensor, p: Params, options: { norm?: "post" | "pre"; mask?: tf.Tensor } = {}): tf.Tensor {
  return tf.tidy(() => {
    if ((options.norm ?? "post") === "pre") {
      const h = x.add(attention(norm(x, p.ln1), p, options.mask));
      return h.add(ffn(norm(h, p.ln2), p.ffn));
    }
    const h = norm(x.add(attention(x, p, options.mask)), p.ln1);
    return norm(h.add(ffn(h, p.ffn)), p.ln2);
  });
}
