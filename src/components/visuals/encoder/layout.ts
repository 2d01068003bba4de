/**
 * Where the layer's boxes go for a given width, with no DOM: a residual rail on the left, the
 * column of boxes beside it, room on the right for the decoder's incoming K, V; the input at
 * the bottom and the output at the top.
 */
import type { LayerNode } from "./model.js";

export const GAP = 26;
/** x of the residual rail. */
export const RAIL_X = 8;

export interface LayerLayout {
  width: number;
  height: number;
  /** Box width and the column's centre. */
  boxWidth: number;
  cx: number;
  /** y of each node's top edge and its height, in node order (node 0 lowest). */
  tops: number[];
  heights: number[];
}

export function nodeHeight(n: LayerNode): number {
  if (n.kind === "attn" || n.kind === "ffn") return 54;
  if (n.kind === "add") return 22;
  if (n.kind === "io") return n.lines ? 32 : 18;
  return 24;
}

export function layoutLayer(nodes: LayerNode[], width: number, decoder: boolean): LayerLayout {
  const heights = nodes.map(nodeHeight);
  const height = heights.reduce((s, h) => s + h, 0) + GAP * (nodes.length - 1) + 16;
  const boxWidth = Math.max(180, Math.min(270, width - 2 * RAIL_X - 16 - (decoder ? 96 : 40)));
  const cx = RAIL_X + 16 + boxWidth / 2;
  const tops: number[] = [];
  let y = height - 8;
  for (const h of heights) {
    y -= h;
    tops.push(y);
    y -= GAP;
  }
  return { width, height, boxWidth, cx, tops, heights };
}

export const middle = (l: LayerLayout, i: number) => l.tops[i] + l.heights[i] / 2;
export const bottom = (l: LayerLayout, i: number) => l.tops[i] + l.heights[i];
