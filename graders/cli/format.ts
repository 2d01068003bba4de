/** Plain-text rendering of reports for a terminal (the --json path prints the object itself). */
import type { CatalogueKey } from "../engine/catalogue.js";
import { t, type Lang, type Param } from "../engine/i18n.js";
import { localizeReport } from "../engine/localize.js";
import type { Report, Verdict } from "../engine/report.js";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);
export const dim = paint(2);
export const bold = paint(1);

/**
 * Text a submission controls (its logs, error messages, anything a check quotes) printed
 * as is could move the cursor, recolour or erase lines, or reverse the reading order, and
 * so draw a fake "PASS". Escape sequences, control characters (newlines included: one
 * message is one line) and bidirectional overrides are removed before anything is printed.
 */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b.?|\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(s: unknown): string {
  return String(s)
    .replace(ESCAPES, "")
    .replace(/[\r\n\t]+/g, " ")
    .replace(CONTROLS, "");
}

/** The report with every string in it cleaned (ids and titles come from the spec, but cost nothing to clean). */
function cleanReport(r: Report): Report {
  return {
    ...r,
    exercise: cleanText(r.exercise),
    backend: cleanText(r.backend),
    summary: cleanText(r.summary),
    checks: r.checks.map((c) => ({ ...c, id: cleanText(c.id), message: cleanText(c.message), ...(c.diagnosis ? { diagnosis: cleanText(c.diagnosis) } : {}) })),
    logs: r.logs.map(cleanText),
  };
}

/** A catalogue text in the terminal's language. */
const say = (lang: Lang, key: CatalogueKey, params?: Record<string, Param>) => t(key, params)[lang];

const paintVerdict = (v: Verdict, s: string) => (v === "pass" ? green(s) : v === "timeout" ? yellow(s) : red(s));

/** The report as terminal lines, in `lang` (English by default). */
export function formatReport(report: Report, lang: Lang = "en"): string {
  const r = cleanReport(localizeReport(report, lang));
  const lines: string[] = [];
  const head = paintVerdict(r.verdict, say(lang, `cli.head.${r.verdict}`));
  lines.push(`${bold(r.exercise)}  ${head}  ${say(lang, "cli.points", { score: r.score, max: r.maxScore })}  ${dim(`${r.backend}, ${r.durationMs} ms`)}`);
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
    lines.push(dim(`  ${say(lang, "cli.printed")}`));
    for (const l of r.logs.slice(0, 20)) lines.push(dim(`    ${l}`));
    if (r.logs.length > 20) lines.push(dim(`    ${say(lang, "cli.more-lines", { n: r.logs.length - 20 })}`));
  }
  lines.push(`  ${r.summary}`);
  return lines.join("\n");
}

/** Columns a string takes in a terminal: CJK characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function formatTable(reports: Report[], lang: Lang = "en"): string {
  const rows = reports
    .map((r) => cleanReport(localizeReport(r, lang)))
    .map((r) => [
      r.exercise,
      paintVerdict(r.verdict, say(lang, `cli.verdict.${r.verdict}`)),
      `${r.score}/${r.maxScore}`,
      `${r.checks.filter((c) => c.passed).length}/${r.checks.length}`,
      `${r.durationMs} ms`,
      r.passed ? "" : (r.checks.find((c) => !c.passed)?.diagnosis ?? r.checks.find((c) => !c.passed)?.message ?? "").slice(0, lang === "zh" ? 45 : 90),
    ]);
  const header = (["exercise", "verdict", "points", "checks", "time", "first-problem"] as const).map((k) => say(lang, `cli.table.${k}`));
  const strip = (s: string) => s.replace(/\x1b\[\d+m/g, "");
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(strip(r[i])))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + " ".repeat(Math.max(0, widths[i] - width(strip(c)))))
      .join("  ")
      .trimEnd();
  return [bold(line(header)), ...rows.map(line)].join("\n");
}
