/**
 * Exercise: cross-entropy from logits, with label smoothing and ignored
 * positions.
 *
 * Run `npm run grade -- loss` (or press Run on the exercise page) to grade
 * this file. Rules: import only @tensorflow/tfjs; build the result from tf ops
 * (the grader differentiates it with respect to the logits); keep it
 * synchronous; don't dispose or modify the inputs.
 */
import * as tf from "@tensorflow/tfjs";

export interface CrossEntropyOptions {
  labelSmoothing?: number; // ε, default 0
  ignoreIndex?: number; // positions whose target equals this are skipped
}

/**
 * loss = mean over kept positions of −Σ_k q_k · log p_k, where
 *   p = softmax(logits) along the last axis,
 *   q = (1 − ε)·onehot(target) + ε/K over all K classes (PyTorch's
 *       convention),
 *   kept positions are those whose target ≠ ignoreIndex.
 *
 * @param logits  [..., K], any rank ≥ 1
 * @param targets [...] int32 class ids (the logits' shape without K); an
 *                ignored position may hold any integer, even a valid class id
 * @returns       a rank-0 tensor
 *
 * Throw an Error when every position is ignored (the mean would be 0/0).
 * To decide that synchronously, read the targets with targets.dataSync() —
 * an input's values are already on the CPU. Reading back a tensor you
 * computed (tf.sum(mask).dataSync()) is slow on WebGPU and unsupported in
 * some browsers.
 *
 * What the grader checks: values and gradients with respect to the logits,
 * with and without smoothing, logits around ±1000 (think about what
 * log(softmax(x)) does in float32 there), ignored positions, and that adding a
 * constant to the logits changes nothing.
 */
export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: CrossEntropyOptions = {}): tf.Tensor {
  throw new Error("not implemented");
}
