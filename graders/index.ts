/** Every exercise's grader, by contract id. */
import type { ExerciseId } from "./contract.js";
import type { GraderDefinition } from "./engine/grader.js";
import softmax from "./softmax.js";
import masking from "./masking.js";
import attention from "./attention.js";
import mha from "./mha.js";
import rope from "./rope.js";

export const GRADERS: Record<ExerciseId, GraderDefinition> = { softmax, masking, attention, mha, rope };
