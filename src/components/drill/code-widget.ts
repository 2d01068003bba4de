/**
 * Loaded only when a coding drill starts (code-view.ts imports it dynamically): the
 * exercise page's own widget and grader, so tfjs and the grading worker reach the drill
 * page at that moment and not before.
 */
import { FileAttachment } from "observablehq:stdlib";
import type { Report } from "../../_graders/engine/report.js";
import { GRADER_LOADERS } from "./grader-loaders.js";
import { exerciseWidget } from "../exercise.js";

const WORKER = FileAttachment("../../exercises/grader-worker.js");

export interface CodeDrillOptions {
  id: string;
  lang: "en" | "zh";
  starter: string;
  hints: string[];
  onVerdict: (report: Report) => void;
}

export async function codeDrillWidget(o: CodeDrillOptions): Promise<HTMLElement & { dispose?: () => void }> {
  const load = GRADER_LOADERS[o.id];
  if (!load) throw new Error(`no grader for the exercise "${o.id}"`);
  return exerciseWidget({
    id: o.id,
    loadGrader: async () => (await load()).default,
    lang: o.lang,
    starter: o.starter,
    hints: o.hints,
    workerUrl: WORKER.href,
    mode: "drill",
    startFrom: "contract",
    onVerdict: o.onVerdict,
  });
}
