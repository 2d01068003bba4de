/**
 * Topic 29: where a Transformer's parameters are. N layers, each one self-attention block and
 * one FFN, plus the token embedding; counts are exact formulas, not estimates.
 *   GPT-2 style   attention 4d² + 4d, FFN 2·d·d_ff + d_ff + d, two LayerNorms 2·2d, final LN 2d,
 *                 embedding V·d shared with the output layer (tied)
 *   LLaMA style   attention 4d² (no biases), SwiGLU FFN 3·d·d_ff, two RMSNorms 2·d, final d,
 *                 separate input embedding and output head 2·V·d
 * Learned position tables (GPT-2: 1024 × d) are left out; sinusoidal encodings and RoPE have none.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";

type Style = "gpt2" | "llama";
type Part = "embed" | "attn" | "ffn" | "norm";
const PARTS: Part[] = ["embed", "attn", "ffn", "norm"];

const T = {
  en: {
    caption: "Move d_model, the FFN ratio d_ff / d_model, the vocabulary and the depth: where do the parameters go?",
    d: "d_model",
    ratio: "d_ff / d_model",
    vocab: "vocabulary size V",
    layers: "layers N",
    style: "layer style",
    styles: { gpt2: "GPT-2 style (GELU, biases, LayerNorm, tied)", llama: "LLaMA style (SwiGLU, no biases, RMSNorm, untied)" },
    parts: { embed: "embeddings", attn: "attention (Q, K, V, O)", ffn: "FFN", norm: "norms" },
    oneLayer: "one layer",
    model: "whole model",
    share: "share of parameters",
    title: (total: string, layer: number, model: number) => `${total} parameters — FFN: ${layer.toFixed(1)}% of a layer, ${model.toFixed(1)}% of the model`,
    sub: (a: string, f: string, n: string, e: string, dff: number) => `per layer: attention ${a}, FFN ${f} (d_ff = ${dff}), norms ${n}; embeddings ${e}`,
    vsD: "share of the whole model as d_model grows (other settings fixed)",
  },
  zh: {
    caption: "调整 d_model、FFN 倍数 d_ff / d_model、词表大小和层数：参数都花在了哪里？",
    d: "d_model",
    ratio: "d_ff / d_model",
    vocab: "词表大小 V",
    layers: "层数 N",
    style: "层的类型",
    styles: { gpt2: "GPT-2 式（GELU，有偏置，共享嵌入）", llama: "LLaMA 式（SwiGLU，无偏置，RMSNorm）" },
    parts: { embed: "嵌入", attn: "注意力（Q、K、V、O）", ffn: "FFN", norm: "归一化" },
    oneLayer: "一层",
    model: "整个模型",
    share: "参数占比",
    title: (total: string, layer: number, model: number) => `共 ${total} 参数——FFN 占一层的 ${layer.toFixed(1)}%，占整个模型的 ${model.toFixed(1)}%`,
    sub: (a: string, f: string, n: string, e: string, dff: number) => `每层：注意力 ${a}，FFN ${f}（d_ff = ${dff}），归一化 ${n}；嵌入 ${e}`,
    vsD: "d_model 变化时各部分占整个模型的比例（其余设置不变）",
  },
};

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

interface Counts {
  dff: number;
  layer: Record<Part, number>;
  model: Record<Part, number>;
  total: number;
}

function count(d: number, ratio: number, V: number, N: number, style: Style): Counts {
  const dff = Math.round(ratio * d);
  const attn = style === "gpt2" ? 4 * d * d + 4 * d : 4 * d * d;
  const ffn = style === "gpt2" ? 2 * d * dff + dff + d : 3 * d * dff;
  const norm = style === "gpt2" ? 2 * 2 * d : 2 * d;
  const finalNorm = style === "gpt2" ? 2 * d : d;
  const embed = style === "gpt2" ? V * d : 2 * V * d;
  const layer = { embed: 0, attn, ffn, norm };
  const model = { embed, attn: N * attn, ffn: N * ffn, norm: N * norm + finalNorm };
  return { dff, layer, model, total: embed + model.attn + model.ffn + model.norm };
}

const PART_COLOURS = ["gray", "steelblue", "darkorange", "seagreen"];

/** Two stacked bars: the shares of one layer and of the whole model, with the counts in the title. */
function sharePlot(t: (typeof T)["en"], c: Counts) {
  const names = PARTS.map((p) => t.parts[p]);
  const layerTotal = PARTS.reduce((s, p) => s + c.layer[p], 0);
  const rows = [
    ...PARTS.map((p) => ({ bar: t.oneLayer, part: t.parts[p], n: c.layer[p], share: c.layer[p] / layerTotal })),
    ...PARTS.map((p) => ({ bar: t.model, part: t.parts[p], n: c.model[p], share: c.model[p] / c.total })),
  ].filter((r) => r.n > 0);
  return Plot.plot({
    width: chartWidth(),
    height: 190,
    marginLeft: 90,
    title: t.title(formatCount(c.total), (100 * c.layer.ffn) / layerTotal, (100 * c.model.ffn) / c.total),
    subtitle: t.sub(formatCount(c.layer.attn), formatCount(c.layer.ffn), formatCount(c.layer.norm), formatCount(c.model.embed), c.dff),
    x: { label: t.share, domain: [0, 1], tickFormat: "%", grid: true },
    y: { label: null, domain: [t.oneLayer, t.model] },
    color: { domain: names, range: PART_COLOURS, legend: true },
    marks: [
      Plot.barX(
        rows,
        Plot.stackX({
          x: "share",
          y: "bar",
          fill: "part",
          order: names,
          title: (r: (typeof rows)[number]) => `${r.part}: ${formatCount(r.n)} (${(100 * r.share).toFixed(1)}%)`,
        }),
      ),
      Plot.text(
        rows.filter((r) => r.share > 0.08),
        Plot.stackX({
          x: "share",
          y: "bar",
          order: names,
          z: "part",
          text: (r: (typeof rows)[number]) => `${(100 * r.share).toFixed(0)}%`,
          fill: "currentColor",
          stroke: "var(--theme-background)",
          strokeWidth: 3,
        }),
      ),
    ],
  });
}

/** Each part's share of the model as d_model sweeps 64 … 8192 with the other settings fixed; the chosen d marked. */
function trendPlot(t: (typeof T)["en"], c: Counts, d: number, ratio: number, V: number, N: number, style: Style) {
  const names = PARTS.map((p) => t.parts[p]);
  const ds = Array.from({ length: 64 }, (_, k) => Math.round(64 * Math.pow(2, (k * 7) / 63)));
  const trend = ds.flatMap((dd) => {
    const cc = count(dd, ratio, V, N, style);
    return PARTS.map((p) => ({ d: dd, part: t.parts[p], share: cc.model[p] / cc.total }));
  });
  return Plot.plot({
    width: chartWidth(),
    height: 220,
    title: t.vsD,
    x: { type: "log", label: t.d, domain: [64, 8192], ticks: [64, 256, 1024, 4096], tickFormat: (v: number) => String(v) },
    y: { label: t.share, domain: [0, 1], tickFormat: "%", grid: true },
    color: { domain: names, range: PART_COLOURS },
    marks: [
      Plot.line(trend, { x: "d", y: "share", stroke: "part", strokeWidth: 2, tip: true }),
      Plot.ruleX([d], { stroke: "currentColor", strokeDasharray: "3,3" }),
      Plot.dot(
        PARTS.map((p) => ({ d, part: t.parts[p], share: c.model[p] / c.total })),
        { x: "d", y: "share", fill: "part", r: 4 },
      ),
    ],
  });
}

export default function paramShare({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("param-share", t.caption);
  const d = Inputs.range([64, 8192], { value: 768, step: 64, label: t.d });
  const ratio = Inputs.range([1, 8], { value: 4, step: 1 / 48, label: t.ratio, format: (v) => v.toFixed(3) });
  const vocab = Inputs.range([1000, 256000], { value: 50257, step: 1, label: t.vocab });
  const layers = Inputs.range([1, 96], { value: 12, step: 1, label: t.layers });
  const style = Inputs.select(["gpt2", "llama"] as Style[], { value: "gpt2", label: t.style, format: (s) => t.styles[s] });
  root.append(d, ratio, vocab, layers, style);
  const stacked = slot(root);
  const curves = slot(root);

  const render = () => {
    const c = count(d.value, ratio.value, vocab.value, layers.value, style.value);
    stacked(sharePlot(t, c));
    curves(trendPlot(t, c, d.value, ratio.value, vocab.value, layers.value, style.value));
  };
  for (const input of [d, ratio, vocab, layers, style]) input.addEventListener("input", render);
  render();
  return root;
}
