/**
 * The tfjs 4.22 gaps the grader explains are raised here by the real library, so the
 * patterns in graders/engine/tfjs-gaps.ts are checked against the library's own wording.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { explainGradientError } from "../../graders/engine/judge-gradient.js";
import { knownGap } from "../../graders/engine/tfjs-gaps.js";

function thrown(f: () => unknown): string {
  try {
    tf.tidy(() => {
      f();
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error("expected the call to throw");
}

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("known tfjs gaps get a specific message with the workaround", () => {
  it("the gradient of tf.split into one piece", () => {
    const message = thrown(() => tf.grad((x: tf.Tensor) => tf.sum(tf.split(x, 1, 2)[0]))(tf.ones([2, 3, 4])));
    const ex = explainGradientError({ name: "Error", message });
    expect(ex.bug).toBe("tfjs-split-one-piece");
    expect(ex.message.en).toMatch(/single piece/);
  });

  it("the gradient of tf.unstack along an axis of size 1", () => {
    const message = thrown(() => tf.grad((x: tf.Tensor) => tf.sum(tf.unstack(x, 1)[0]))(tf.ones([2, 1, 3])));
    const ex = explainGradientError({ name: "Error", message });
    expect(ex.bug).toBe("tfjs-unstack-size-one");
    expect(ex.message.en).toMatch(/tf\.squeeze/);
  });

  it("a rank-3 input times a 2-D weight in one tf.matMul: the weight's gradient has the wrong shape", () => {
    const message = thrown(() => tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.matMul(x, w)))([tf.ones([2, 4, 3]), tf.ones([3, 5])]));
    const ex = explainGradientError({ name: "Error", message });
    expect(ex.bug).toBe("tfjs-matmul-broadcast-gradient");
    expect(ex.message.en).toContain("input 'b' is [3,5] but its gradient came out [2,3,5]");
  });

  it("tf.gather with a negative index (a forward error, explained where the call threw)", () => {
    const message = thrown(() => tf.gather(tf.tensor1d([1, 2, 3]), tf.tensor1d([-1], "int32")));
    const gap = knownGap(message);
    expect(gap?.bug).toBe("tfjs-gather-negative-index");
    expect(gap?.message.en).toContain("−1 → 2");
  });

  it("other errors keep the general explanations", () => {
    expect(knownGap("Cannot compute gradient of y=f(x) with respect to x.")).toBeUndefined();
    expect(explainGradientError({ name: "Error", message: "gradient function not found for Einsum" }).bug).toBe("no-gradient-op");
  });
});
