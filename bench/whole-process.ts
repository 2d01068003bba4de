/**
 * Whole-process timing of the grading CLI, as a learner's shell sees it: process start,
 * module loading, the child processes, the table — wall time, and the CPU time of the
 * process and everything it started (on a shared machine wall time moves with the load;
 * CPU time much less).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { COURSE_ROOT } from "../graders/paths.js";

export interface ProcessTime {
  wallMs: number;
  /** User + system CPU of the finished children, or null where /proc is not there. */
  cpuMs: number | null;
  status: number | null;
}

/** cutime + cstime of this process (children waited for), in ms; Linux only. */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export function timeCommand(command: string, args: string[]): ProcessTime {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: COURSE_ROOT, stdio: "ignore" });
  const wallMs = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  return { wallMs, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, status: r.status };
}

export function bestOf(runs: ProcessTime[]): { wall: number; medianWall: number; cpu: number | null } {
  const walls = runs.map((r) => r.wallMs).sort((a, b) => a - b);
  const cpus = runs
    .map((r) => r.cpuMs)
    .filter((c): c is number => c !== null)
    .sort((a, b) => a - b);
  return { wall: walls[0], medianWall: walls[Math.floor(walls.length / 2)], cpu: cpus.length ? cpus[Math.floor(cpus.length / 2)] : null };
}

export const load = (): string => loadavg()[0].toFixed(1);
