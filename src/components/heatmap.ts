/**
 * A small matrix heatmap on <canvas>-free SVG: used for the |got − want| map of a failing
 * check and by topic visuals. Plain DOM keeps it cheap enough for every exercise page.
 */
import { svgEl } from "./dom.js";

export interface HeatmapOptions {
  rows: number;
  cols: number;
  values: number[];
  /** Values at or above this are full colour. */
  max?: number;
  cell?: number;
  label?: (r: number, c: number, v: number) => string;
  /** Colour for NaN / non-finite cells. */
  nanColor?: string;
  rowLabel?: string;
  colLabel?: string;
}

export function heatmap(opts: HeatmapOptions): SVGSVGElement {
  const cell = opts.cell ?? Math.max(10, Math.min(28, Math.floor(320 / Math.max(opts.rows, opts.cols))));
  const pad = 18;
  const svg = svgEl("svg", { width: opts.cols * cell + pad, height: opts.rows * cell + pad, role: "img", class: "heatmap" });
  const finite = opts.values.filter(Number.isFinite).map(Math.abs);
  const max = opts.max ?? Math.max(1e-12, ...finite);
  for (let r = 0; r < opts.rows; r++) {
    for (let c = 0; c < opts.cols; c++) {
      const v = opts.values[r * opts.cols + c];
      const t = Number.isFinite(v) ? Math.min(1, Math.abs(v) / max) : NaN;
      const fill = Number.isNaN(t) ? (opts.nanColor ?? "#7b2cbf") : `rgba(220, 60, 40, ${0.08 + 0.92 * t})`;
      const rect = svgEl("rect", { x: pad + c * cell, y: pad + r * cell, width: cell - 1, height: cell - 1, fill });
      rect.append(svgEl("title", {}, opts.label ? opts.label(r, c, v) : `[${r}, ${c}] ${v}`));
      svg.append(rect);
    }
  }
  const label = { "font-size": 10, fill: "currentColor" };
  if (opts.colLabel) svg.append(svgEl("text", { x: pad, y: 11, ...label, "text-anchor": "start" }, `${opts.colLabel} →`));
  if (opts.rowLabel) svg.append(svgEl("text", { transform: `translate(11, ${pad}) rotate(90)`, ...label }, `${opts.rowLabel} →`));
  return svg;
}
