/**
 * The encoder (or decoder) layer as data, with no DOM: the nodes from bottom to top, the
 * residual spans, the tensor shape on the arrows, and the parameter count of each sub-layer.
 */
import type { Words } from "./strings.js";

export type Kind = "io" | "attn" | "ffn" | "ln" | "drop" | "add";
export interface LayerNode {
  kind: Kind;
  title: string;
  lines?: string[];
  /** Cross-attention: K and V come in from the encoder, on the right. */
  cross?: boolean;
}

export interface LayerSettings {
  /** Pre-LN (LayerNorm inside the residual branch) rather than Post-LN (after the add). */
  pre: boolean;
  decoder: boolean;
  d: number;
  heads: number;
  dff: number;
}

export interface LayerModel {
  nodes: LayerNode[];
  /** Residual spans: [the node the branch leaves below, the add node it rejoins]. */
  spans: [number, number][];
  /** The shape every arrow between nodes carries. */
  shape: string;
  /** d_model splits into equal heads. */
  divisible: boolean;
}

/** Parameter counts, exactly as in the formulas on the page. */
export function attnParams(d: number): number {
  return 4 * d * d + 4 * d;
}
export function ffnParams(d: number, dff: number): number {
  return 2 * d * dff + dff + d;
}
export function lnParams(d: number): number {
  return 2 * d;
}

export function layerModel(s: LayerSettings, t: Words): LayerModel {
  const divisible = s.d % s.heads === 0;
  const dk = divisible ? String(s.d / s.heads) : (s.d / s.heads).toFixed(2);
  const L = s.decoder ? "T" : "L";
  const nodes: LayerNode[] = [{ kind: "io", title: t.input }];
  const spans: [number, number][] = [];
  const drop: LayerNode = { kind: "drop", title: t.drop };
  const add: LayerNode = { kind: "add", title: "+" };
  const ln: LayerNode = { kind: "ln", title: t.ln };
  const sublayer = (core: LayerNode) => {
    const start = nodes.length;
    // Pre-LN: x + Dropout(Sublayer(LayerNorm(x))); Post-LN: LayerNorm(x + Dropout(Sublayer(x))).
    if (s.pre) nodes.push({ ...ln }, core, { ...drop }, { ...add });
    else nodes.push(core, { ...drop }, { ...add }, { ...ln });
    spans.push([start, s.pre ? nodes.length - 1 : nodes.length - 2]);
  };
  const attnLines = (lk: string) => [`h = ${s.heads} ${t.perHead}, d_k = ${dk}`, `${t.weights} [B, ${s.heads}, ${L}, ${lk}]`];
  if (s.decoder) {
    sublayer({ kind: "attn", title: t.maskedAttn, lines: attnLines("T") });
    sublayer({ kind: "attn", title: t.crossAttn, lines: attnLines("S"), cross: true });
  } else {
    sublayer({ kind: "attn", title: t.selfAttn, lines: attnLines("L") });
  }
  sublayer({ kind: "ffn", title: t.ffn, lines: [`${s.d} → ${s.dff} → ${s.d}, ReLU`, `${t.hidden} [B, ${L}, ${s.dff}]`] });
  nodes.push({ kind: "io", title: t.output, lines: s.pre ? [t.finalLn] : undefined });
  return { nodes, spans, shape: `[B, ${L}, ${s.d}]`, divisible };
}

export interface ParamRow {
  part: string;
  kind: Kind;
  formula: string;
  n: number;
}

/** The parameter count of each sub-layer (LayerNorms included), per layer and for a stack of N. */
export function paramRows(s: LayerSettings, nLayers: number, t: Words): { rows: ParamRow[]; perLayer: number; stackTotal: number } {
  const lnRow = (i: number): ParamRow => ({ part: `${t.lnShort} ${i}`, kind: "ln", formula: "2d", n: lnParams(s.d) });
  const attnRow = (part: string): ParamRow => ({ part, kind: "attn", formula: "4d² + 4d", n: attnParams(s.d) });
  const ffnRow: ParamRow = { part: "FFN", kind: "ffn", formula: "2·d·d_ff + d_ff + d", n: ffnParams(s.d, s.dff) };
  const rows = s.decoder
    ? [attnRow(t.maskedShort), lnRow(1), attnRow(t.crossShort), lnRow(2), ffnRow, lnRow(3)]
    : [attnRow(t.selfShort), lnRow(1), ffnRow, lnRow(2)];
  const perLayer = rows.reduce((sum, r) => sum + r.n, 0);
  // Pre-LN stacks end with one more LayerNorm after the last layer.
  return { rows, perLayer, stackTotal: perLayer * nLayers + (s.pre ? lnParams(s.d) : 0) };
}
