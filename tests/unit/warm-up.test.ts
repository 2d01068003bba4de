/**
 * The warm-up pass (issue 14): the browser worker runs the reference solution's plan once,
 * in tfjs's compile-only mode on WebGPU, so the first graded run finds its GPU programs
 * compiled. Here on the cpu backend (no compile-only mode there, the calls simply run):
 * every call the plan holds runs, forward and gradient, except those that continue an
 * earlier call's result; nothing is posted, no tensor is left behind, and a file that
 * throws or does not load costs nothing but the attempt.
 */
import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HIDDEN_DRAWS, DEFAULT_SWEEP } from "../../graders/engine/grade.js";
import { planRun } from "../../graders/engine/plan.js";
import type { RunRequest } from "../../graders/engine/protocol.js";
import { toleranceFor } from "../../graders/engine/tolerances.js";
import { GRADERS } from "../../graders/index.js";
import { solutionFile, starterFile } from "../../graders/paths.js";
import { compileCalls, type LearnerRealm } from "../../graders/runtime/execute-plan.js";
import { createLearnerContext, evaluateInContext } from "../../graders/runtime/node-learner-context.js";

/** The plan as a request, and the calls the solution must throw in (validation cases): those count as not run. */
function request(id: string, file: string): RunRequest & { throwing: Set<string> } {
  const grader = GRADERS[id];
  const plan = planRun(grader, toleranceFor("cpu"), undefined, DEFAULT_HIDDEN_DRAWS, DEFAULT_SWEEP);
  return {
    throwing: new Set(plan.instances.filter((i) => i.spec.expect === "throws").map((i) => i.key)),
    token: "",
    filename: `${id}.ts`,
    source: readFileSync(file, "utf8"),
    exportNames: plan.exportNames,
    forbidden: grader.spec.forbidden,
    backend: "cpu",
    calls: plan.calls,
  };
}

const posted: unknown[] = [];
/** The worker's step without the GPU: run the call, go on. */
const everyCall = async (compile: () => void) => {
  compile();
  return true;
};
const realm: LearnerRealm = {
  tf,
  post: (m) => posted.push(m),
  evaluate(code, filename, require, refuse) {
    const context = createLearnerContext({ write: () => undefined, refuse });
    return evaluateInContext(context, code, filename, require, refuse);
  },
  lineOffset: 0,
  now: () => performance.now(),
};

describe("the warm-up pass over a plan", () => {
  beforeAll(async () => {
    const { log, warn } = console;
    console.log = console.warn = () => undefined;
    try {
      await tf.setBackend("cpu");
      await tf.ready();
    } finally {
      Object.assign(console, { log, warn });
    }
  });

  for (const id of ["mha", "kvcache", "loss", "encoder"]) {
    it(`${id}: runs every call that does not continue an earlier one, posts nothing and leaves no tensor`, async () => {
      const req = request(id, solutionFile(id));
      const before = tf.memory().numTensors;
      const ran = await compileCalls(realm, req, everyCall);
      expect(ran).toBe(req.calls.filter((c) => !c.from && !req.throwing.has(c.id)).length);
      expect(ran).toBeGreaterThan(0);
      expect(tf.memory().numTensors).toBe(before);
      expect(posted).toEqual([]);
    });
  }

  it("stops after the call during which a graded run arrived", async () => {
    let steps = 0;
    const ran = await compileCalls(realm, request("mha", solutionFile("mha")), async (compile) => {
      compile();
      return ++steps < 2;
    });
    expect(ran).toBe(2);
  });

  it("a starter that throws in every call runs none of them and does not throw", async () => {
    expect(await compileCalls(realm, request("mha", starterFile("mha")), everyCall)).toBe(0);
  });

  it("a file that does not load runs nothing and posts nothing", async () => {
    expect(await compileCalls(realm, { ...request("mha", solutionFile("mha")), source: "export function (" }, everyCall)).toBe(0);
    expect(posted).toEqual([]);
  });
});
