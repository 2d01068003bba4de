/**
 * A small matrix heatmap on <canvas>-free SVG: used for the |got − want| map of a failing
 * check and by topic visuals. Plain DOM keeps it cheap enough for every exercise page.
 */
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

const SVG = "http://www.w3.org/2000/svg";

export function heatmap(opts: HeatmapOptions): SVGSVGElement {
  const cell = opts.cell ?? Math.max(10, Math.min(28, Math.floor(320 / Math.max(opts.rows, opts.cols))));
  const pad = 18;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", String(opts.cols * cell + pad));
  svg.setAttribute("height", String(opts.rows * cell + pad));
  svg.setAttribute("role", "img");
  svg.classList.add("heatmap");
  const finite = opts.values.filter(Number.isFinite).map(Math.abs);
  const max = opts.max ?? Math.max(1e-12, ...finite);
  for (let r = 0; r < opts.rows; r++) {
    for (let c = 0; c < opts.cols; c++) {
      const v = opts.values[r * opts.cols + c];
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", String(pad + c * cell));
      rect.setAttribute("y", String(pad + r * cell));
      rect.setAttribute("width", String(cell - 1));
      rect.setAttribute("height", String(cell - 1));
      const t = Number.isFinite(v) ? Math.min(1, Math.abs(v) / max) : NaN;
      rect.setAttribute("fill", Number.isNaN(t) ? (opts.nanColor ?? "#7b2cbf") : `rgba(220, 60, 40, ${0.08 + 0.92 * t})`);
      const title = document.createElementNS(SVG, "title");
      title.textContent = opts.label ? opts.label(r, c, v) : `[${r}, ${c}] ${v}`;
      rect.appendChild(title);
      svg.appendChild(rect);
    }
  }
  const text = (x: number, y: number, s: string, anchor = "start") => {
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("x", String(x));
    t.setAttribute("y", String(y));
    t.setAttribute("font-size", "10");
    t.setAttribute("fill", "currentColor");
    t.setAttribute("text-anchor", anchor);
    t.textContent = s;
    svg.appendChild(t);
  };
  if (opts.colLabel) text(pad, 11, `${opts.colLabel} →`);
  if (opts.rowLabel) {
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("transform", `translate(11, ${pad}) rotate(90)`);
    t.setAttribute("font-size", "10");
    t.setAttribute("fill", "currentColor");
    t.textContent = `${opts.rowLabel} →`;
    svg.appendChild(t);
  }
  return svg;
}
