/**
 * A report in one language: the engine writes every text in English and Chinese (i18n.ts),
 * and this picks one for the CLI (--lang) and the browser page (its /zh/ twin). Ids, bug ids,
 * scores and logs are the same in every language; a check built without Chinese (none is, but
 * a report from an older engine may be) keeps its English.
 */
import type { Lang } from "./i18n.js";
import type { CheckResult, Report } from "./report.js";

export function localizeCheck(c: CheckResult, lang: Lang): CheckResult {
  if (lang === "en" || !c.zh) return c;
  const { diagnosis: _d, ...rest } = c;
  const diagnosis = c.diagnosis === undefined ? undefined : (c.zh.diagnosis ?? c.diagnosis);
  return { ...rest, title: c.zh.title, message: c.zh.message, ...(diagnosis === undefined ? {} : { diagnosis }) };
}

/** The report with its texts in `lang` (English is the report as graded). */
export function localizeReport(report: Report, lang: Lang): Report {
  if (lang === "en") return report;
  return {
    ...report,
    summary: report.zh?.summary ?? report.summary,
    checks: report.checks.map((c) => localizeCheck(c, lang)),
    lang,
  };
}
