/**
 * The drill mode's pure logic: FSRS scheduling and the due count, choice shuffling, the
 * rapid-fire quiz's draw, summary and missed list, the weakness ranking, the coding drill's
 * record, the cards' extraction from the real topic pages, and the drill state's round trip
 * through the validated store (export, clear, import; a corrupt entry set aside).
 */
import { beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { choiceOrder } from "../../src/components/shuffle.js";
import { dayKey, deckStatus, dueCount } from "../../src/components/drill/deck.js";
import { preview, rate } from "../../src/components/drill/schedule.js";
import { drawQuestions, summarise, updateMissed, type DrillQuestion, type QuestionResult } from "../../src/components/drill/rapid.js";
import { misses, weakest, type TopicStats } from "../../src/components/drill/stats.js";
import { recordAttempt } from "../../src/components/drill/code-drill.js";
import { extractTopicCard, sentences } from "../../scripts/drill-extract.js";
import { CourseData, topicFile } from "../../src/components/topics-schema.js";
import type { CardRecord } from "../../src/components/progress.js";
import { COURSE_ROOT } from "../helpers.js";

const DAY = 86_400_000;
const NOON = Date.parse("2026-03-10T12:00:00");

/** A seeded generator, so that distribution checks are reproducible. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("flashcard scheduling (FSRS)", () => {
  it("a new card rated Good is not due again the same day, and is due once its interval has passed", () => {
    const card = rate(undefined, "good", NOON);
    expect(card.due).toBeGreaterThan(NOON);
    expect(dayKey(card.due)).not.toBe(dayKey(NOON));
    const ids = ["a"];
    expect(deckStatus(ids, new Map([["a", card]]), NOON + 3 * 3600_000, 20).due).toEqual([]);
    expect(deckStatus(ids, new Map([["a", card]]), card.due, 20).due).toEqual(["a"]);
  });

  it("orders the intervals Again < Hard < Good < Easy, and lengthens Good on a second success", () => {
    const p = preview(undefined, NOON);
    expect(p.again).toBeLessThan(p.hard);
    expect(p.hard).toBeLessThan(p.good);
    expect(p.good).toBeLessThan(p.easy);
    const first = rate(undefined, "good", NOON);
    const second = rate(first, "good", first.due);
    expect(second.due - first.due).toBeGreaterThan(first.due - NOON);
    expect(second.introducedAt).toBe(NOON);
  });

  it("counts a lapse when a reviewed card is rated Again", () => {
    const first = rate(undefined, "good", NOON);
    expect(rate(first, "again", first.due).lapses).toBe(first.lapses + 1);
  });
});

describe("the due count", () => {
  const ids = ["a", "b", "c", "d", "e"];
  it("counts due reviews plus the new cards still allowed today, and falls as cards are reviewed", () => {
    const states = new Map<string, CardRecord>();
    expect(dueCount(deckStatus(ids, states, NOON, 3))).toBe(3);
    states.set("a", rate(undefined, "good", NOON));
    expect(dueCount(deckStatus(ids, states, NOON, 3))).toBe(2);
    states.set("b", rate(undefined, "easy", NOON));
    states.set("c", rate(undefined, "hard", NOON));
    expect(dueCount(deckStatus(ids, states, NOON, 3))).toBe(0);
    // The next day three more new cards are allowed (only two remain unseen).
    expect(deckStatus(ids, states, NOON + DAY, 3).fresh).toEqual(["d", "e"]);
  });

  it("lists the most overdue review first and reports the next due date", () => {
    const early = { ...rate(undefined, "good", NOON), due: NOON - 2 * DAY };
    const late = { ...rate(undefined, "good", NOON), due: NOON - DAY };
    const future = rate(undefined, "good", NOON);
    const s = deckStatus(
      ids,
      new Map([
        ["b", late],
        ["a", early],
        ["c", future],
      ]),
      NOON,
      0,
    );
    expect(s.due).toEqual(["a", "b"]);
    expect(s.nextDue).toBe(future.due);
    expect(s.learned).toBe(3);
  });
});

describe("choice shuffling", () => {
  it("always returns a permutation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), (n) => {
        expect([...choiceOrder(n)].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
      }),
    );
  });

  it("puts the first choice in each position about equally often", () => {
    const random = mulberry32(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) counts[choiceOrder(4, random).indexOf(0)]++;
    for (const c of counts) expect(Math.abs(c / 8000 - 0.25)).toBeLessThan(0.03);
  });
});

const q = (topic: number, id: string): DrillQuestion => ({
  topic,
  id,
  kind: "single",
  prompt: { en: id, zh: id },
  explanation: { en: "e", zh: "e" },
  choices: [
    { en: "x", zh: "x" },
    { en: "y", zh: "y" },
  ],
  answer: 0,
});
const result = (question: DrillQuestion, correct: boolean, ms = 1000): QuestionResult => ({ question, correct, timedOut: false, ms });

describe("the rapid-fire quiz", () => {
  const pool = [q(1, "a"), q(1, "b"), q(2, "a"), q(3, "c")];
  const sections = new Map([
    [1, "arch"],
    [2, "attn"],
    [3, "attn"],
  ]);

  it("draws n distinct questions, only from the chosen sections", () => {
    const drawn = drawQuestions(pool, 2, sections, ["attn"], mulberry32(1));
    expect(drawn).toHaveLength(2);
    expect(new Set(drawn.map((d) => d.topic))).toEqual(new Set([2, 3]));
    expect(drawQuestions(pool, 10, sections, [])).toHaveLength(4);
  });

  it("summarises the score, the time and the weak topics, most misses first", () => {
    const s = summarise([result(pool[0], false), result(pool[1], false), result(pool[2], true), result(pool[3], false)]);
    expect([s.correct, s.total, s.ms]).toEqual([1, 4, 4000]);
    expect(s.weakTopics).toEqual([
      { topic: 1, missed: 2 },
      { topic: 3, missed: 1 },
    ]);
  });

  it("keeps each missed question once, and drops it when a retry gets it right", () => {
    const after = updateMissed(undefined, [result(pool[0], false), result(pool[2], false)], NOON);
    expect(after.items.map((i) => `${i.topic}:${i.question}`)).toEqual(["1:a", "2:a"]);
    const again = updateMissed(after, [result(pool[0], false), result(pool[2], true)], NOON + 1);
    expect(again.items.map((i) => `${i.topic}:${i.question}`)).toEqual(["1:a"]);
  });
});

describe("the weakest topics", () => {
  const stats = (topic: number, o: Partial<TopicStats>): TopicStats => ({
    topic,
    read: true,
    passed: false,
    firstRight: 0,
    firstTotal: 0,
    missedNow: 0,
    lapses: 0,
    mockCovered: 0,
    mockTotal: 0,
    ...o,
  });
  it("ranks by misses, then by first-try accuracy, and leaves out topics without a miss", () => {
    const list = [
      stats(1, { firstRight: 3, firstTotal: 4 }),
      stats(2, { firstRight: 0, firstTotal: 1 }),
      stats(3, { missedNow: 2, lapses: 1 }),
      stats(4, { firstRight: 5, firstTotal: 5 }),
      stats(5, { mockCovered: 1, mockTotal: 3 }),
    ];
    expect(misses(list[2])).toBe(3);
    expect(weakest(list).map((s) => s.topic)).toEqual([3, 5, 2, 1]);
  });
});

describe("the coding drill's record", () => {
  const attempt = (verdict: "pass" | "fail", elapsedMs: number, overTime: boolean) => ({
    at: 0,
    elapsedMs,
    budgetMs: 600_000,
    verdict,
    score: 1,
    maxScore: 1,
    overTime,
  });
  it("keeps every attempt, and times only passes within the budget", () => {
    let r = recordAttempt(undefined, attempt("fail", 100_000, false));
    r = recordAttempt(r, attempt("pass", 700_000, true));
    expect(r.attempts).toHaveLength(2);
    expect(r.bestMs).toBeUndefined();
    r = recordAttempt(r, attempt("pass", 400_000, false));
    r = recordAttempt(r, attempt("pass", 300_000, false));
    expect([r.firstPassMs, r.bestMs, r.attempts.length]).toEqual([400_000, 300_000, 4]);
  });
});

describe("cards from the topic pages", () => {
  it("cuts sentences without splitting citations or inline math", () => {
    expect(sentences("As Vaswani et al. (2017) show, $a. B$ holds. Then $x$ follows.", "en")).toEqual([
      "As Vaswani et al. (2017) show, $a. B$ holds.",
      "Then $x$ follows.",
    ]);
    expect(sentences("第一句。第二句，含 $a。b$ 公式。", "zh")).toEqual(["第一句。", "第二句，含 $a。b$ 公式。"]);
  });

  const course = CourseData.parse(JSON.parse(readFileSync(join(COURSE_ROOT, "src/data/topics.json"), "utf8")));
  it("gives every topic, in both languages, its page's own question, short answer and key points", () => {
    const plain = (html: string) =>
      html
        .replace(/<math[\s\S]*?<\/math>/g, "")
        .replace(/<[^>]+>/g, "")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    for (const t of course.topics) {
      for (const lang of ["en", "zh"] as const) {
        const page = readFileSync(join(COURSE_ROOT, topicFile(lang, t)), "utf8");
        const card = extractTopicCard(page, lang, topicFile(lang, t));
        expect(card.points.length, `${t.n} ${lang}`).toBeGreaterThan(0);
        // The back is the page's text: a stretch of the rendered short answer occurs in the page.
        const pieces = card.short.split(/<span class="katex">[\s\S]*?<\/math><\/span>/).map((x) => plain(x).trim());
        const words = pieces.reduce((a, b) => (b.length > a.length ? b : a)).slice(0, 12);
        expect(page.replace(/\*\*|\*|`/g, ""), `${t.n} ${lang}`).toContain(words);
        expect(plain(card.question).length).toBeGreaterThan(10);
      }
    }
  });
});

/** A Storage in memory, and the `window` the store dispatches its change events on. */
class MemoryStorage {
  map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  clear() {
    this.map.clear();
  }
}

describe("drill state in the progress store", async () => {
  const storage = new MemoryStorage();
  Object.assign(globalThis, { localStorage: storage, window: new EventTarget() });
  const progress = await import("../../src/components/progress.js");
  beforeEach(() => storage.clear());

  const fill = () => {
    progress.write("card", "topic-7", rate(undefined, "good", NOON));
    progress.write("missed", "quiz", { items: [{ topic: 7, question: "why", at: NOON }] });
    progress.write("mock", "7", { history: [{ at: NOON, seconds: 50, limit: 60, covered: 2, total: 3, answer: "variance" }] });
    progress.write(
      "codedrill",
      "softmax",
      recordAttempt(undefined, { at: NOON, elapsedMs: 5000, budgetMs: 600_000, verdict: "pass", score: 10, maxScore: 10, overTime: false }),
    );
    progress.write("drill", "settings", { newPerDay: 7, interviewMode: true });
    progress.write("quiz", "7", { answers: {}, first: { why: false } });
  };

  it("export, clear, import restores every drill entry", () => {
    fill();
    const before = new Map(storage.map);
    const file = progress.exportProgress();
    storage.clear();
    expect(progress.importProgress(file)).toEqual({ imported: 6, skipped: 0 });
    expect(new Map(storage.map)).toEqual(before);
  });

  it("sets a corrupt drill entry aside with a notice, and keeps all the others", () => {
    fill();
    const notices: string[] = [];
    const stop = progress.onQuarantine((n) => notices.push(n.key));
    storage.setItem("transformer-course:v1:card:topic-7", JSON.stringify({ due: "tomorrow" }));
    const kinds = progress
      .all()
      .map((e) => `${e.kind}:${e.id}`)
      .sort();
    stop();
    expect(kinds).toEqual(["codedrill:softmax", "drill:settings", "missed:quiz", "mock:7", "quiz:7"]);
    expect(notices).toEqual(["transformer-course:v1:card:topic-7"]);
    expect([...storage.map.keys()].some((k) => k.startsWith("transformer-course:quarantine:card:topic-7"))).toBe(true);
  });
});
