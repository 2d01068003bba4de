/** The graded result, identical in shape for the CLI's --json, the browser page and the tests. */

export interface HeatmapDetail {
  field: string;
  /** The last two axes of the first slice that holds the worst element. */
  rows: number;
  cols: number;
  /** |got − want| per element of that slice (NaN where got is not finite). */
  absErr: number[];
  bound: number;
}

export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  message: string;
  /** The likely bug, in words, when a known hypothesis matches the learner's output. */
  diagnosis?: string;
  /** Stable id of that bug (tests and teachers' tooling key on it). */
  bug?: string;
  /** A passing check with something to say (leaked tensors). */
  warning?: boolean;
  detail?: HeatmapDetail;
  /** The same title, message and diagnosis in Chinese (i18n.ts; localize.ts picks a language). */
  zh?: { title: string; message: string; diagnosis?: string };
}

export type Verdict = "pass" | "fail" | "error" | "timeout";

export interface Report {
  exercise: string;
  passed: boolean;
  verdict: Verdict;
  score: number;
  maxScore: number;
  backend: string;
  adapter?: string;
  durationMs: number;
  /** One line a learner reads first. */
  summary: string;
  checks: CheckResult[];
  /** What the submission printed (console.log), capped. */
  logs: string[];
  /** The summary in Chinese. */
  zh?: { summary: string };
  /** Set by localizeReport: the language the texts above are in (absent: English). */
  lang?: "en" | "zh";
}
