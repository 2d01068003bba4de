// @expect pass
// Angles in float64 JavaScript, one [seqLen, half, 2] array of (sin, cos) pairs: the interleaved layout is its
// reshape, the concatenated one its transpose.
import * as tf from "@tensorflow/tfjs";

export function sinusoidalEncoding(
  seqLen: number,
  dModel: number,
  { offset = 0, layout = "interleaved" }: { offset?: number; layout?: string } = {},
): tf.Tensor {
  if (dModel % 2 !== 0) throw new RangeError(`sinusoidalEncoding: odd dModel ${dModel}`);
  const half = dModel / 2;
  const pairs: number[][][] = [];
  for (let t = 0; t < seqLen; t++) {
    const row: number[][] = [];
    for (let i = 0; i < half; i++) {
      const a = (offset + t) / 10000 ** ((2 * i) / dModel);
      row.push([Math.sin(a), Math.cos(a)]);
    }
    pairs.push(row);
  }
  return tf.tidy(() => {
    const p = tf.tensor3d(pairs, [seqLen, half, 2]);
    return layout === "concat" ? tf.reshape(tf.transpose(p, [0, 2, 1]), [seqLen, dModel]) : tf.reshape(p, [seqLen, dModel]);
  });
}
