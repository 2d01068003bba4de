/**
 * Known gaps of TensorFlow.js 4.22 that a correct-looking kernel runs into, recognised by
 * the error text tfjs raises, each with its workaround. Each pattern is exercised against
 * the real library in tests/unit/tfjs-gaps.test.ts, so a tfjs upgrade that changes the
 * wording (or closes the gap) shows up there.
 */
import { t, type Bi } from "./i18n.js";

export interface KnownGap {
  bug: string;
  message: Bi;
}

const GAPS: { pattern: RegExp; gap: (m: RegExpExecArray) => KnownGap }[] = [
  {
    // split's gradient concatenates the pieces' gradients; with one piece tfjs 4.22 passes it none.
    pattern: /Pass at least one tensor to concat/,
    gap: () => ({
      bug: "tfjs-split-one-piece",
      message: t("bug.tfjs-split-one-piece"),
    }),
  },
  {
    // unstack's gradient stacks the pieces' gradients; along an axis of size 1 it gets none in 4.22.
    pattern: /Argument tensors passed to stack must be a `Tensor\[\]`/,
    gap: () => ({
      bug: "tfjs-unstack-size-one",
      message: t("bug.tfjs-unstack-size-one"),
    }),
  },
  {
    pattern:
      /Error in gradient for op BatchMatMul\. The gradient of input '(\w+)' has shape '([\d,]*)', which does not match the shape of the input '([\d,]*)'/,
    gap: (m) => ({
      bug: "tfjs-matmul-broadcast-gradient",
      message: t("bug.tfjs-matmul-broadcast-gradient", { input: m[1], inputShape: m[3], gradShape: m[2] }),
    }),
  },
  {
    pattern: /GatherV2: the index value (-\d+) is not in \[0, (\d+)\]/,
    gap: (m) => ({
      bug: "tfjs-gather-negative-index",
      message: t("bug.tfjs-gather-negative-index", { index: m[1], max: Number(m[2]) }),
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
