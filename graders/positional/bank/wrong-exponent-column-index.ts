// @expect fail exponent-column-index
// Each column uses its own index in the exponent, so the cosine of pair i runs at 10000^(−(2i+1)/d).
import * as tf from "@tensorflow/tfjs";

export function sinusoidalEncoding(
  seqLen: number,
  dModel: number,
  { offset = 0, layout = "interleaved" }: { offset?: number; layout?: "interleaved" | "concat" } = {},
): tf.Tensor {
  if (dModel % 2 !== 0) throw new Error(`dModel must be even, got ${dModel}`);
  const half = dModel / 2;
  const table = new Float32Array(seqLen * dModel);
  for (let t = 0; t < seqLen; t++) {
    for (let i = 0; i < half; i++) {
      const angle = (offset + t) * Math.pow(10000, (-2 * i) / dModel);
      const [s, c] = layout === "interleaved" ? [2 * i, 2 * i + 1] : [i, i + half];
      table[t * dModel + s] = Math.sin(angle);
      table[t * dModel + c] = Math.cos((offset + t) * Math.pow(10000, -(2 * i + 1) / dModel));
    }
  }
  return tf.tensor2d(table, [seqLen, dModel]);
}
