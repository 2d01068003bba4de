/** Plain-text rendering of reports for a terminal (the --json path prints the object itself). */
import type { Report } from "../engine/report.js";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);
export const dim = paint(2);
export const bold = paint(1);

export function formatReport(r: Report): string {
  const lines: string[] = [];
  const head = r.passed ? green("PASS") : r.verdict === "timeout" ? yellow("TIMEOUT") : red(r.verdict === "error" ? "ERROR" : "FAIL");
  lines.push(`${bold(r.exercise)}  ${head}  ${r.score}/${r.maxScore} points  ${dim(`${r.backend}, ${r.durationMs} ms`)}`);
  for (const c of r.checks) {
    const mark = c.passed ? (c.warning ? yellow("!") : green("✓")) : red("✗");
    const pts = c.maxPoints > 0 ? dim(` (${c.points}/${c.maxPoints})`) : "";
    lines.push(`  ${mark} ${c.id}${pts}`);
    if (!c.passed || c.warning) {
      lines.push(`      ${c.message}`);
      if (c.diagnosis) lines.push(`      ${yellow(c.diagnosis)}`);
    }
  }
  if (r.logs.length > 0) {
    lines.push(dim("  printed by the submission:"));
    for (const l of r.logs.slice(0, 20)) lines.push(dim(`    ${l}`));
    if (r.logs.length > 20) lines.push(dim(`    … ${r.logs.length - 20} more lines`));
  }
  lines.push(`  ${r.summary}`);
  return lines.join("\n");
}

export function formatTable(reports: Report[]): string {
  const rows = reports.map((r) => [
    r.exercise,
    r.passed ? green("pass") : r.verdict === "timeout" ? yellow("timeout") : red(r.verdict),
    `${r.score}/${r.maxScore}`,
    `${r.checks.filter((c) => c.passed).length}/${r.checks.length}`,
    `${r.durationMs} ms`,
    r.passed ? "" : (r.checks.find((c) => !c.passed)?.diagnosis ?? r.checks.find((c) => !c.passed)?.message ?? "").slice(0, 90),
  ]);
  const header = ["exercise", "verdict", "points", "checks", "time", "first problem"];
  const strip = (s: string) => s.replace(/\x1b\[\d+m/g, "");
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => strip(r[i]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c + " ".repeat(Math.max(0, widths[i] - strip(c).length))).join("  ").trimEnd();
  return [bold(line(header)), ...rows.map(line)].join("\n");
}
