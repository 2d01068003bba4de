/**
 * The exercise contract (the names each exercise module must export), derived
 * from graders/registry.json: every tool — the grader, the CLI, the browser page, the tests —
 * reads export names from here, so a rename happens once, in the registry.
 */
import { REGISTRY } from "./registry.js";

/** An exercise id; validated at runtime with isExerciseId, since the registry is data. */
export type ExerciseId = string;

export const EXERCISE_IDS: readonly ExerciseId[] = Object.freeze(Object.keys(REGISTRY));

export const CONTRACT_EXPORTS: Readonly<Record<ExerciseId, readonly string[]>> = Object.freeze(
  Object.fromEntries(EXERCISE_IDS.map((id) => [id, Object.freeze([...REGISTRY[id].exports])])),
);

export function isExerciseId(id: string): id is ExerciseId {
  return Object.hasOwn(REGISTRY, id);
}
