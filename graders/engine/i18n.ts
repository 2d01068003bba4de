/**
 * Both languages of every text the engine writes. A message is built once, from the
 * catalogue (catalogue.ts) and its parameters, as a pair { en, zh }; a check carries the
 * English in its usual fields and the Chinese under `zh`, so the CLI (--lang zh) and the
 * browser's /zh/ pages show the same grading in either language (localize.ts). Text the
 * engine does not write — an error a submission threw, its logs — stays as it is in both.
 */
import { CATALOGUE, type CatalogueKey } from "./catalogue.js";
import type { CheckResult } from "./report.js";

export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

export interface Bi {
  en: string;
  zh: string;
}

/** A parameter: a pair, or a string or number that reads the same in both languages (an id, a shape, a value). */
export type Param = string | number | Bi;

export const isLang = (s: string): s is Lang => (LANGS as readonly string[]).includes(s);

/** Text that is the same in both languages: identifiers, numbers, what the submission itself wrote. */
export const same = (s: string | number): Bi => ({ en: String(s), zh: String(s) });

const inLang = (p: Param, lang: Lang): string => (typeof p === "object" ? p[lang] : String(p));

/** `{name}` placeholders of a template, in order of appearance. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

function fill(template: string, params: Record<string, Param>, lang: Lang, key: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = params[name];
    if (p === undefined) throw new Error(`message ${key}: no value for {${name}}`);
    return inLang(p, lang);
  });
}

const HAN = "\\u3400-\\u9fff";
const FULL_WIDTH_PUNCT = "，。：；、（）！？";
const SPACE_BETWEEN_HAN = new RegExp(`([${HAN}])\\s+(?=[${HAN}])`, "g");
const SPACE_AROUND_PUNCT = new RegExp(`\\s+(?=[${FULL_WIDTH_PUNCT}])|(?<=[${FULL_WIDTH_PUNCT}])\\s+`, "g");

/**
 * Chinese sets a space around Latin words and numbers, never between two characters or
 * next to full-width punctuation: a template spaces its parameters for identifiers and
 * numbers, and a parameter that is itself Chinese closes up here.
 */
export function tidyZh(s: string): string {
  return s.replace(SPACE_BETWEEN_HAN, "$1").replace(SPACE_AROUND_PUNCT, "");
}

/** A catalogue message in both languages. */
export function t(key: CatalogueKey, params: Record<string, Param> = {}): Bi {
  const entry = CATALOGUE[key];
  return { en: fill(entry.en, params, "en", key), zh: tidyZh(fill(entry.zh, params, "zh", key)) };
}

/** The catalogue in one language: `sayIn("zh")(key, params)` is `t(key, params).zh`. */
export function sayIn(lang: Lang): (key: CatalogueKey, params?: Record<string, Param>) => string {
  return (key, params) => t(key, params)[lang];
}

/** Items joined by a separator that may differ per language (", " and "、"). */
export function joinBi(items: Param[], sep: Param): Bi {
  return { en: items.map((i) => inLang(i, "en")).join(inLang(sep, "en")), zh: items.map((i) => inLang(i, "zh")).join(inLang(sep, "zh")) };
}

/** The texts of a check as the engine builds it, before they are split into the report's fields. */
export interface CheckTexts {
  title: Bi;
  message: Bi;
  diagnosis?: Bi;
}

/** A check whose texts are still pairs. */
export type Draft = Omit<CheckResult, "title" | "message" | "diagnosis" | "zh"> & CheckTexts;

/** A check in the report's shape: English in the usual fields, Chinese under `zh`. */
export function toCheck(d: Draft): CheckResult {
  const { title, message, diagnosis, ...rest } = d;
  return {
    ...rest,
    title: title.en,
    message: message.en,
    ...(diagnosis ? { diagnosis: diagnosis.en } : {}),
    zh: { title: title.zh, message: message.zh, ...(diagnosis ? { diagnosis: diagnosis.zh } : {}) },
  };
}

/** The pairs a check carries (a check made without them reads the same in both languages). */
export function textsOf(c: CheckResult): CheckTexts {
  return {
    title: { en: c.title, zh: c.zh?.title ?? c.title },
    message: { en: c.message, zh: c.zh?.message ?? c.message },
    ...(c.diagnosis !== undefined ? { diagnosis: { en: c.diagnosis, zh: c.zh?.diagnosis ?? c.diagnosis } } : {}),
  };
}

/** The check with some of its texts replaced. */
export function retext(c: CheckResult, changes: Partial<CheckTexts>): CheckResult {
  const { title: _t, message: _m, diagnosis: _d, zh: _z, ...rest } = c;
  return toCheck({ ...rest, ...textsOf(c), ...changes });
}
