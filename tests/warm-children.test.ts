/**
 * Warm grading children (ChildSession): one child serves a submitter's files in turn, and
 * nothing of one run reaches the next — not its globals, not its printed lines — while a run
 * that did not end cleanly (a timeout, a refused attempt) retires its child.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAssignment } from "../classroom/assignment.js";
import { gradeClass, type GradeOne } from "../classroom/batch.js";
import { ChildSession } from "../graders/runtime/node-runner.js";
import { COURSE_ROOT, grade } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "warm-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sol = (id: string) => join(COURSE_ROOT, "solutions", `${id}.ts`);
const hostile = (name: string) => join(COURSE_ROOT, "tests", "hostile", `${name}.ts`);

const SOFTMAX_BODY = `
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1) {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
function plain(x: tf.Tensor, axis: number) {
  return tf.tidy(() => { const e = tf.exp(tf.sub(x, tf.max(x, axis, true))); return tf.div(e, tf.sum(e, axis, true)); });
}`;

function file(name: string, text: string): string {
  const f = join(root, name);
  writeFileSync(f, `import * as tf from "@tensorflow/tfjs";\n${text}\n${SOFTMAX_BODY}\n`);
  return f;
}

describe("a session of warm children", () => {
  it("grades a learner's files one after another in a single child, each as it would alone", async () => {
    const session = new ChildSession();
    try {
      for (const id of ["softmax", "attention", "rope"] as const) expect((await grade(id, sol(id), { session })).passed).toBe(true);
      expect(session.started).toBe(1);
    } finally {
      session.close();
    }
  });

  it("gives each run a fresh global scope and files printed lines under their own run", async () => {
    const leaves = file(
      "leaves.ts",
      `(globalThis as any).carried = 42;\nexport function softmax(x: tf.Tensor, axis = -1) { console.log("FROM-THE-FIRST-RUN"); return plain(x, axis); }`,
    );
    const looks = file(
      "looks.ts",
      `export function softmax(x: tf.Tensor, axis = -1) { if ((globalThis as any).carried !== undefined) throw new Error("a global carried over"); return plain(x, axis); }`,
    );
    const session = new ChildSession();
    try {
      const first = await grade("softmax", leaves, { session });
      const second = await grade("softmax", looks, { session });
      expect(first.passed).toBe(true);
      expect(first.logs.join("\n")).toMatch(/FROM-THE-FIRST-RUN/);
      expect(second.passed).toBe(true);
      expect(second.logs.join("\n")).not.toMatch(/FROM-THE-FIRST-RUN/);
      expect(session.started).toBe(1);
    } finally {
      session.close();
    }
  });

  it("retires a child whose run timed out or tried a refused route, and the next run still passes", async () => {
    const session = new ChildSession();
    try {
      expect((await grade("softmax", hostile("loop-in-call"), { session, timeoutMs: 3000 })).verdict).toBe("timeout");
      expect((await grade("softmax", sol("softmax"), { session })).passed).toBe(true);
      expect(session.started).toBe(2);
      expect((await grade("softmax", hostile("reaches-process"), { session })).passed).toBe(false);
      expect((await grade("softmax", sol("softmax"), { session })).passed).toBe(true);
      expect(session.started).toBe(3);
    } finally {
      session.close();
    }
  });
});

describe("classroom sessions", () => {
  it("never hands a child from one student to another, and reuses it within a student", async () => {
    const classDir = join(root, "class");
    for (const s of ["ana", "ben", "cai"]) {
      mkdirSync(join(classDir, s, "exercises"), { recursive: true });
      for (const id of ["softmax", "rope"]) writeFileSync(join(classDir, s, "exercises", `${id}.ts`), `// ${s}\nexport {};\n`);
    }
    const seen: { student: string; session: unknown }[] = [];
    const gradeOne: GradeOne = async (id, source, filename, options) => {
      seen.push({ student: source.split("\n")[0], session: options.session });
      throw new Error(`not graded in this test (${id} ${filename} ${source.length})`);
    };
    const assignment = parseAssignment(
      JSON.stringify({
        exercises: [
          { id: "softmax", points: 1 },
          { id: "rope", points: 1 },
        ],
      }),
      "a.json",
    );
    const result = await gradeClass({ classDir, outDir: join(root, "out"), assignment, gradeOne, jobs: 2 });
    expect(result.grades).toHaveLength(3);
    expect(seen).toHaveLength(6);
    const byStudent = new Map<string, Set<unknown>>();
    for (const { student, session } of seen) byStudent.set(student, (byStudent.get(student) ?? new Set()).add(session));
    expect([...byStudent.keys()].sort()).toEqual(["// ana", "// ben", "// cai"]);
    for (const sessions of byStudent.values()) expect(sessions.size).toBe(1);
    const all = [...byStudent.values()].map((s) => [...s][0]);
    expect(new Set(all).size).toBe(3);
    for (const session of all) expect(session).toBeInstanceOf(ChildSession);
  });
});
