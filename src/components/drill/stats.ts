/**
 * The progress view's figures per topic and section, from the progress store's entries:
 * read or not, first-try quiz accuracy (apart from eventual passes), cards learned and due,
 * and a weakness ranking. Pure, so that the ranking rule is tested on its own.
 */
import type { CardRecord, MissedRecord, MockRecord, QuizRecord } from "../progress.js";

export interface TopicStats {
  topic: number;
  read: boolean;
  passed: boolean;
  firstRight: number;
  firstTotal: number;
  missedNow: number;
  lapses: number;
  mockCovered: number;
  mockTotal: number;
}

export interface Entries {
  read: ReadonlySet<number>;
  quizzes: ReadonlyMap<number, QuizRecord>;
  cards: ReadonlyMap<string, CardRecord>;
  cardTopic: ReadonlyMap<string, number>;
  missed: MissedRecord | undefined;
  mocks: ReadonlyMap<number, MockRecord>;
}

export function topicStats(topic: number, e: Entries): TopicStats {
  const quiz = e.quizzes.get(topic);
  const first = Object.values(quiz?.first ?? {});
  let lapses = 0;
  for (const [id, c] of e.cards) if (e.cardTopic.get(id) === topic) lapses += c.lapses;
  const history = e.mocks.get(topic)?.history ?? [];
  return {
    topic,
    // "Read" means scrolled to the end of the page or answered its quiz.
    read: e.read.has(topic) || Object.keys(quiz?.answers ?? {}).length > 0,
    passed: quiz?.passedAt !== undefined,
    firstRight: first.filter(Boolean).length,
    firstTotal: first.length,
    missedNow: (e.missed?.items ?? []).filter((i) => i.topic === topic).length,
    lapses,
    mockCovered: history.reduce((s, h) => s + h.covered, 0),
    mockTotal: history.reduce((s, h) => s + h.total, 0),
  };
}

/** Everything that went wrong on a topic: wrong first tries, questions still missed, card
 * lapses and key points left out of mock answers. */
export function misses(s: TopicStats): number {
  return s.firstTotal - s.firstRight + s.missedNow + s.lapses + (s.mockTotal - s.mockCovered);
}

/** The weakest topics: most misses first, then the lower first-try accuracy. Topics with no
 * miss are not weak (an untried topic is listed as unread, not as weak). */
export function weakest(stats: readonly TopicStats[], count = 5): TopicStats[] {
  const accuracy = (s: TopicStats) => (s.firstTotal ? s.firstRight / s.firstTotal : 1);
  return stats
    .filter((s) => misses(s) > 0)
    .sort((a, b) => misses(b) - misses(a) || accuracy(a) - accuracy(b) || a.topic - b.topic)
    .slice(0, count);
}
