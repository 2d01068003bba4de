/**
 * Known gaps of TensorFlow.js 4.22 that a correct-looking kernel runs into, recognised by
 * the error text tfjs raises, each with its workaround. Each pattern is exercised against
 * the real library in tests/unit/tfjs-gaps.test.ts, so a tfjs upgrade that changes the
 * wording (or closes the gap) shows up there.
 */
export interface KnownGap {
  bug: string;
  message: string;
}

const GAPS: { pattern: RegExp; gap: (m: RegExpExecArray) => KnownGap }[] = [
  {
    // split's gradient concatenates the pieces' gradients; with one piece tfjs 4.22 passes it none.
    pattern: /Pass at least one tensor to concat/,
    gap: () => ({
      bug: "tfjs-split-one-piece",
      message:
        "TensorFlow.js 4.22 cannot differentiate tf.split into a single piece (numOrSizeSplits = 1, e.g. one head): its gradient has nothing to concatenate. With one piece there is nothing to split — use the tensor itself (or tf.slice), and split only when there are two pieces or more.",
    }),
  },
  {
    // unstack's gradient stacks the pieces' gradients; along an axis of size 1 it gets none in 4.22.
    pattern: /Argument tensors passed to stack must be a `Tensor\[\]`/,
    gap: () => ({
      bug: "tfjs-unstack-size-one",
      message:
        "TensorFlow.js 4.22 cannot differentiate tf.unstack along an axis of size 1 (e.g. one head, or a batch of one): its gradient has nothing to stack. Use tf.squeeze(x, [axis]) for a size-1 axis, or tf.slice + tf.reshape, or keep the axis and work on it with broadcasting.",
    }),
  },
  {
    pattern:
      /Error in gradient for op BatchMatMul\. The gradient of input '(\w+)' has shape '([\d,]*)', which does not match the shape of the input '([\d,]*)'/,
    gap: (m) => ({
      bug: "tfjs-matmul-broadcast-gradient",
      message: `TensorFlow.js 4.22's tf.matMul does not sum its gradient over a broadcast batch dimension: input '${m[1]}' is [${m[3]}] but its gradient came out [${m[2]}]. This happens for x [b, L, d] · W [d, e] (or W [1, d, e]). Flatten the positions first — tf.reshape(x, [b·L, d]), one 2-D tf.matMul, tf.reshape back to [b, L, e] — or give both operands the same batch dimensions.`,
    }),
  },
  {
    pattern: /GatherV2: the index value (-\d+) is not in \[0, (\d+)\]/,
    gap: (m) => ({
      bug: "tfjs-gather-negative-index",
      message: `tf.gather does not count negative indices from the end as NumPy and PyTorch do: index ${m[1]} is refused (valid indices are 0 … ${m[2]}). Add the axis length to a negative index first (−1 → ${Number(m[2])}).`,
    }),
  },
];

/** The known tfjs gap an error message comes from, if any. */
export function knownGap(message: string): KnownGap | undefined {
  for (const { pattern, gap } of GAPS) {
    const m = pattern.exec(message);
    if (m) return gap(m);
  }
  return undefined;
}
