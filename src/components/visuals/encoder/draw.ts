/** The layer diagram in SVG, from the model and its layout. */
import { diagramCanvas, fittedText } from "../_shared.js";
import { svgEl } from "../../dom.js";
import type { Kind, LayerModel, LayerNode } from "./model.js";
import { GAP, RAIL_X, bottom, middle, type LayerLayout } from "./layout.js";
import type { Words } from "./strings.js";

export const COLOURS: Record<Kind, string> = { attn: "steelblue", ffn: "seagreen", ln: "goldenrod", drop: "gray", add: "none", io: "none" };

type Attrs = Record<string, string | number>;

/** The canvas with its two primitives: an arrow, and a text squeezed (textLength) when it would overflow. */
function pen(svg: SVGSVGElement, markerId: string) {
  return {
    arrow(x1: number, y1: number, x2: number, y2: number, extra: Attrs = {}) {
      svg.append(svgEl("line", { x1, y1, x2, y2, stroke: "currentColor", "stroke-width": 1.4, "marker-end": `url(#${markerId})`, ...extra }));
    },
    text(x: number, y: number, s: string, attrs: Attrs, maxWidth: number) {
      svg.append(fittedText(x, y, s, attrs, maxWidth, { size: 12, latinEm: 0.6 }));
    },
  };
}
type Pen = ReturnType<typeof pen>;

function drawNode(svg: SVGSVGElement, p: Pen, n: LayerNode, top: number, hgt: number, l: LayerLayout): void {
  const { cx, boxWidth: bw } = l;
  if (n.kind === "io") {
    p.text(RAIL_X, top + 13, n.title, { "font-style": "italic", "font-size": 11.5 }, l.width - 2 * RAIL_X);
    if (n.lines) p.text(RAIL_X, top + 28, n.lines[0], { "font-size": 10.5, "fill-opacity": 0.8 }, l.width - 2 * RAIL_X);
    return;
  }
  if (n.kind === "add") {
    svg.append(svgEl("circle", { cx, cy: top + hgt / 2, r: hgt / 2, fill: "none", stroke: "currentColor", "stroke-width": 1.4 }));
    svg.append(svgEl("text", { x: cx, y: top + hgt / 2 + 5, "text-anchor": "middle", "font-size": 16, "font-weight": 700 }, "+"));
    return;
  }
  const rect = svgEl("rect", {
    x: cx - bw / 2,
    y: top,
    width: bw,
    height: hgt,
    rx: 5,
    fill: COLOURS[n.kind],
    "fill-opacity": n.kind === "drop" ? 0.08 : 0.2,
    stroke: COLOURS[n.kind],
    "stroke-width": 1.4,
  });
  if (n.kind === "drop") rect.setAttribute("stroke-dasharray", "4,3");
  svg.append(rect);
  if (n.lines) {
    p.text(cx, top + 17, n.title, { "text-anchor": "middle", "font-weight": 600 }, bw - 10);
    n.lines.forEach((line, j) => void p.text(cx, top + 32 + 13 * j, line, { "text-anchor": "middle", "font-size": 10.5, "fill-opacity": 0.85 }, bw - 10));
  } else {
    p.text(cx, top + hgt / 2 + 4, n.title, { "text-anchor": "middle", "font-size": n.kind === "drop" ? 11 : 12 }, bw - 10);
  }
}

/** K and V come from the encoder's final output, from the right; Q comes from below. */
function drawEncoderInput(p: Pen, l: LayerLayout, i: number, d: number, t: Words): void {
  const xs = l.cx + l.boxWidth / 2;
  const yc = middle(l, i);
  const xEnd = Math.min(l.width - 4, xs + 150);
  p.arrow(xEnd, yc, xs + 1, yc);
  p.text(xEnd, yc - 6, t.fromEncoder, { "text-anchor": "end", "font-size": 10.5 }, xEnd - xs - 4);
  p.text(xEnd, yc + 14, `[B, S, ${d}]`, { "text-anchor": "end", "font-size": 10.5, "font-family": "var(--monospace)" }, xEnd - xs - 4);
}

/** Residual paths: branch just below the span's first node, rejoin at the add node. */
function drawResiduals(svg: SVGSVGElement, p: Pen, m: LayerModel, l: LayerLayout): void {
  for (const [from, to] of m.spans) {
    const yb = bottom(l, from) + GAP / 2 + 3;
    const ya = middle(l, to);
    svg.append(svgEl("circle", { cx: l.cx, cy: yb, r: 2.5, fill: "currentColor" }));
    svg.append(svgEl("path", { d: `M${l.cx},${yb} H${RAIL_X} V${ya}`, fill: "none", stroke: "darkorange", "stroke-width": 2 }));
    p.arrow(RAIL_X, ya, l.cx - 11, ya, { stroke: "darkorange", "stroke-width": 2 });
  }
}

export function drawLayer(m: LayerModel, l: LayerLayout, d: number, markerId: string, t: Words): SVGSVGElement {
  const svg = diagramCanvas(l.width, l.height, 12, markerId);
  const p = pen(svg, markerId);
  m.nodes.forEach((n, i) => {
    drawNode(svg, p, n, l.tops[i], l.heights[i], l);
    // Arrow from this node up to the next one, labelled with the tensor shape it carries.
    if (i < m.nodes.length - 1) {
      const y1 = l.tops[i];
      const y2 = bottom(l, i + 1);
      p.arrow(l.cx, y1, l.cx, y2 + 1);
      svg.append(svgEl("text", { x: l.cx + 7, y: (y1 + y2) / 2 + 4, "font-size": 10.5, "font-family": "var(--monospace)", "fill-opacity": 0.9 }, m.shape));
    }
    if (n.cross) drawEncoderInput(p, l, i, d, t);
  });
  drawResiduals(svg, p, m, l);
  return svg;
}
