/**
 * Every exercise's grader, by id, found from the registry: exercise <id> is graded by the
 * default export of graders/<id>/grader.ts. Node only (the CLI, classroom mode, benches,
 * tests); an exercise page imports its own grader module directly.
 */
import { pathToFileURL } from "node:url";
import { EXERCISE_IDS, type ExerciseId } from "./contract.js";
import type { GraderDefinition } from "./engine/grader.js";
import { graderFile } from "./paths.js";

/** Set only in the CLI's prebuilt bundle (graders/cli/launch.mjs): the folder of its compiled
 * graders, which share the bundle's engine modules. Undeclared (so `undefined`) under tsx. */
declare const __PREBUILT_GRADERS_URL__: string | undefined;

function graderModuleUrl(id: ExerciseId): string {
  if (typeof __PREBUILT_GRADERS_URL__ === "string") return new URL(`${id}/grader.mjs`, __PREBUILT_GRADERS_URL__).href;
  return pathToFileURL(graderFile(id)).href;
}

export async function loadGrader(id: ExerciseId): Promise<GraderDefinition> {
  const mod = (await import(graderModuleUrl(id))) as { default?: GraderDefinition };
  const def = mod.default;
  if (!def?.spec || !def.references) throw new Error(`${graderFile(id)} must export default defineGrader({ … })`);
  if (def.spec.id !== id) throw new Error(`${graderFile(id)} grades "${def.spec.id}", but its folder says "${id}"`);
  return def;
}

export const GRADERS: Readonly<Record<ExerciseId, GraderDefinition>> = Object.freeze(
  Object.fromEntries(await Promise.all(EXERCISE_IDS.map(async (id) => [id, await loadGrader(id)] as const))),
);
