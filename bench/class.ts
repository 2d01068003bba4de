/**
 * npm run bench:class — grade a synthetic class (default 200 students × the five original
 * exercises, the yardstick; STUDENTS=n, EXERCISES=all or a comma list, JOBS=n to change)
 * the way classroom mode does: hidden draws on (a secret, the default 2 draws per case), the
 * seeded property sweep, and the wasm cross-check. Prints students per minute, the peak memory
 * of the whole process tree (the grader plus its sandboxed children, sampled from /proc), and
 * what one grading costs against starting a sandboxed child and loading TensorFlow.js.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { EXERCISE_IDS } from "../graders/contract.js";
import { bankDir, solutionFile } from "../graders/paths.js";
import { ensureChildBundle } from "../graders/runtime/node-bundle.js";
import { NodeProcessRunner } from "../graders/runtime/node-runner.js";
import { type Assignment, parseAssignment } from "../classroom/assignment.js";
import { gradeClass } from "../classroom/batch.js";

const STUDENTS = Number(process.env.STUDENTS ?? 200);
/** Gradings at a time (classroom mode's --jobs); default: one per CPU. */
const JOBS = process.env.JOBS ? Number(process.env.JOBS) : undefined;
const FIVE = ["softmax", "masking", "attention", "mha", "rope"];
const wanted = process.env.EXERCISES === "all" ? [...EXERCISE_IDS] : (process.env.EXERCISES?.split(",") ?? FIVE);
const IDS = EXERCISE_IDS.filter((id) => wanted.includes(id));
if (IDS.length !== wanted.length) throw new Error(`EXERCISES: unknown exercise in ${wanted.join(",")} (known: ${EXERCISE_IDS.join(", ")})`);
const assignment: Assignment = parseAssignment(JSON.stringify({ exercises: IDS.map((id) => ({ id, points: 10 })) }), "bench.json");
const root = mkdtempSync(join(tmpdir(), "bench-class-"));
const classDir = join(root, "class");

// A realistic mix: each student's file for each exercise is a solution or a bank entry.
const pool = Object.fromEntries(IDS.map((id) => [id, [solutionFile(id), ...readdirSync(bankDir(id)).map((f) => join(bankDir(id), f))]]));
for (let s = 0; s < STUDENTS; s++) {
  const dir = join(classDir, `student${String(s).padStart(3, "0")}`, "exercises");
  mkdirSync(dir, { recursive: true });
  IDS.forEach((id, k) => {
    copyFileSync(pool[id][(s * 7 + k * 3) % pool[id].length], join(dir, `${id}.ts`));
  });
}

function treeRssMb(): number {
  // Sum VmRSS over this process and every descendant.
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      parents.set(Number(p), Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rss.set(Number(p), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      /* the process ended while we looked */
    }
  }
  const inTree = (pid: number): boolean => pid === process.pid || (pid > 1 && parents.has(pid) && inTree(parents.get(pid)!));
  let total = 0;
  for (const [pid, mb] of rss) if (inTree(pid)) total += mb;
  return total;
}

/** A child that boots tfjs and runs no call: the fixed cost every grading pays. */
async function bootMs(): Promise<number> {
  const t = performance.now();
  await new NodeProcessRunner("cpu").run(
    { token: "bench", filename: "x.ts", source: "", exportNames: [], forbidden: [], backend: "cpu", calls: [] },
    { timeoutMs: 10_000, memoryMb: 1024 },
  );
  return performance.now() - t;
}

await ensureChildBundle();
const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(" ");
const boots = [await bootMs(), await bootMs(), await bootMs()].sort((a, b) => a - b);
const secret = "bench-secret-not-for-grading";
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, treeRssMb())), 250);
const t0 = performance.now();
const result = await gradeClass({
  classDir,
  outDir: join(root, "out"),
  assignment,
  secret,
  ...(JOBS ? { jobs: JOBS } : {}),
  onProgress: ({ done, total }) => done % 20 === 0 && process.stdout.write(`  ${done}/${total} students\n`),
});
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const rerun0 = performance.now();
await gradeClass({ classDir, outDir: join(root, "out"), assignment, secret });
const rerun = (performance.now() - rerun0) / 1000;
rmSync(root, { recursive: true, force: true });

const perGrading = (seconds * 1000 * cpus().length) / (result.grades.length * IDS.length);
const draws = assignment.hiddenDraws;
console.log(
  `\nClass of ${result.grades.length} students × ${IDS.length} exercises (${IDS.join(", ")}) on ${cpus().length} CPUs (${JOBS ?? cpus().length} parallel gradings), hidden draws on (${draws} per case), the property sweep and the wasm cross-check; load average before: ${loadBefore}:`,
);
console.log(`  first run: ${seconds.toFixed(1)} s — ${((result.grades.length / seconds) * 60).toFixed(1)} students per minute`);
console.log(`  peak memory of the process tree: ${Math.round(peak)} MB`);
console.log(`  re-run with nothing changed: ${rerun.toFixed(1)} s (every student reused)`);
console.log(
  `  one grading: ${Math.round(perGrading)} ms of a core on average; starting a sandboxed child and loading TensorFlow.js takes ${Math.round(boots[1])} ms (median of 3), paid once per student (the student's warm child serves all their files and the wasm cross-check)`,
);
