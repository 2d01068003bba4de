/**
 * Exercise: inverted dropout.
 *
 * Run `npm run grade -- dropout` (or press Run on the exercise page) to
 * grade this file. Rules: import only @tensorflow/tfjs; build the result from
 * tf ops (the grader differentiates through it with tf.grad); keep it
 * synchronous; don't dispose or modify the input. tf.dropout is off limits
 * here (the grader watches for calls to it).
 */
import * as tf from "@tensorflow/tfjs";

export interface DropoutOptions {
  training?: boolean; // default true
  seed?: number;
}

/**
 * Inverted dropout: while training, drop each unit with probability `rate`
 * and scale the kept ones by 1/(1 − rate); when not training, return x
 * unchanged.
 *
 * The mask: u = tf.randomUniform(x.shape, 0, 1, "float32", seed); a unit is
 * kept where u ≥ rate (tf.dropout's rule). The grader draws the same numbers,
 * so with the same seed your mask must be exactly that one.
 *
 * @param x       any shape
 * @param rate    probability of dropping a unit, in [0, 1]; outside that
 *                range throw an Error, training or not
 * @param options `{ training = true, seed }`
 * @returns       same shape as x; the identity when not training or when
 *                rate = 0; all zeros when rate = 1
 *
 * What the grader checks: values and gradients against the exact mask, the
 * identity cases, rate 1, the bad-rate errors, and on your own output: the
 * share of zeros, the kept values, the mean, that the backward pass uses the
 * forward pass's mask, and that the seed is honoured.
 */
export function dropout(x: tf.Tensor, rate: number, options: DropoutOptions = {}): tf.Tensor {
  throw new Error("not implemented");
}
