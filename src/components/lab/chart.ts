/**
 * The lab's charts, drawn by hand in SVG (no chart library on this page): a value against
 * the sequence length, both axes logarithmic, one line per kernel — so O(L²) and O(L) show as
 * straight lines of slope 2 and 1.
 */
import { el, svgEl } from "../dom.js";
import type { Method } from "./protocol.js";

export interface Series {
  method: Method;
  label: string;
  points: { x: number; y: number }[];
  dashed?: boolean;
}

const W = 560;
const H = 260;
const PAD = { left: 56, right: 12, top: 12, bottom: 36 };
export const COLORS: Record<Method, string> = { learner: "#d62728", builtin: "#1f77b4", tiled: "#2ca02c" };

function logScale(values: number[], from: number, to: number): (v: number) => number {
  const lo = Math.log10(Math.min(...values));
  const hi = Math.log10(Math.max(...values));
  const span = hi - lo || 1;
  return (v) => from + ((Math.log10(v) - lo) / span) * (to - from);
}

function ticks(values: number[]): number[] {
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.ceil(Math.log10(Math.max(...values)));
  return Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
}

function axes(svg: SVGSVGElement, xs: number[], ys: number[], sx: (v: number) => number, sy: (v: number) => number): void {
  const [bottom, left] = [H - PAD.bottom, PAD.left];
  svg.append(svgEl("line", { x1: left, y1: bottom, x2: W - PAD.right, y2: bottom, stroke: "currentColor", "stroke-opacity": 0.4 }));
  svg.append(svgEl("line", { x1: left, y1: PAD.top, x2: left, y2: bottom, stroke: "currentColor", "stroke-opacity": 0.4 }));
  for (const x of xs) svg.append(svgEl("text", { x: sx(x), y: bottom + 16, "text-anchor": "middle", "font-size": 11, fill: "currentColor" }, String(x)));
  svg.append(svgEl("text", { x: (left + W - PAD.right) / 2, y: H - 4, "text-anchor": "middle", "font-size": 11, fill: "currentColor" }, "L"));
  for (const y of ticks(ys)) {
    if (sy(y) < PAD.top - 1 || sy(y) > bottom + 1) continue;
    svg.append(svgEl("line", { x1: left, y1: sy(y), x2: W - PAD.right, y2: sy(y), stroke: "currentColor", "stroke-opacity": 0.1 }));
    svg.append(
      svgEl("text", { x: left - 6, y: sy(y) + 4, "text-anchor": "end", "font-size": 11, fill: "currentColor" }, y >= 1 ? String(y) : y.toPrecision(1)),
    );
  }
}

/** One chart; an empty figure (no points yet) draws nothing but its caption. */
export function logLogChart(caption: string, series: Series[], testid: string): HTMLElement {
  const figure = el("figure", { class: "lab-chart", "data-testid": testid });
  const all = series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0);
  figure.append(el("figcaption", {}, caption));
  if (all.length === 0) return figure;
  const xs = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  const ys = all.map((p) => p.y);
  const sx = xs.length > 1 ? logScale(xs, PAD.left + 10, W - PAD.right - 10) : () => (PAD.left + W - PAD.right) / 2;
  const sy = logScale(ys.length > 1 ? ys : [ys[0] / 2, ys[0] * 2], H - PAD.bottom - 6, PAD.top + 6);
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": caption });
  axes(svg, xs, ys, sx, sy);
  for (const s of series) {
    const pts = s.points.filter((p) => p.x > 0 && p.y > 0);
    const color = COLORS[s.method];
    if (pts.length > 1)
      svg.append(
        svgEl("polyline", {
          points: pts.map((p) => `${sx(p.x)},${sy(p.y)}`).join(" "),
          fill: "none",
          stroke: color,
          "stroke-width": 2,
          "stroke-dasharray": s.dashed ? "5 4" : "none",
        }),
      );
    for (const p of pts) {
      const dot = svgEl("circle", { cx: sx(p.x), cy: sy(p.y), r: s.dashed ? 2.5 : 3.5, fill: color, "data-method": s.method, "data-length": p.x });
      dot.append(svgEl("title", {}, `${s.label}: L = ${p.x}, ${p.y.toPrecision(3)}`));
      svg.append(dot);
    }
  }
  figure.append(svg);
  const legend = el("p", { class: "lab-legend" });
  for (const s of series) if (!s.dashed && s.points.length) legend.append(el("span", { style: `color:${COLORS[s.method]}` }, `● ${s.label}  `));
  figure.append(legend);
  return figure;
}
