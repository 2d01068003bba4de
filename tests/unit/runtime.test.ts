import { describe, expect, it } from "vitest";
import { errInfo } from "../../graders/runtime/execute-plan.js";
import { mapPool } from "../../graders/runtime/pool.js";
import { applyMessage, emptyOutcome, MAX_LOG_CHARS, MAX_LOG_LINES } from "../../graders/runtime/run-messages.js";

describe("the worker pool", () => {
  it("keeps at most `jobs` runs in flight and returns results in the items' order", async () => {
    let inFlight = 0;
    let peak = 0;
    const items = [30, 5, 20, 1, 10, 2, 15];
    const results = await mapPool(items, 3, async (ms, i) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return `${i}:${ms}`;
    });
    expect(peak).toBe(3);
    expect(results).toEqual(items.map((ms, i) => `${i}:${ms}`));
  });

  it("runs everything with a single job and with more jobs than items", async () => {
    expect(await mapPool([1, 2, 3], 1, async (x) => x * 2)).toEqual([2, 4, 6]);
    expect(await mapPool([1, 2], 16, async (x) => x + 1)).toEqual([2, 3]);
    expect(await mapPool([], 4, async (x: number) => x)).toEqual([]);
  });
});

describe("runner messages", () => {
  const token = "t0ken";
  const hygiene = { forbiddenUsed: [], leaked: 0, disposedInputs: [], changedInputs: [], ms: 1 };

  it("counts unsigned or malformed messages as forged and ignores them", () => {
    const o = emptyOutcome("cpu");
    expect(applyMessage(o, { type: "done", token: "guess" }, token)).toBeNull();
    expect(applyMessage(o, { type: "call", token, id: "x" }, token)).toBeNull();
    expect(applyMessage(o, "done", token)).toBeNull();
    expect(o.forged).toBe(3);
    expect(o.calls.size).toBe(0);
  });

  it("records exports, calls and the end of the run", () => {
    const o = emptyOutcome("webgpu", "SwiftShader");
    applyMessage(o, { type: "ready", token, backend: "webgpu", exports: { softmax: "function" } }, token);
    applyMessage(o, { type: "call", token, id: "basic", outcome: { ok: false, error: { name: "Error", message: "no" }, hygiene } }, token);
    expect(o.adapter).toBe("SwiftShader");
    expect(o.exports).toEqual({ softmax: "function" });
    expect(o.calls.get("basic")?.ok).toBe(false);
    expect(applyMessage(o, { type: "fatal", token, stage: "run", error: { name: "Error", message: "boom" } }, token)).toBe("fatal");
    expect(o.fatal?.error.message).toBe("boom");
    expect(applyMessage(o, { type: "done", token }, token)).toBe("done");
  });

  it("caps what a submission prints: lines in number and in length", () => {
    const o = emptyOutcome("cpu");
    for (let i = 0; i < MAX_LOG_LINES + 50; i++) applyMessage(o, { type: "log", token, level: "log", text: `${i} ${"x".repeat(MAX_LOG_CHARS)}` }, token);
    expect(o.logs).toHaveLength(MAX_LOG_LINES);
    expect(o.logs.every((l) => l.length === MAX_LOG_CHARS)).toBe(true);
    expect(o.logs[0].startsWith("0 x")).toBe(true);
  });
});

describe("errInfo origin", () => {
  const thrown = (frames: string[]) => Object.assign(new Error("rank must be 4"), { stack: ["Error: rank must be 4", ...frames].join("\n") });
  it("counts tf.util.assert called by the learner's own code as the learner's check", () => {
    const e = thrown(["    at assert (/course/node_modules/@tensorflow/tfjs/dist/tf.node.js:100:11)", "    at splitHeads (/tmp/student/mha.ts:7:11)"]);
    expect(errInfo(e, "/tmp/student/mha.ts").origin).toBe("submission");
  });
  it("still blames the library for a failure deep inside tfjs", () => {
    const e = thrown([
      "    at assert (/course/node_modules/@tensorflow/tfjs/dist/tf.node.js:100:11)",
      "    at reshape_ (/course/node_modules/@tensorflow/tfjs/dist/tf.node.js:900:5)",
      "    at splitHeads (/tmp/student/mha.ts:7:11)",
    ]);
    expect(errInfo(e, "/tmp/student/mha.ts").origin).toBe("library");
  });
});
