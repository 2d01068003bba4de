/**
 * Run before every site build (`npm run build`, `npm run dev`): writes the drill page's data
 * from the course's own sources, so that a card's back is the topic page's real answer.
 *  - src/data/drill.json: sections, topics, one flashcard per topic (front: the page's
 *    interview question; back: its short answer and the sentences of its "precise answer"
 *    as key points), the formula cards (src/data/formula-cards.json), every quiz question,
 *    and each exercise's hints and bare starter (the coding drill starts from the contract).
 *  - src/data/drill-deck.json: only the card ids and topics, for the home page's due count.
 * A script rather than a Framework data loader: a loader's cached output is only refreshed
 * when the loader itself changes, and would hide a new or edited topic page.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { REGISTRY } from "../graders/registry.js";
import { join } from "node:path";
import { CourseData, topicFile } from "../src/components/topics-schema.js";
import { QuizBank } from "../src/components/quiz-schema.js";
import { extractTopicCard, renderFormula, renderInline } from "./drill-extract.js";

const root = join(import.meta.dirname, "..");
const readJson = (rel: string): unknown => JSON.parse(readFileSync(join(root, rel), "utf8"));
const course = CourseData.parse(readJson("src/data/topics.json"));

interface FormulaSource {
  id: string;
  topic: number;
  front: { en: string; zh: string };
  tex: string;
  tex_zh?: string;
  note: { en: string; zh: string };
}
const formulas = (readJson("src/data/formula-cards.json") as { formulas: FormulaSource[] }).formulas;

const topicCards = course.topics.map((t) => {
  const page = (lang: "en" | "zh") => readFileSync(join(root, topicFile(lang, t)), "utf8");
  const en = extractTopicCard(page("en"), "en", topicFile("en", t));
  const zh = extractTopicCard(page("zh"), "zh", topicFile("zh", t));
  return {
    id: `topic-${t.n}`,
    topic: t.n,
    kind: "question" as const,
    front: { en: en.question, zh: zh.question },
    back: { en: en.short, zh: zh.short },
    points: { en: en.points, zh: zh.points },
  };
});

const known = new Set(course.topics.map((t) => t.n));
const formulaCards = formulas.map((f) => {
  if (!known.has(f.topic)) throw new Error(`src/data/formula-cards.json: ${f.id} names unknown topic ${f.topic}`);
  return {
    id: `formula-${f.id}`,
    topic: f.topic,
    kind: "formula" as const,
    front: { en: renderInline(f.front.en), zh: renderInline(f.front.zh) },
    back: { en: renderFormula(f.tex), zh: renderFormula(f.tex_zh ?? f.tex) },
    points: { en: [renderInline(f.note.en)], zh: [renderInline(f.note.zh)] },
  };
});

const questions = course.topics.flatMap((t) => {
  const bank = QuizBank.parse(readJson(`src/data/quizzes/${String(t.n).padStart(2, "0")}.json`));
  return bank.questions.map((q) => ({ ...q, topic: t.n }));
});

const exercises = Object.entries(REGISTRY).map(([id, meta]) => ({
  id,
  hints: meta.hints,
  minutes: meta.drillMinutes,
  starter: readFileSync(join(root, "exercises", `${id}.ts`), "utf8"),
}));

// Framework bundles only imports written as string literals, so the coding drill reaches each
// exercise's grader through this generated map of literal dynamic imports (one per registry
// entry): a grader is fetched only when its drill starts.
const loaders = Object.keys(REGISTRY)
  .map((id) => `  ${JSON.stringify(id)}: () => import(${JSON.stringify(`../../_graders/${id}/grader.js`)}),`)
  .join("\n");
writeFileSync(
  join(root, "src/components/drill/grader-loaders.ts"),
  `// Written by scripts/drill-data.ts from graders/registry.json before every build; do not edit.\nimport type { GraderDefinition } from "../../_graders/engine/grader.js";\n\nexport const GRADER_LOADERS: Record<string, () => Promise<{ default: GraderDefinition }>> = {\n${loaders}\n};\n`,
);

const cards = [...topicCards, ...formulaCards];
const drill = {
  sections: course.sections,
  topics: course.topics.map(({ n, slug, section, title }) => ({ n, slug, section, title })),
  cards,
  questions,
  exercises,
};
writeFileSync(join(root, "src/data/drill.json"), JSON.stringify(drill));
writeFileSync(join(root, "src/data/drill-deck.json"), JSON.stringify({ cards: cards.map(({ id, topic }) => ({ id, topic })) }));
process.stdout.write(
  `drill data: ${cards.length} cards (${topicCards.length} topics, ${formulaCards.length} formulas), ${questions.length} quiz questions, ${exercises.length} exercises\n`,
);
