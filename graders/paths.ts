/**
 * Where the course's files are, for every Node tool (CLI, classroom mode, benches, tests).
 * All paths derive from this file's place in the repository, so a copy of the course
 * elsewhere on disk (as the throw-away-exercise test makes) grades its own files.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const GRADERS_DIR = dirname(fileURLToPath(import.meta.url));
export const COURSE_ROOT = resolve(GRADERS_DIR, "..");
export const REGISTRY_FILE = join(GRADERS_DIR, "registry.json");
/** Build outputs that are not part of the course (the grader's child-process bundle). */
export const CACHE_DIR = join(COURSE_ROOT, ".cache");

/** The learner's starter: exercises/<id>.ts. */
export const starterFile = (id: string): string => join(COURSE_ROOT, "exercises", `${id}.ts`);
/** The reference solution: solutions/<id>.ts. */
export const solutionFile = (id: string): string => join(COURSE_ROOT, "solutions", `${id}.ts`);
/** The exercise's own folder: its grader (cases and bug hypotheses) and its bank. */
export const exerciseDir = (id: string): string => join(GRADERS_DIR, id);
export const graderFile = (id: string): string => join(exerciseDir(id), "grader.ts");
/** Alternative implementations, each declaring in its first line whether it must pass. */
export const bankDir = (id: string): string => join(exerciseDir(id), "bank");
/** The exercise's two pages. */
export const pageFiles = (id: string): { en: string; zh: string } => ({
  en: join(COURSE_ROOT, "src", "exercises", `${id}.md`),
  zh: join(COURSE_ROOT, "src", "zh", "exercises", `${id}.md`),
});
/** Every file an exercise consists of besides its registry entry (the README's "Adding an exercise"). */
export const exerciseFiles = (id: string): Record<string, string> => ({
  starter: starterFile(id),
  solution: solutionFile(id),
  grader: graderFile(id),
  graderTest: join(exerciseDir(id), "grader.test.ts"),
  bank: bankDir(id),
  pageEn: pageFiles(id).en,
  pageZh: pageFiles(id).zh,
});
