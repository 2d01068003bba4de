/**
 * Topic 1: one encoder (or decoder) layer of the Transformer, drawn as a block diagram from
 * bottom to top, with the residual wiring of Post-LN (Vaswani et al. 2017:
 * LayerNorm(x + Dropout(Sublayer(x)))) or Pre-LN (x + Dropout(Sublayer(LayerNorm(x)))),
 * the tensor shape on every arrow, and the exact parameter count of each sub-layer:
 * attention 4·d² + 4d (W_Q, W_K, W_V, W_O and their biases), FFN 2·d·d_ff + d_ff + d,
 * LayerNorm 2d (γ and β).
 */
import * as Plot from "@observablehq/plot";
import * as Inputs from "@observablehq/inputs";
import { chartWidth, container, slot, type Lang, diagramCanvas } from "./_shared.js";
import { svgEl } from "../dom.js";

const D_MODELS = [64, 128, 256, 512, 768, 1024, 2048];
const HEADS = [1, 2, 4, 8, 12, 16, 32];
const D_FFS = [256, 512, 1024, 2048, 3072, 4096, 8192];

const T = {
  en: {
    caption: "One layer of the 2017 Transformer. Switch the LayerNorm placement and the layer type; change the sizes to see the shapes and parameter counts.",
    wiring: "LayerNorm placement",
    post: "Post-LN (2017 paper)",
    pre: "Pre-LN (GPT-2 and most modern models)",
    layer: "layer",
    encoder: "encoder layer",
    decoder: "decoder layer",
    dModel: "d_model",
    heads: "heads h",
    dff: "d_ff",
    nLayers: "layers N",
    input: "x: embeddings + PE, or the previous layer's output",
    output: "to the next layer",
    selfAttn: "Multi-head self-attention",
    maskedAttn: "Masked multi-head self-attention",
    crossAttn: "Multi-head cross-attention",
    ffn: "Position-wise FFN",
    ln: "LayerNorm",
    drop: "Dropout (training only)",
    weights: "weights",
    perHead: "heads",
    fromEncoder: "K, V (encoder)",
    hidden: "hidden",
    finalLn: "Pre-LN: one more LayerNorm after layer N",
    notDivisible: "d_model is not divisible by h: multi-head attention cannot split it into equal heads.",
    params: "parameters",
    perLayer: "Per layer",
    stack: "×",
    layersWord: "layers =",
    lnShort: "LayerNorm",
    selfShort: "self-attention",
    maskedShort: "masked self-attn",
    crossShort: "cross-attention",
  },
  zh: {
    caption: "2017 年 Transformer 的一层。切换 LayerNorm 的位置和层的类型，改变尺寸，观察形状和参数量。",
    wiring: "LayerNorm 的位置",
    post: "Post-LN（2017 年论文）",
    pre: "Pre-LN（GPT-2 与多数现代模型）",
    layer: "层",
    encoder: "编码器层",
    decoder: "解码器层",
    dModel: "d_model",
    heads: "头数 h",
    dff: "d_ff",
    nLayers: "层数 N",
    input: "x：嵌入 + 位置编码，或上一层的输出",
    output: "送往下一层",
    selfAttn: "多头自注意力",
    maskedAttn: "带掩码的多头自注意力",
    crossAttn: "多头交叉注意力",
    ffn: "逐位置前馈网络 FFN",
    ln: "LayerNorm",
    drop: "Dropout（仅训练时）",
    weights: "权重",
    perHead: "个头",
    fromEncoder: "K、V（编码器）",
    hidden: "隐藏层",
    finalLn: "Pre-LN：第 N 层之后再加一个 LayerNorm",
    notDivisible: "d_model 不能被 h 整除：多头注意力无法把它均分给各个头。",
    params: "参数量",
    perLayer: "每层",
    stack: "×",
    layersWord: "层 =",
    lnShort: "LayerNorm",
    selfShort: "自注意力",
    maskedShort: "掩码自注意力",
    crossShort: "交叉注意力",
  },
};

type Kind = "io" | "attn" | "ffn" | "ln" | "drop" | "add";
interface Node {
  kind: Kind;
  title: string;
  lines?: string[];
  cross?: boolean;
}

const fmt = (x: number) => x.toLocaleString("en-US");

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

let uid = 0;

export default function encoderDiagram({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("encoder-diagram", t.caption);
  const wiring = Inputs.select([t.post, t.pre], { label: t.wiring, value: t.post }) as HTMLElement & { value: string };
  const layer = Inputs.select([t.encoder, t.decoder], { label: t.layer, value: t.encoder }) as HTMLElement & { value: string };
  const dModel = Inputs.select(D_MODELS, { label: t.dModel, value: 512 }) as HTMLElement & { value: number };
  const heads = Inputs.select(HEADS, { label: t.heads, value: 8 }) as HTMLElement & { value: number };
  const dff = Inputs.select(D_FFS, { label: t.dff, value: 2048 }) as HTMLElement & { value: number };
  const nLayers = Inputs.range([1, 48], { label: t.nLayers, value: 6, step: 1 }) as HTMLElement & { value: number };
  root.append(wiring, layer, dModel, heads, dff, nLayers);
  const warning = document.createElement("p");
  warning.style.color = "var(--bad, firebrick)";
  warning.style.fontSize = "0.9rem";
  root.append(warning);
  const diagram = slot(root);
  const bars = slot(root);
  const markerId = `enc-arrow-${++uid}`;

  const render = () => {
    const pre = wiring.value === t.pre;
    const dec = layer.value === t.decoder;
    const d = dModel.value;
    const h = heads.value;
    const ff = dff.value;
    const divisible = d % h === 0;
    warning.textContent = divisible ? "" : t.notDivisible;
    const dk = divisible ? String(d / h) : (d / h).toFixed(2);
    const L = dec ? "T" : "L";
    const shape = `[B, ${L}, ${d}]`;

    // The layer as a list of nodes from bottom to top, and the residual spans (branch node → add node).
    const nodes: Node[] = [{ kind: "io", title: t.input }];
    const spans: [number, number][] = [];
    const sublayer = (core: Node) => {
      if (pre) {
        const start = nodes.length;
        nodes.push({ kind: "ln", title: t.ln }, core, { kind: "drop", title: t.drop }, { kind: "add", title: "+" });
        spans.push([start, nodes.length - 1]);
      } else {
        const start = nodes.length;
        nodes.push(core, { kind: "drop", title: t.drop }, { kind: "add", title: "+" }, { kind: "ln", title: t.ln });
        spans.push([start, nodes.length - 2]);
      }
    };
    const attnLines = (lk: string) => [`h = ${h} ${t.perHead}, d_k = ${dk}`, `${t.weights} [B, ${h}, ${L}, ${lk}]`];
    if (dec) {
      sublayer({ kind: "attn", title: t.maskedAttn, lines: attnLines("T") });
      sublayer({ kind: "attn", title: t.crossAttn, lines: attnLines("S"), cross: true });
    } else {
      sublayer({ kind: "attn", title: t.selfAttn, lines: attnLines("L") });
    }
    sublayer({ kind: "ffn", title: t.ffn, lines: [`${d} → ${ff} → ${d}, ReLU`, `${t.hidden} [B, ${L}, ${ff}]`] });
    nodes.push({ kind: "io", title: t.output, lines: pre ? [t.finalLn] : undefined });

    const W = chartWidth();
    const heightOf = (n: Node) => (n.kind === "attn" || n.kind === "ffn" ? 54 : n.kind === "add" ? 22 : n.kind === "io" ? (n.lines ? 32 : 18) : 24);
    const GAP = 26;
    const total = nodes.reduce((s, n) => s + heightOf(n), 0) + GAP * (nodes.length - 1) + 16;
    // The residual rail on the left, the column of boxes next to it, room on the right for K, V.
    const xr = 8;
    const bw = Math.max(180, Math.min(270, W - 2 * xr - 16 - (dec ? 96 : 40)));
    const cx = xr + 16 + bw / 2;
    // y of each node's top edge; node 0 (the input) sits at the bottom.
    const tops: number[] = [];
    let y = total - 8;
    nodes.forEach((n) => {
      y -= heightOf(n);
      tops.push(y);
      y -= GAP;
    });
    const mid = (i: number) => tops[i] + heightOf(nodes[i]) / 2;
    const bottom = (i: number) => tops[i] + heightOf(nodes[i]);

    const svg = diagramCanvas(W, total, 12, markerId);
    const arrow = (x1: number, y1: number, x2: number, y2: number, extra: Record<string, string | number> = {}) =>
      svg.append(svgEl("line", { x1, y1, x2, y2, stroke: "currentColor", "stroke-width": 1.4, "marker-end": `url(#${markerId})`, ...extra }));
    /** A text that never overflows maxWidth: squeezed with textLength when the estimate says it would. */
    const text = (x: number, yy: number, s: string, attrs: Record<string, string | number>, maxWidth: number) => {
      const size = Number(attrs["font-size"] ?? 12);
      const estimate = [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.6) * size, 0);
      const node = svgEl("text", { x, y: yy, ...attrs }, s);
      if (estimate > maxWidth) {
        node.setAttribute("textLength", String(maxWidth));
        node.setAttribute("lengthAdjust", "spacingAndGlyphs");
      }
      svg.append(node);
    };

    const colours: Record<Kind, string> = { attn: "steelblue", ffn: "seagreen", ln: "goldenrod", drop: "gray", add: "none", io: "none" };
    nodes.forEach((n, i) => {
      const top = tops[i];
      const hgt = heightOf(n);
      if (n.kind === "io") {
        text(xr, top + 13, n.title, { "font-style": "italic", "font-size": 11.5 }, W - 2 * xr);
        if (n.lines) text(xr, top + 28, n.lines[0], { "font-size": 10.5, "fill-opacity": 0.8 }, W - 2 * xr);
      } else if (n.kind === "add") {
        svg.append(svgEl("circle", { cx, cy: top + hgt / 2, r: hgt / 2, fill: "none", stroke: "currentColor", "stroke-width": 1.4 }));
        svg.append(svgEl("text", { x: cx, y: top + hgt / 2 + 5, "text-anchor": "middle", "font-size": 16, "font-weight": 700 }, "+"));
      } else {
        const rect = svgEl("rect", { x: cx - bw / 2, y: top, width: bw, height: hgt, rx: 5, fill: colours[n.kind], "fill-opacity": n.kind === "drop" ? 0.08 : 0.2, stroke: colours[n.kind], "stroke-width": 1.4 });
        if (n.kind === "drop") rect.setAttribute("stroke-dasharray", "4,3");
        svg.append(rect);
        if (n.lines) {
          text(cx, top + 17, n.title, { "text-anchor": "middle", "font-weight": 600 }, bw - 10);
          n.lines.forEach((line, j) => text(cx, top + 32 + 13 * j, line, { "text-anchor": "middle", "font-size": 10.5, "fill-opacity": 0.85 }, bw - 10));
        } else {
          text(cx, top + hgt / 2 + 4, n.title, { "text-anchor": "middle", "font-size": n.kind === "drop" ? 11 : 12 }, bw - 10);
        }
      }
      // Arrow from this node up to the next one, labelled with the tensor shape it carries.
      if (i < nodes.length - 1) {
        const y1 = top;
        const y2 = bottom(i + 1);
        arrow(cx, y1, cx, y2 + 1);
        svg.append(svgEl("text", { x: cx + 7, y: (y1 + y2) / 2 + 4, "font-size": 10.5, "font-family": "var(--monospace)", "fill-opacity": 0.9 }, shape));
      }
      if (n.cross) {
        // K and V come from the encoder's final output, from the right; Q comes from below.
        const xs = cx + bw / 2;
        const yc = top + hgt / 2;
        const xEnd = Math.min(W - 4, xs + 150);
        arrow(xEnd, yc, xs + 1, yc);
        text(xEnd, yc - 6, t.fromEncoder, { "text-anchor": "end", "font-size": 10.5 }, xEnd - xs - 4);
        text(xEnd, yc + 14, `[B, S, ${d}]`, { "text-anchor": "end", "font-size": 10.5, "font-family": "var(--monospace)" }, xEnd - xs - 4);
      }
    });

    // Residual paths: branch just below the span's first node, rejoin at the add node.
    spans.forEach(([from, to]) => {
      const yb = bottom(from) + GAP / 2 + 3;
      const ya = mid(to);
      svg.append(svgEl("circle", { cx, cy: yb, r: 2.5, fill: "currentColor" }));
      svg.append(svgEl("path", { d: `M${cx},${yb} H${xr} V${ya}`, fill: "none", stroke: "darkorange", "stroke-width": 2 }));
      arrow(xr, ya, cx - 11, ya, { stroke: "darkorange", "stroke-width": 2 });
    });
    diagram(svg);

    // Parameter count of each sub-layer (LayerNorm included), with its formula.
    type Row = { part: string; kind: Kind; formula: string; n: number };
    const rows: Row[] = [];
    const lnRow = (i: number): Row => ({ part: `${t.lnShort} ${i}`, kind: "ln", formula: "2d", n: lnParams(d) });
    const attnRow = (part: string): Row => ({ part, kind: "attn", formula: "4d² + 4d", n: attnParams(d) });
    const ffnRow: Row = { part: "FFN", kind: "ffn", formula: "2·d·d_ff + d_ff + d", n: ffnParams(d, ff) };
    if (dec) rows.push(attnRow(t.maskedShort), lnRow(1), attnRow(t.crossShort), lnRow(2), ffnRow, lnRow(3));
    else rows.push(attnRow(t.selfShort), lnRow(1), ffnRow, lnRow(2));
    const perLayer = rows.reduce((s, r) => s + r.n, 0);
    const N = nLayers.value;
    const stackTotal = perLayer * N + (pre ? lnParams(d) : 0);
    const max = Math.max(...rows.map((r) => r.n));
    bars(
      Plot.plot({
        width: W,
        height: 34 * rows.length + 60,
        marginLeft: 110,
        marginRight: 12,
        subtitle: `${t.perLayer}: ${fmt(perLayer)} ${t.stack} ${N} ${t.layersWord} ${fmt(stackTotal)}${pre ? ` (+ ${t.lnShort} 2d)` : ""}`,
        x: { label: t.params, grid: true, domain: [0, max * 1.02], tickFormat: "~s" },
        y: { label: null, domain: rows.map((r) => r.part) },
        marks: [
          Plot.barX(rows, { y: "part", x: "n", fill: (r: Row) => colours[r.kind], fillOpacity: 0.6 }),
          Plot.text(rows, { y: "part", x: 0, dx: 4, textAnchor: "start", text: (r: Row) => `${r.formula} = ${fmt(r.n)}`, fill: "currentColor" }),
          Plot.ruleX([0]),
        ],
      }),
    );
  };
  for (const c of [wiring, layer, dModel, heads, dff, nLayers]) c.addEventListener("input", render);
  render();
  return root;
}
