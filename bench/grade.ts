/**
 * npm run bench:grade — how long `npm run grade` takes on the reference solutions.
 * Prints, per exercise, the time of a grading run (child process start, tfjs load, every
 * case and gradient, the comparisons) over several repetitions, and the wall time of
 * grading every exercise in parallel as the CLI does.
 */
import { cpus } from "node:os";
import { EXERCISE_IDS } from "../graders/contract.js";
import { gradeFile } from "../graders/node.js";
import { solutionFile } from "../graders/paths.js";
import { ensureChildBundle } from "../graders/runtime/node-bundle.js";
import { mapPool } from "../graders/runtime/pool.js";

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
  await mapPool(EXERCISE_IDS, cpus().length, (id) => gradeFile(id, file(id)));
  walls.push(performance.now() - t0);
}
walls.sort((a, b) => a - b);

const header = ["exercise", "checks", "best ms", "median ms"];
const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join("  ");
console.log(`Grading the reference solutions on the cpu backend (${cpus().length} CPUs, ${REPEAT} runs each)\n`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`\nall exercises in parallel (as \`npm run grade\` does): best ${Math.round(walls[0])} ms, median ${Math.round(walls[Math.floor(walls.length / 2)])} ms`);
