/**
 * npm run bench:grade — how long `npm run grade` takes on the reference solutions.
 * Prints, per exercise, the time of a grading run (child process start, tfjs load, every
 * case and gradient, the comparisons) over several repetitions, and the wall time of
 * grading every exercise in parallel as the CLI does (warm children shared by the learner's
 * files) — in this process (the engine's cost), and as whole processes from the shell
 * (`npm run grade -- --dir` over the fifteen solutions and over the first five, and one
 * `npm run grade -- <id> <solution>` per exercise: what a learner waits for, process start
 * and module loading included).
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { EXERCISE_IDS } from "../graders/contract.js";
import { gradeFile } from "../graders/node.js";
import { solutionFile } from "../graders/paths.js";
import { ensureChildBundle } from "../graders/runtime/node-bundle.js";
import { ChildSession } from "../graders/runtime/node-runner.js";
import { mapPool } from "../graders/runtime/pool.js";
import { bestOf, load, timeCommand } from "./whole-process.js";

const REPEAT = Number(process.env.REPEAT ?? 3);
const file = solutionFile;

await ensureChildBundle();
const rows: string[][] = [];
for (const id of EXERCISE_IDS) {
  const times: number[] = [];
  let checks = 0;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    const r = await gradeFile(id, file(id));
    times.push(performance.now() - t0);
    checks = r.checks.length;
    if (!r.passed) throw new Error(`solutions/${id}.ts did not pass: ${r.summary}`);
  }
  times.sort((a, b) => a - b);
  rows.push([id, String(checks), `${Math.round(times[0])}`, `${Math.round(times[Math.floor(times.length / 2)])}`]);
}

const walls: number[] = [];
for (let i = 0; i < REPEAT; i++) {
  const t0 = performance.now();
  const session = new ChildSession();
  await mapPool(EXERCISE_IDS, cpus().length, (id) => gradeFile(id, file(id), { session })).finally(() => session.close());
  walls.push(performance.now() - t0);
}
walls.sort((a, b) => a - b);

const header = ["exercise", "checks", "best ms", "median ms"];
const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join("  ");
console.log(`Grading the reference solutions on the cpu backend (${cpus().length} CPUs, ${REPEAT} runs each)\n`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(
  `\nall exercises in parallel (as \`npm run grade\` does): best ${Math.round(walls[0])} ms, median ${Math.round(walls[Math.floor(walls.length / 2)])} ms`,
);

// Whole processes, as from the shell, on the solutions: all fifteen, the first five (the
// original course, the yardstick) from a folder of copies, and each one alone.
const five = mkdtempSync(join(tmpdir(), "bench-five-"));
for (const id of EXERCISE_IDS.slice(0, 5)) copyFileSync(file(id), join(five, `${id}.ts`));
const LAUNCH = ["graders/cli/launch.mjs"];
const ms = (n: number | null) => (n === null ? "n/a" : `${Math.round(n)} ms`);
const wholeRuns = (args: string[]) =>
  bestOf(Array.from({ length: REPEAT }, () => timeCommand("npm", ["run", "-s", "grade", ...(args.length ? ["--", ...args] : [])])));
console.log(`\nwhole process from the shell (best wall / median wall / median CPU of it and its children; load average ${load()} on ${cpus().length} CPUs):`);
const all = wholeRuns(["--dir", "solutions"]);
console.log(`  npm run grade -- --dir solutions (all ${EXERCISE_IDS.length})  ${ms(all.wall)} / ${ms(all.medianWall)} / ${ms(all.cpu)}`);
const firstFive = wholeRuns(["--dir", five]);
console.log(`  npm run grade -- --dir <${EXERCISE_IDS.slice(0, 5).join(", ")}>  ${ms(firstFive.wall)} / ${ms(firstFive.medianWall)} / ${ms(firstFive.cpu)}`);
rmSync(five, { recursive: true, force: true });
for (const id of EXERCISE_IDS) {
  const one = wholeRuns([id, file(id)]);
  console.log(`  npm run grade -- ${id.padEnd(10)} ${ms(one.wall)} / ${ms(one.medianWall)} / ${ms(one.cpu)}`);
}
const bare = bestOf(Array.from({ length: REPEAT }, () => timeCommand(process.execPath, [...LAUNCH, "--help"])));
console.log(`  start-up alone (node ${LAUNCH[0]} --help)  ${ms(bare.wall)} / ${ms(bare.medianWall)} / ${ms(bare.cpu)}`);
