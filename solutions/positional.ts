/**
 * Reference solution: the sinusoidal positional encoding (Vaswani et al. 2017, §3.5).
 */
import * as tf from "@tensorflow/tfjs";

export interface PositionalOptions {
  offset?: number;
  layout?: "interleaved" | "concat";
}

/**
 * The table needs no gradient, so it is computed in float64 JavaScript and handed to tf
 * once: at position 3000 a float32 angle p·ω would already be off by ~2e-4 rad.
 */
export function sinusoidalEncoding(seqLen: number, dModel: number, { offset = 0, layout = "interleaved" }: PositionalOptions = {}): tf.Tensor {
  if (!Number.isInteger(dModel) || dModel <= 0 || dModel % 2 !== 0) throw new Error(`dModel must be a positive even integer, got ${dModel}`);
  const half = dModel / 2;
  const table = new Float32Array(seqLen * dModel);
  for (let t = 0; t < seqLen; t++) {
    for (let i = 0; i < half; i++) {
      const angle = (offset + t) * Math.pow(10000, (-2 * i) / dModel);
      const [sinCol, cosCol] = layout === "interleaved" ? [2 * i, 2 * i + 1] : [i, i + half];
      table[t * dModel + sinCol] = Math.sin(angle);
      table[t * dModel + cosCol] = Math.cos(angle);
    }
  }
  return tf.tensor2d(table, [seqLen, dModel]);
}
