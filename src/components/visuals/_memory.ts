/**
 * Topic 36's arithmetic: the memory of one data-parallel GPU while training a GPT-style
 * Transformer with Adam.
 *
 * - Model states (Rajbhandari et al., 2020, ZeRO, §3.1 and §5): per parameter, 2 bytes of
 *   16-bit weights + 2 of 16-bit gradients + K = 12 of fp32 optimizer state (master weights,
 *   Adam's m and v), 16 bytes in all; ZeRO stage 1/2/3 shards the optimizer state, then the
 *   gradients, then the weights over the N_d data-parallel GPUs.
 * - Activations (Korthikanti et al., 2022, §4.1, eq. 1): s·b·h·(34 + 5·a·s/h) bytes per layer
 *   with 16-bit activations and no tensor or sequence parallelism; selective recomputation
 *   drops the 5·a·s/h term (the s × s attention tensors, §5), full recomputation keeps only
 *   each layer's 2·s·b·h-byte input plus one layer's activations while it is recomputed.
 * Sizes are in bytes; the page reports GB = 10⁹ bytes, as the ZeRO paper does.
 */

export type Recipe = "mixed-adam" | "fp32-adam";
export type Recompute = "none" | "selective" | "full";
export type ZeroStage = 0 | 1 | 2 | 3;

export interface Shape {
  layers: number;
  hidden: number;
  heads: number;
  vocab: number;
}

/** GPT-2 XL (Radford et al., 2019) and three GPT-3 sizes (Brown et al., 2020, Table 2.1). */
export const PRESETS: Record<string, Shape> = {
  "GPT-2 XL (1.5B)": { layers: 48, hidden: 1600, heads: 25, vocab: 50257 },
  "GPT-3 6.7B": { layers: 32, hidden: 4096, heads: 32, vocab: 50257 },
  "GPT-3 13B": { layers: 40, hidden: 5140, heads: 40, vocab: 50257 },
  "GPT-3 175B": { layers: 96, hidden: 12288, heads: 96, vocab: 50257 },
};

/** Parameters of a GPT-style model: 12·h² per layer (4h² attention, 8h² FFN) plus the V × h embedding. */
export function parameterCount(s: Shape): number {
  return 12 * s.layers * s.hidden ** 2 + s.vocab * s.hidden;
}

/** Bytes per parameter of weights, gradients and optimizer state (before any sharding). */
export const BYTES_PER_PARAM: Record<Recipe, { weights: number; gradients: number; optimizer: number }> = {
  // fp16/bf16 weights and gradients; fp32 master weights + Adam m + v.
  "mixed-adam": { weights: 2, gradients: 2, optimizer: 12 },
  // fp32 weights and gradients; Adam m + v (no separate master copy).
  "fp32-adam": { weights: 4, gradients: 4, optimizer: 8 },
};

export interface ModelStates {
  weights: number;
  gradients: number;
  optimizer: number;
}

/** Model-state bytes on one GPU under ZeRO stage 0–3 with `gpus` data-parallel ranks. */
export function modelStateBytes(params: number, recipe: Recipe, stage: ZeroStage, gpus: number): ModelStates {
  if (!(gpus >= 1)) throw new RangeError(`gpus must be ≥ 1, got ${gpus}`);
  const b = BYTES_PER_PARAM[recipe];
  return {
    weights: (b.weights * params) / (stage >= 3 ? gpus : 1),
    gradients: (b.gradients * params) / (stage >= 2 ? gpus : 1),
    optimizer: (b.optimizer * params) / (stage >= 1 ? gpus : 1),
  };
}

/** Activation bytes of one layer for micro-batch b and sequence length s, with 16-bit activations. */
export function layerActivationBytes(shape: Shape, batch: number, seq: number, recompute: Exclude<Recompute, "full">): number {
  const sbh = seq * batch * shape.hidden;
  const attentionScores = (5 * shape.heads * seq) / shape.hidden;
  return sbh * (34 + (recompute === "none" ? attentionScores : 0));
}

/** Activation bytes kept for the backward pass, over all layers. */
export function activationBytes(shape: Shape, batch: number, seq: number, recompute: Recompute): number {
  if (recompute === "full") {
    // Each layer's input is kept; one layer at a time is recomputed, with its full activations.
    return 2 * seq * batch * shape.hidden * shape.layers + layerActivationBytes(shape, batch, seq, "none");
  }
  return shape.layers * layerActivationBytes(shape, batch, seq, recompute);
}

export interface Budget extends ModelStates {
  activations: number;
  total: number;
}

export function trainingBudget(o: { shape: Shape; batch: number; seq: number; recipe: Recipe; recompute: Recompute; stage: ZeroStage; gpus: number }): Budget {
  const states = modelStateBytes(parameterCount(o.shape), o.recipe, o.stage, o.gpus);
  const activations = activationBytes(o.shape, o.batch, o.seq, o.recompute);
  return { ...states, activations, total: states.weights + states.gradients + states.optimizer + activations };
}
