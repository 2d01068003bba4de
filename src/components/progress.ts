/**
 * The learner's progress in localStorage: one key per item (an exercise's draft and last
 * result, a topic's quiz answers, a topic read), each validated when read. An
 * entry that fails validation — corrupted, hand-edited, or from an older format — is moved
 * aside under a quarantine key (never dropped) and reported, and the page carries on.
 */
// Checked by a small hand-written validator rather than zod: this ships with every page, and
// Framework would serve zod whole, locales and all (about 85 KiB gzipped).
import {
  array,
  boolean,
  describeIssues,
  type Infer,
  literal,
  number,
  object,
  oneOf,
  optional,
  record,
  string,
  unknown,
} from "../_graders/engine/shape-check.js";

export const PREFIX = "transformer-course:v1:";
const QUARANTINE = "transformer-course:quarantine:";

const VERDICTS = ["pass", "fail", "error", "timeout"] as const;

export const ExerciseRecord = object({
  draft: string({ max: 200_000 }),
  updatedAt: number(),
  lastResult: optional(object({ verdict: oneOf(VERDICTS), score: number(), maxScore: number(), backend: string(), at: number() })),
  passedAt: optional(number()),
});
export type ExerciseRecord = Infer<typeof ExerciseRecord>;

export const QuizRecord = object({
  answers: record(object({ correct: boolean(), answer: unknown(), at: number() })),
  /** Whether each question's first answer ever (topic page or drill) was right: kept apart
   * from `answers`, which a learner may retry until everything is correct. */
  first: optional(record(boolean())),
  passedAt: optional(number()),
});
export type QuizRecord = Infer<typeof QuizRecord>;

export const ReadRecord = object({ at: number() });

// The drill mode's state (src/components/drill/): one entry per flashcard, per topic's mock
// interviews and per exercise's timed drills, so that a corrupt entry costs only itself.
const int = (range: { min?: number; max?: number } = {}) => number({ int: true, ...range });
/** A flashcard's FSRS state (ts-fsrs's Card, dates as epoch ms) and the day it was first shown. */
export const CardRecord = object({
  due: number(),
  stability: number({ min: 0 }),
  difficulty: number(),
  elapsed_days: number(),
  scheduled_days: number(),
  learning_steps: int(),
  reps: int(),
  lapses: int(),
  state: int({ min: 0, max: 3 }),
  last_review: optional(number()),
  introducedAt: number(),
});
export type CardRecord = Infer<typeof CardRecord>;

/** Rapid-fire questions answered wrong or timed out, until a retry gets them right. */
export const MissedRecord = object({
  items: array(object({ topic: int(), question: string(), at: number() }), { max: 1000 }),
});
export type MissedRecord = Infer<typeof MissedRecord>;

export const MockRecord = object({
  history: array(object({ at: number(), seconds: number(), limit: number(), covered: int(), total: int(), answer: string({ max: 20_000 }) }), { max: 200 }),
});
export type MockRecord = Infer<typeof MockRecord>;

export const CodeDrillRecord = object({
  attempts: array(
    object({
      at: number(),
      elapsedMs: number(),
      budgetMs: number(),
      verdict: oneOf(VERDICTS),
      score: number(),
      maxScore: number(),
      overTime: boolean(),
    }),
    { max: 500 },
  ),
  /** Time to the first pass ever within the budget, and the best such time. */
  firstPassMs: optional(number()),
  bestMs: optional(number()),
});
export type CodeDrillRecord = Infer<typeof CodeDrillRecord>;

export const DrillSettings = object({
  newPerDay: int({ min: 0, max: 1000 }),
  interviewMode: boolean(),
});
export type DrillSettings = Infer<typeof DrillSettings>;

/** The performance lab's last measurement (src/components/lab/): one record, id "attention". */
export const LabRecord = object({
  at: number(),
  backend: string(),
  adapter: optional(string()),
  batch: number(),
  dim: number(),
  points: array(
    object({
      method: oneOf(["learner", "builtin", "tiled"]),
      length: number(),
      fwdMs: number(),
      fwdBwdMs: number(),
      gpuFwdMs: optional(number()),
      gpuFwdBwdMs: optional(number()),
      peakBytes: number(),
      largestBytes: number(),
    }),
    { max: 300 },
  ),
  stops: array(object({ method: string(), length: number(), reason: string(), message: string({ max: 2000 }) }), { max: 30 }),
});
export type LabRecord = Infer<typeof LabRecord>;

const SCHEMAS = {
  exercise: ExerciseRecord,
  quiz: QuizRecord,
  read: ReadRecord,
  card: CardRecord,
  missed: MissedRecord,
  mock: MockRecord,
  codedrill: CodeDrillRecord,
  drill: DrillSettings,
  lab: LabRecord,
} as const;
const KINDS = Object.keys(SCHEMAS) as [Kind, ...Kind[]];
export type Kind = keyof typeof SCHEMAS;
type RecordOf<K extends Kind> = Infer<(typeof SCHEMAS)[K]>;

export interface StoreNotice {
  key: string;
  movedTo: string;
  reason: string;
}

const listeners = new Set<(n: StoreNotice) => void>();
export function onQuarantine(f: (n: StoreNotice) => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (privacy mode, sandboxed iframe): progress is not kept
  }
}

function quarantine(key: string, raw: string, reason: string): void {
  const s = storage();
  if (!s) return;
  const movedTo = `${QUARANTINE}${key.slice(PREFIX.length)}:${Date.now()}`;
  try {
    s.setItem(movedTo, raw);
    s.removeItem(key);
  } catch {
    /* storage full: leave the bad entry where it is rather than lose it */
    return;
  }
  for (const f of listeners) f({ key, movedTo, reason });
}

export function keyFor(kind: Kind, id: string): string {
  return `${PREFIX}${kind}:${id}`;
}

export function read<K extends Kind>(kind: K, id: string): RecordOf<K> | undefined {
  const s = storage();
  const key = keyFor(kind, id);
  const raw = s?.getItem(key);
  if (raw == null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    quarantine(key, raw, "not valid JSON");
    return undefined;
  }
  const parsed = SCHEMAS[kind].safeParse(value);
  if (!parsed.success) {
    quarantine(key, raw, describeIssues(parsed.error.issues));
    return undefined;
  }
  return parsed.data as RecordOf<K>;
}

export function write<K extends Kind>(kind: K, id: string, value: RecordOf<K>): boolean {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(keyFor(kind, id), JSON.stringify(SCHEMAS[kind].parse(value)));
    window.dispatchEvent(new CustomEvent("course-progress", { detail: { kind, id } }));
    return true;
  } catch {
    return false;
  }
}

export function update<K extends Kind>(kind: K, id: string, f: (old: RecordOf<K> | undefined) => RecordOf<K>): boolean {
  return write(kind, id, f(read(kind, id)));
}

/** Every valid entry, for export and the home page's summary. */
export function all(): { kind: Kind; id: string; value: unknown }[] {
  const s = storage();
  if (!s) return [];
  const out: { kind: Kind; id: string; value: unknown }[] = [];
  // Keys first: reading a corrupt entry moves it aside, which would shift the indices.
  const keys = Array.from({ length: s.length }, (_, i) => s.key(i));
  for (const key of keys) {
    if (!key?.startsWith(PREFIX)) continue;
    const [kind, ...rest] = key.slice(PREFIX.length).split(":");
    if (!(kind in SCHEMAS)) continue;
    const id = rest.join(":");
    const value = read(kind as Kind, id);
    if (value !== undefined) out.push({ kind: kind as Kind, id, value });
  }
  return out;
}

export const ExportFile = object({
  format: literal("transformer-course-progress"),
  version: literal(1),
  exportedAt: string(),
  entries: array(object({ kind: oneOf(KINDS), id: string({ max: 100 }), value: unknown() }), { max: 5000 }),
});

export function exportProgress(): string {
  return JSON.stringify({ format: "transformer-course-progress", version: 1, exportedAt: new Date().toISOString(), entries: all() }, null, 2);
}

/** Import a file made by exportProgress. Entries that fail validation are skipped and counted; nothing valid is lost. */
export function importProgress(text: string): { imported: number; skipped: number; error?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { imported: 0, skipped: 0, error: "the file is not JSON" };
  }
  const file = ExportFile.safeParse(json);
  if (!file.success) return { imported: 0, skipped: 0, error: "the file is not a progress export of this course" };
  let imported = 0;
  let skipped = 0;
  for (const e of file.data.entries) {
    const parsed = SCHEMAS[e.kind].safeParse(e.value);
    if (parsed.success && write(e.kind, e.id, parsed.data as never)) imported++;
    else skipped++;
  }
  return { imported, skipped };
}
