/**
 * Run before every site build (`npm run build`): the course's data files must validate, or
 * nothing is built. Prints each problem with the file and the field, and exits 1.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CourseData, topicFile } from "../src/components/topics-schema.js";
import { QuizBank } from "../src/components/quiz-schema.js";
import { Registry } from "../graders/registry-schema.js";
import { exerciseFiles } from "../graders/paths.js";

const root = join(import.meta.dirname, "..");
const problems: string[] = [];
const readJson = (rel: string): unknown => {
  try {
    return JSON.parse(readFileSync(join(root, rel), "utf8"));
  } catch (e) {
    problems.push(`${rel}: ${(e as Error).message}`);
    return undefined;
  }
};
const issues = (rel: string, e: { issues: { path: PropertyKey[]; message: string }[] }) => {
  for (const i of e.issues) problems.push(`${rel}: ${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
};

const course = CourseData.safeParse(readJson("src/data/topics.json"));
if (!course.success) issues("src/data/topics.json", course.error);
else {
  for (const t of course.data.topics) {
    // Every topic has both pages and its quiz bank.
    for (const lang of ["en", "zh"] as const) if (!existsSync(join(root, topicFile(lang, t)))) problems.push(`${topicFile(lang, t)}: missing`);
    const visual = `src/components/visuals/${t.visual}.ts`;
    if (!existsSync(join(root, visual))) problems.push(`src/data/topics.json: topic ${t.n} names visual ${t.visual}, but ${visual} is missing`);
    const rel = `src/data/quizzes/${String(t.n).padStart(2, "0")}.json`;
    if (!existsSync(join(root, rel))) {
      problems.push(`${rel}: missing`);
      continue;
    }
    const bank = QuizBank.safeParse(readJson(rel));
    if (!bank.success) issues(rel, bank.error);
    else if (bank.data.topic !== t.n) problems.push(`${rel}: topic is ${bank.data.topic}, expected ${t.n}`);
  }
}

// Every exercise in the registry has its files, and topics and exercises name each other correctly.
const registry = Registry.safeParse(readJson("graders/registry.json"));
if (!registry.success) issues("graders/registry.json", registry.error);
else {
  for (const [id, entry] of Object.entries(registry.data)) {
    for (const file of Object.values(exerciseFiles(id)))
      if (!existsSync(file)) problems.push(`${relative(root, file)}: missing (exercise ${id} is in graders/registry.json)`);
    const topics = course.success ? new Set(course.data.topics.map((t) => t.n)) : null;
    for (const n of entry.topics) if (topics && !topics.has(n)) problems.push(`graders/registry.json: ${id}.topics names topic ${n}, which does not exist`);
  }
  if (course.success) {
    for (const t of course.data.topics) {
      for (const id of t.exercises)
        if (!Object.hasOwn(registry.data, id))
          problems.push(`src/data/topics.json: topic ${t.n} names exercise "${id}", which graders/registry.json does not list`);
    }
  }
}

// The Chinese pages are indexed for search by scripts/cjk-search.js, not by Framework.
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
for (const file of walk(join(root, "src/zh")).filter((f) => f.endsWith(".md"))) {
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
  if (!/^index: false$/m.test(front))
    problems.push(`${relative(root, file)}: front matter needs \`index: false\` (Chinese pages are indexed by scripts/cjk-search.js)`);
}

if (problems.length) {
  process.stderr.write(`Content validation failed:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(
  `content ok: ${course.success ? course.data.topics.length : 0} topics in both languages, each with its quiz bank; ${registry.success ? Object.keys(registry.data).length : 0} exercises with their files\n`,
);
