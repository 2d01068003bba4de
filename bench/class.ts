/**
 * npm run bench:class — grade a synthetic class (default 200 students × every exercise,
 * STUDENTS=n to change) with hidden draws on (a secret, the default 2 draws per case), and
 * print students per minute, the peak memory of the whole process tree (the grader plus its
 * sandboxed children, sampled from /proc), and what one grading costs: starting a child and
 * loading TensorFlow.js, against the whole grading.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { EXERCISE_IDS } from "../graders/contract.js";
import { bankDir, solutionFile } from "../graders/paths.js";
import { ensureChildBundle } from "../graders/runtime/node-bundle.js";
import { NodeProcessRunner } from "../graders/runtime/node-runner.js";
import { defaultAssignment } from "../classroom/assignment.js";
import { gradeClass } from "../classroom/batch.js";

const STUDENTS = Number(process.env.STUDENTS ?? 200);
const root = mkdtempSync(join(tmpdir(), "bench-class-"));
const classDir = join(root, "class");

// A realistic mix: each student's file for each exercise is a solution or a bank entry.
const pool = Object.fromEntries(EXERCISE_IDS.map((id) => [id, [solutionFile(id), ...readdirSync(bankDir(id)).map((f) => join(bankDir(id), f))]]));
for (let s = 0; s < STUDENTS; s++) {
  const dir = join(classDir, `student${String(s).padStart(3, "0")}`, "exercises");
  mkdirSync(dir, { recursive: true });
  EXERCISE_IDS.forEach((id, k) => {
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
const boots = [await bootMs(), await bootMs(), await bootMs()].sort((a, b) => a - b);
const secret = "bench-secret-not-for-grading";
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, treeRssMb())), 250);
const t0 = performance.now();
const result = await gradeClass({
  classDir,
  outDir: join(root, "out"),
  assignment: defaultAssignment(),
  secret,
  onProgress: ({ done, total }) => done % 20 === 0 && process.stdout.write(`  ${done}/${total} students\n`),
});
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const rerun0 = performance.now();
await gradeClass({ classDir, outDir: join(root, "out"), assignment: defaultAssignment(), secret });
const rerun = (performance.now() - rerun0) / 1000;
rmSync(root, { recursive: true, force: true });

const perGrading = (seconds * 1000 * cpus().length) / (result.grades.length * EXERCISE_IDS.length);
const draws = defaultAssignment().hiddenDraws;
console.log(
  `\nClass of ${result.grades.length} students × ${EXERCISE_IDS.length} exercises on ${cpus().length} CPUs (${cpus().length} parallel gradings), hidden draws on (${draws} per case):`,
);
console.log(`  first run: ${seconds.toFixed(1)} s — ${((result.grades.length / seconds) * 60).toFixed(1)} students per minute`);
console.log(`  peak memory of the process tree: ${Math.round(peak)} MB`);
console.log(`  re-run with nothing changed: ${rerun.toFixed(1)} s (every student reused)`);
console.log(
  `  one grading: ${Math.round(perGrading)} ms of a core on average, of which ${Math.round(boots[1])} ms (median of 3) is starting a sandboxed child and loading TensorFlow.js`,
);
