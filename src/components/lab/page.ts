/**
 * The performance lab (/lab, /zh/lab): the learner's own attention (their saved attention
 * draft), the same formula in tfjs built-ins, and their tiled attention (the flash draft,
 * when there is one), forward and backward at growing sequence lengths — time and memory
 * against L, in a worker on their own GPU, the last measurement kept in the progress store.
 */
import * as progress from "../progress.js";
import { el } from "../dom.js";
import { labClient } from "./client.js";
import { DEFAULT_LENGTHS, parseLengths } from "./lengths.js";
import type { LabPoint, LabStop, WorkerMessage } from "./protocol.js";
import { LAB_STRINGS, type Lang } from "./strings.js";
import { referenceTable, resultsView } from "./results.js";

const BATCH = 1;
const DIM = 64;
const BLOCK_SIZE = 64;

export type LabPage = HTMLElement & { dispose: () => void };

export function labPage(opts: { lang: Lang; workerUrl: string; search?: string }): LabPage {
  const t = LAB_STRINGS[opts.lang];
  const attention = progress.read("exercise", "attention")?.draft;
  const flash = progress.read("exercise", "flash")?.draft;
  const asked = parseLengths(opts.search ?? location.search);
  const lengths = asked.ok ? asked.lengths : DEFAULT_LENGTHS;

  const status = el("p", { class: "lab-status", "data-testid": "lab-status", "aria-live": "polite" }, asked.ok ? "" : t.badLengths(asked.message));
  const bar = el("progress", { "data-testid": "lab-progress", max: "1", value: "0", hidden: "" });
  const device = el("p", { class: "lab-device", "data-testid": "lab-device" });
  const button = el("button", { "data-testid": "lab-start", class: "run" }, t.start);
  const results = resultsView(t);
  const saved = progress.read("lab", "attention");
  if (saved) {
    results.show(saved.points, saved.stops as LabStop[]);
    device.textContent = t.saved(new Date(saved.at).toLocaleString(opts.lang === "zh" ? "zh-CN" : "en"));
  }
  const client = labClient(opts.workerUrl);

  async function start(): Promise<void> {
    button.disabled = true;
    button.textContent = t.running;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = t.starting;
    const points: LabPoint[] = [];
    const stops: LabStop[] = [];
    let booted: { backend: string; adapter?: string } = { backend: "unknown" };
    const on = (m: WorkerMessage) => {
      if (m.type === "booted") {
        booted = m;
        device.textContent = t.device(m.backend, m.adapter, m.timestamps);
      } else if (m.type === "progress") {
        bar.value = m.total ? m.done / m.total : 1;
        if (m.label) status.textContent = `${t.running} ${m.label}`;
      } else if (m.type === "point" || m.type === "stop") {
        if (m.type === "point") points.push(m.point);
        else stops.push(m.stop);
        results.show(points, stops);
      }
    };
    try {
      await client.measure({ sources: { attention, flash }, lengths, batch: BATCH, dim: DIM, blockSize: BLOCK_SIZE }, on);
      status.textContent = t.done(points.length);
      progress.write("lab", "attention", { at: Date.now(), backend: booted.backend, adapter: booted.adapter, batch: BATCH, dim: DIM, points, stops });
    } catch (e) {
      status.textContent = t.failed((e as Error).message);
      client.dispose(); // a worker that failed is not reused
    } finally {
      button.disabled = false;
      button.textContent = t.start;
    }
  }
  button.addEventListener("click", () => void start());

  const root = el(
    "div",
    { class: "lab", "data-testid": "lab" },
    el("p", {}, t.drafts(Boolean(attention), Boolean(flash))),
    el("p", {}, t.shape(BATCH, DIM), ` L = ${lengths.join(", ")}.`),
    el("div", { class: "toolbar" }, button, bar),
    status,
    device,
    results.root,
    referenceTable(t),
  );
  return Object.assign(root, { dispose: () => client.dispose() });
}
