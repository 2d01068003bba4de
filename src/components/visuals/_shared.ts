/** Small helpers the visuals share: the container, a language switch for labels, a seeded RNG. */
import { svgEl } from "../dom.js";

export type Lang = "en" | "zh";

export function container(name: string, caption: string): HTMLDivElement {
  const root = document.createElement("div");
  root.className = "visual";
  root.dataset.testid = "visual";
  root.setAttribute("data-testid", "visual");
  root.dataset.visual = name;
  const p = document.createElement("p");
  p.className = "visual-caption";
  p.textContent = caption;
  root.append(p);
  return root;
}

/** Chart width: the page's content column, capped, and never below a phone's width. */
export function chartWidth(): number {
  const main = document.querySelector("#observablehq-main") as HTMLElement | null;
  const available = (main?.clientWidth ?? document.body.clientWidth) - 24;
  return Math.max(300, Math.min(640, available));
}

/** mulberry32: the same picture on every load. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Replace a chart in place (one slot per chart, so re-rendering never reorders the figure). */
export function slot(root: HTMLElement): (node: Node) => void {
  const holder = document.createElement("div");
  root.append(holder);
  return (node) => holder.replaceChildren(node);
}

/** A responsive SVG canvas for a block diagram, with an arrowhead marker `markerId` for its lines. */
export function diagramCanvas(width: number, height: number, fontSize: number, markerId: string): SVGSVGElement {
  const svg = svgEl("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "font-family": "var(--sans-serif)",
    "font-size": fontSize,
    fill: "currentColor",
  });
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  const marker = svgEl("marker", {
    id: markerId,
    viewBox: "0 0 10 10",
    refX: 9,
    refY: 5,
    markerWidth: 8,
    markerHeight: 8,
    markerUnits: "userSpaceOnUse",
    orient: "auto-start-reverse",
  });
  marker.append(svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: "currentColor" }));
  const defs = svgEl("defs", {});
  defs.append(marker);
  svg.append(defs);
  return svg;
}

/** Charts in a row that wraps on a narrow screen. */
export function sideBySide(gap: number, ...children: Node[]): HTMLDivElement {
  const row = document.createElement("div");
  row.style.display = "flex";
  row.style.flexWrap = "wrap";
  row.style.gap = `${gap}px`;
  row.append(...children);
  return row;
}

/** An SVG text that never overflows maxWidth: squeezed with textLength when its estimated width
 * (CJK glyphs about one em, Latin ones `latinEm` em) would. `size` is the font size when attrs give none. */
export function fittedText(
  x: number,
  y: number,
  s: string,
  attrs: Record<string, string | number>,
  maxWidth: number,
  base: { size: number; latinEm: number },
): SVGTextElement {
  const size = Number(attrs["font-size"] ?? base.size);
  const estimate = [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : base.latinEm) * size, 0);
  const node = svgEl("text", { x, y, ...attrs }, s);
  if (estimate > maxWidth) {
    node.setAttribute("textLength", String(maxWidth));
    node.setAttribute("lengthAdjust", "spacingAndGlyphs");
  }
  return node;
}
