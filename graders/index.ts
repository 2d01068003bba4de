/** Every exercise's grader, by contract id. */
import type { ExerciseId } from "./contract.ts";
import type { GraderDefinition } from "./engine/grader.ts";
import softmax from "./softmax.ts";
import masking from "./masking.ts";
import attention from "./attention.ts";
import mha from "./mha.ts";
import rope from "./rope.ts";

export const GRADERS: Record<ExerciseId, GraderDefinition> = { softmax, masking, attention, mha, rope };
