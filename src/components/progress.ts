/**
 * The learner's progress in localStorage: one key per item (an exercise's draft and last
 * result, a topic's quiz answers, a topic read), each validated with zod when read. An
 * entry that fails validation — corrupted, hand-edited, or from an older format — is moved
 * aside under a quarantine key (never dropped) and reported, and the page carries on.
 */
// zod/mini (~15 KB) rather than zod (~450 KB): this ships with every topic page.
import * as z from "zod/mini";

export const PREFIX = "transformer-course:v1:";
const QUARANTINE = "transformer-course:quarantine:";

export const ExerciseRecord = z.object({
  draft: z.string().check(z.maxLength(200_000)),
  updatedAt: z.number(),
  lastResult: z.optional(
    z.object({ verdict: z.enum(["pass", "fail", "error", "timeout"]), score: z.number(), maxScore: z.number(), backend: z.string(), at: z.number() }),
  ),
  passedAt: z.optional(z.number()),
});
export type ExerciseRecord = z.infer<typeof ExerciseRecord>;

export const QuizRecord = z.object({
  answers: z.record(z.string(), z.object({ correct: z.boolean(), answer: z.unknown(), at: z.number() })),
  /** Whether each question's first answer ever (topic page or drill) was right: kept apart
   * from `answers`, which a learner may retry until everything is correct. */
  first: z.optional(z.record(z.string(), z.boolean())),
  passedAt: z.optional(z.number()),
});
export type QuizRecord = z.infer<typeof QuizRecord>;

export const ReadRecord = z.object({ at: z.number() });

// The drill mode's state (src/components/drill/): one entry per flashcard, per topic's mock
// interviews and per exercise's timed drills, so that a corrupt entry costs only itself.
const int = z.number().check(z.int());
/** A flashcard's FSRS state (ts-fsrs's Card, dates as epoch ms) and the day it was first shown. */
export const CardRecord = z.object({
  due: z.number(),
  stability: z.number().check(z.minimum(0)),
  difficulty: z.number(),
  elapsed_days: z.number(),
  scheduled_days: z.number(),
  learning_steps: int,
  reps: int,
  lapses: int,
  state: int.check(z.minimum(0), z.maximum(3)),
  last_review: z.optional(z.number()),
  introducedAt: z.number(),
});
export type CardRecord = z.infer<typeof CardRecord>;

/** Rapid-fire questions answered wrong or timed out, until a retry gets them right. */
export const MissedRecord = z.object({
  items: z.array(z.object({ topic: int, question: z.string(), at: z.number() })).check(z.maxLength(1000)),
});
export type MissedRecord = z.infer<typeof MissedRecord>;

export const MockRecord = z.object({
  history: z
    .array(z.object({ at: z.number(), seconds: z.number(), limit: z.number(), covered: int, total: int, answer: z.string().check(z.maxLength(20_000)) }))
    .check(z.maxLength(200)),
});
export type MockRecord = z.infer<typeof MockRecord>;

export const CodeDrillRecord = z.object({
  attempts: z
    .array(
      z.object({
        at: z.number(),
        elapsedMs: z.number(),
        budgetMs: z.number(),
        verdict: z.enum(["pass", "fail", "error", "timeout"]),
        score: z.number(),
        maxScore: z.number(),
        overTime: z.boolean(),
      }),
    )
    .check(z.maxLength(500)),
  /** Time to the first pass ever within the budget, and the best such time. */
  firstPassMs: z.optional(z.number()),
  bestMs: z.optional(z.number()),
});
export type CodeDrillRecord = z.infer<typeof CodeDrillRecord>;

export const DrillSettings = z.object({
  newPerDay: int.check(z.minimum(0), z.maximum(1000)),
  interviewMode: z.boolean(),
});
export type DrillSettings = z.infer<typeof DrillSettings>;

/** The performance lab's last measurement (src/components/lab/): one record, id "attention". */
export const LabRecord = z.object({
  at: z.number(),
  backend: z.string(),
  adapter: z.optional(z.string()),
  batch: z.number(),
  dim: z.number(),
  points: z
    .array(
      z.object({
        method: z.enum(["learner", "builtin", "tiled"]),
        length: z.number(),
        fwdMs: z.number(),
        fwdBwdMs: z.number(),
        gpuFwdMs: z.optional(z.number()),
        gpuFwdBwdMs: z.optional(z.number()),
        peakBytes: z.number(),
        largestBytes: z.number(),
      }),
    )
    .check(z.maxLength(300)),
  stops: z.array(z.object({ method: z.string(), length: z.number(), reason: z.string(), message: z.string().check(z.maxLength(2000)) })).check(z.maxLength(30)),
});
export type LabRecord = z.infer<typeof LabRecord>;

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
type RecordOf<K extends Kind> = z.infer<(typeof SCHEMAS)[K]>;

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
    quarantine(key, raw, parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "));
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

export const ExportFile = z.object({
  format: z.literal("transformer-course-progress"),
  version: z.literal(1),
  exportedAt: z.string(),
  entries: z.array(z.object({ kind: z.enum(KINDS), id: z.string().check(z.maxLength(100)), value: z.unknown() })).check(z.maxLength(5000)),
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
