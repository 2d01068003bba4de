/** The lab's results: the two charts, the table of every point, why a kernel stopped, and the H100 reference points. */
import { el } from "../dom.js";
import { logLogChart, type Series } from "./chart.js";
import { METHODS, type LabPoint, type LabStop } from "./protocol.js";
import { H100_REFERENCE } from "./references.js";
import type { LAB_STRINGS } from "./strings.js";

type Strings = (typeof LAB_STRINGS)["en"];
const MIB = 2 ** 20;
const fmt = (v: number | undefined, digits = 1) => (v === undefined ? "—" : v.toFixed(digits));

function series(t: Strings, points: LabPoint[], y: (p: LabPoint) => number, dashed = false): Series[] {
  return METHODS.map((method) => ({
    method,
    label: t.method[method],
    dashed,
    points: points.filter((p) => p.method === method).map((p) => ({ x: p.length, y: y(p) })),
  }));
}

function table(t: Strings, points: LabPoint[]): HTMLTableElement {
  const head = el("tr", {}, ...t.table.map((h) => el("th", {}, h)));
  const rows = points.map((p) =>
    el(
      "tr",
      { "data-testid": "lab-row", "data-method": p.method, "data-length": String(p.length) },
      el("td", {}, t.method[p.method]),
      el("td", {}, String(p.length)),
      el("td", {}, fmt(p.fwdMs)),
      el("td", {}, fmt(p.fwdBwdMs)),
      el("td", {}, fmt(p.gpuFwdBwdMs, 2)),
      el("td", {}, fmt(p.peakBytes / MIB, 2)),
      el("td", {}, fmt(p.largestBytes / MIB, 2)),
    ),
  );
  return el("table", { class: "lab-table" }, el("thead", {}, head), el("tbody", {}, ...rows));
}

export function resultsView(t: Strings): { root: HTMLElement; show: (points: LabPoint[], stops: LabStop[]) => void } {
  const root = el("div", { class: "lab-results" });
  const show = (points: LabPoint[], stops: LabStop[]) => {
    const time = logLogChart(
      t.timeChart,
      series(t, points, (p) => p.fwdBwdMs),
      "lab-chart-time",
    );
    const memory = logLogChart(
      t.memoryChart,
      [...series(t, points, (p) => p.peakBytes / MIB), ...series(t, points, (p) => p.largestBytes / MIB, true)],
      "lab-chart-memory",
    );
    const why = stops.map((s) =>
      el(
        "li",
        { "data-testid": "lab-stop", "data-method": s.method, "data-reason": s.reason },
        `${t.method[s.method as keyof Strings["method"]] ?? s.method} — L = ${s.length}: ${t.stop[s.reason as keyof Strings["stop"]] ?? s.reason}: ${s.message}`,
      ),
    );
    root.replaceChildren(time, memory, why.length ? el("ul", { class: "lab-stops" }, ...why) : "", points.length ? table(t, points) : "");
  };
  return { root, show };
}

export function referenceTable(t: Strings): HTMLElement {
  const r = H100_REFERENCE;
  const row = (label: string, ms: readonly number[]) => el("tr", {}, el("th", {}, label), ...ms.map((v) => el("td", {}, v.toFixed(1))));
  return el(
    "figure",
    { class: "lab-reference", "data-testid": "lab-reference" },
    el("figcaption", {}, el("strong", {}, t.refTitle), ". ", t.refCaption(r.sizes.first, r.sizes.last, r.sizes.count)),
    el("table", {}, el("tbody", {}, row(t.refRows[0], r.tfjsWebgpuMs), row(t.refRows[1], r.pytorchCudaMs))),
  );
}
