/**
 * The registry of exercises (graders/registry.json), read and validated once. Everything
 * that lists exercises — the contract, the graders, the CLI, classroom mode, the tests,
 * the sidebar, the home pages, the README's table — derives from it.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { Registry, type ExerciseEntry } from "./registry-schema.js";
import { COURSE_ROOT, REGISTRY_FILE } from "./paths.js";

export class RegistryError extends Error {}

export function parseRegistry(text: string, file = REGISTRY_FILE): Registry {
  const where = relative(COURSE_ROOT, file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new RegistryError(`${where}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = Registry.safeParse(raw);
  if (!parsed.success) {
    throw new RegistryError(
      `${where} is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("\n")}`,
    );
  }
  return parsed.data;
}

export const REGISTRY: Registry = parseRegistry(readFileSync(REGISTRY_FILE, "utf8"));

export function exerciseEntry(id: string): ExerciseEntry {
  const entry = REGISTRY[id];
  if (!entry) throw new RegistryError(`unknown exercise "${id}"`);
  return entry;
}

export type { ExerciseEntry };
