// Written by scripts/drill-data.ts from graders/registry.json before every build; do not edit.
import type { GraderDefinition } from "../../_graders/engine/grader.js";

export const GRADER_LOADERS: Record<string, () => Promise<{ default: GraderDefinition }>> = {
  "softmax": () => import("../../_graders/softmax/grader.js"),
  "masking": () => import("../../_graders/masking/grader.js"),
  "attention": () => import("../../_graders/attention/grader.js"),
  "mha": () => import("../../_graders/mha/grader.js"),
  "rope": () => import("../../_graders/rope/grader.js"),
  "layernorm": () => import("../../_graders/layernorm/grader.js"),
  "ffn": () => import("../../_graders/ffn/grader.js"),
  "positional": () => import("../../_graders/positional/grader.js"),
  "dropout": () => import("../../_graders/dropout/grader.js"),
  "schedule": () => import("../../_graders/schedule/grader.js"),
  "loss": () => import("../../_graders/loss/grader.js"),
  "encoder": () => import("../../_graders/encoder/grader.js"),
  "kvcache": () => import("../../_graders/kvcache/grader.js"),
  "flash": () => import("../../_graders/flash/grader.js"),
  "gqa": () => import("../../_graders/gqa/grader.js"),
};
