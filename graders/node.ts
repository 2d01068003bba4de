/** Grading from Node (the CLI, classroom mode and the tests): file in, report out. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isExerciseId, type ExerciseId } from "./contract.js";
import { grade, type GradeOptions } from "./engine/grade.js";
import type { Report } from "./engine/report.js";
import { GRADERS } from "./index.js";
import { type ChildSession, NodeProcessRunner } from "./runtime/node-runner.js";
import { crossBackendCheck, type CrossBackend } from "./cross-backend.js";
import { withCheck } from "./engine/summary.js";

export const NODE_BACKENDS = ["cpu", "wasm"] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

export interface NodeGradeOptions extends Partial<Omit<GradeOptions, "source" | "filename" | "runner" | "backend">> {
  backend?: NodeBackend;
  /** Grade a small plan again on this backend and add a `backend/<name>` check (cross-backend.ts; classroom mode). */
  crossBackend?: CrossBackend;
  /** Warm grading children to reuse — only ever for files of one submitter (see ChildSession). */
  session?: ChildSession;
}

export async function gradeSource(exercise: ExerciseId, source: string, filename: string, opts: NodeGradeOptions = {}): Promise<Report> {
  if (!isExerciseId(exercise)) throw new Error(`unknown exercise "${exercise}"`);
  const backend = opts.backend ?? "cpu";
  const { crossBackend, session, ...gradeOpts } = opts;
  const report = await grade(GRADERS[exercise], { ...gradeOpts, source, filename, backend, runner: new NodeProcessRunner(backend, { session }) });
  if (!crossBackend) return report;
  const check = await crossBackendCheck(
    GRADERS[exercise],
    crossBackend,
    report,
    source,
    filename,
    { timeoutMs: opts.timeoutMs, memoryMb: opts.memoryMb },
    session,
  );
  return check ? withCheck(report, check) : report;
}

export async function gradeFile(exercise: ExerciseId, file: string, opts: NodeGradeOptions = {}): Promise<Report> {
  const path = resolve(file);
  return gradeSource(exercise, await readFile(path, "utf8"), path, opts);
}
