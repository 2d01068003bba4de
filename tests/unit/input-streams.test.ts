/**
 * Every input leaf draws from its own stream, named by its full path: two weights objects
 * with entries of the same name (an encoder's ln1.gamma and ln2.gamma) must not receive the
 * same numbers, or swapping them could never be seen.
 */
import { describe, expect, it } from "vitest";
import { buildCaseInputs, drawTensor } from "../../graders/engine/inputs.js";
import { GRADERS } from "../../graders/index.js";

describe("input streams", () => {
  it("gives same-named entries of different weights objects different numbers", () => {
    let pairs = 0;
    for (const [id, def] of Object.entries(GRADERS)) {
      for (const c of def.spec.cases) {
        const leaves = buildCaseInputs(c).leaves;
        const byLocal = new Map<string, string[]>();
        for (const name of leaves.keys()) {
          if (!name.includes(".")) continue;
          const local = name.slice(name.lastIndexOf(".") + 1);
          byLocal.set(local, [...(byLocal.get(local) ?? []), name]);
        }
        for (const names of byLocal.values()) {
          for (let i = 1; i < names.length; i++) {
            const a = leaves.get(names[0])!.nd;
            const b = leaves.get(names[i])!.nd;
            if (a.data.length !== b.data.length) continue;
            pairs++;
            expect(Array.from(a.data), `${id}/${c.id}: ${names[0]} vs ${names[i]}`).not.toEqual(Array.from(b.data));
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(0);
  });

  it("draws a top-level argument from the stream of its own name, as before", () => {
    const c = GRADERS.softmax.spec.cases[0];
    const arg = c.args[0];
    if (arg.kind !== "tensor") throw new Error("softmax's first argument is a tensor");
    expect(Array.from(buildCaseInputs(c).leaves.get(arg.name)!.nd.data)).toEqual(Array.from(drawTensor(arg, c.seed).data));
  });
});
