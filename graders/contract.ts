/**
 * The exercise contract (../shared/COURSE.md, "The exercise contract") in one place:
 * every tool — the grader, the CLI, the browser page, the tests — reads export names
 * from here, so a rename happens once.
 */
export const EXERCISE_IDS = ["softmax", "masking", "attention", "mha", "rope"] as const;
export type ExerciseId = (typeof EXERCISE_IDS)[number];

export const CONTRACT_EXPORTS: Record<ExerciseId, readonly string[]> = {
  softmax: ["softmax", "softmaxBackward"],
  masking: ["paddingMask", "causalMask", "maskedSoftmax"],
  attention: ["scaledDotProductAttention"],
  mha: ["splitHeads", "mergeHeads", "multiHeadAttention"],
  rope: ["ropeFrequencies", "applyRope"],
};

export function isExerciseId(id: string): id is ExerciseId {
  return (EXERCISE_IDS as readonly string[]).includes(id);
}
