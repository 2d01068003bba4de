/**
 * The refusals the learner's realm reports (runtime/learner-tf.ts, execute-plan.ts) come as
 * English text: "<what> is not allowed while grading", where <what> is a global's name, an
 * import or `dynamic import()`. They are read back here so a refusal reads in either language.
 */
import { same, t, type Bi } from "./i18n.js";

const IMPORT = /^import of "([^"]*)" \(an exercise file may import only @tensorflow\/tfjs\)$/;

/** What the code reached for, in both languages (a name such as `process` or `tf.ENV` stays as it is). */
export function refusedWhat(what: string): Bi {
  const m = IMPORT.exec(what);
  if (m) return t("not-allowed.import", { name: m[1] });
  if (what === "dynamic import()") return t("not-allowed.dynamic-import");
  return same(what);
}

/** A NotAllowedError's message in both languages. */
export function notAllowedError(message: string): Bi {
  const m = /^([\s\S]*) is not allowed while grading$/.exec(message);
  return m ? t("not-allowed.error", { what: refusedWhat(m[1]) }) : same(message);
}
