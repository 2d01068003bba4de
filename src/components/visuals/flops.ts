/**
 * Topic 13: where one Transformer layer spends its forward FLOPs (2 per multiply–add) as the
 * sequence length n grows, for width d, FFN width 4d and h heads:
 *   projections 8nd², FFN 16nd², attention core (QKᵀ and weights·V) 4n²d, softmax ≈ 5hn².
 * The n² core overtakes the FFN at n = 4d and everything else at n = 6d. The third chart is
 * the memory of the h score matrices of one layer in float16, 2hn² bytes per sequence.
 * Everything is closed-form: the same picture on every load.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";

/** Operations per softmax score (max, subtract, exp, sum, divide): an estimate, and a small term either way. */
const SOFTMAX_OPS = 5;
const N_MIN = 16;
const N_MAX = 2 ** 20;
const GPU_BYTES = 80e9;

type Part = "proj" | "ffn" | "attn" | "soft";
interface Readout {
  n: string;
  d: string;
  h: number;
  total: string;
  split: string[];
  scores: string;
  four: string;
  six: string;
}
const T = {
  en: {
    caption: "Forward FLOPs of one layer, split by component, as the sequence length n grows (2 FLOPs per multiply–add, FFN width 4d).",
    d: "width d",
    n: "sequence length n",
    h: "heads h",
    proj: "Q, K, V, O projections (8nd²)",
    ffn: "FFN (16nd²)",
    attn: "attention core QKᵀ, AV (4n²d)",
    soft: "softmax (≈5hn²)",
    total: "total",
    short: { proj: "projections", ffn: "FFN", attn: "attention core", soft: "softmax" },
    flops: "FLOPs per layer (forward)",
    share: "share of the layer's FLOPs",
    mem: "score matrices of one layer, float16 (bytes)",
    gpu: "80 GB, one large GPU",
    readout: (r: Readout) =>
      `At n = ${r.n}, d = ${r.d}: ${r.total} per layer (${r.split.join(", ")}); a training step ≈ 3× that. ` +
      `Score matrices: ${r.scores} per layer and sequence (${r.h} ${r.h === 1 ? "head" : "heads"}, float16). Crossovers: n = 4d = ${r.four}, n = 6d = ${r.six}.`,
  },
  zh: {
    caption: "单层前向 FLOPs 按组成部分拆开，随序列长度 n 的变化（一次乘加记 2 个 FLOP，FFN 宽 4d）。",
    d: "宽度 d",
    n: "序列长度 n",
    h: "头数 h",
    proj: "Q、K、V、O 投影（8nd²）",
    ffn: "FFN（16nd²）",
    attn: "注意力核心 QKᵀ、AV（4n²d）",
    soft: "softmax（≈5hn²）",
    total: "合计",
    short: { proj: "投影", ffn: "FFN", attn: "注意力核心", soft: "softmax" },
    flops: "每层 FLOPs（前向）",
    share: "在一层 FLOPs 中的占比",
    mem: "一层的分数矩阵，float16（字节）",
    gpu: "80 GB，一块大显存 GPU",
    readout: (r: Readout) =>
      `n = ${r.n}、d = ${r.d} 时：每层 ${r.total}（${r.split.join("，")}）；一步训练约为其 3 倍。` +
      `分数矩阵：每层每条序列 ${r.scores}（${r.h} 个头，float16）。分界点：n = 4d = ${r.four}，n = 6d = ${r.six}。`,
  },
};

const PARTS: Part[] = ["proj", "ffn", "attn", "soft"];

function parts(n: number, d: number, h: number): Record<Part, number> {
  return { proj: 8 * n * d * d, ffn: 16 * n * d * d, attn: 4 * n * n * d, soft: SOFTMAX_OPS * h * n * n };
}

/** 1.92e12 → "1.92 T" (SI prefixes up to exa). */
function si(x: number, unit: string): string {
  const prefixes = ["", "k", "M", "G", "T", "P", "E"];
  let i = 0;
  while (Math.abs(x) >= 1000 && i < prefixes.length - 1) (x /= 1000), i++;
  return `${x.toPrecision(3)} ${prefixes[i]}${unit}`;
}

/** Bytes in binary units: 1073741824 → "1.00 GiB". */
function bytes(b: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) (b /= 1024), i++;
  return `${b.toPrecision(3)} ${units[i]}`;
}

const int = (x: number) => Math.round(x).toLocaleString("en-US");

type Words = (typeof T)[Lang];
// 8 samples per octave of n, from 16 to 2^20 tokens.
const NS = Array.from({ length: 8 * Math.log2(N_MAX / N_MIN) + 1 }, (_, i) => N_MIN * 2 ** (i / 8));
const partLabels = (t: Words): Record<Part, string> => ({ proj: t.proj, ffn: t.ffn, attn: t.attn, soft: t.soft });
const nAxis = (t: Words) => ({ type: "log" as const, label: t.n, domain: [N_MIN, N_MAX], tickFormat: "~s" });

/** The rules at n = 4d and n = 6d (where attention overtakes the projections and the FFN) and at the chosen n. */
function crossoverRules(n: number, d: number) {
  // The two labels sit on either side of their rules: on a log axis 4d and 6d are close.
  const marks = [
    { n: 4 * d, text: "4d", anchor: "end", dx: -3 },
    { n: 6 * d, text: "6d", anchor: "start", dx: 3 },
  ].filter((m) => m.n <= N_MAX);
  return [
    Plot.ruleX(marks, { x: "n", stroke: "currentColor", strokeOpacity: 0.6, strokeDasharray: "4,3" }),
    ...marks.map((m) =>
      Plot.text([m], {
        x: "n",
        text: (v: { text: string }) => `n = ${v.text}`,
        frameAnchor: "top",
        dy: -4,
        dx: m.dx,
        textAnchor: m.anchor as "start" | "end",
        lineAnchor: "bottom",
        fill: "currentColor",
      }),
    ),
    Plot.ruleX([n], { stroke: "currentColor", strokeWidth: 1.5 }),
  ];
}

function readoutText(n: number, d: number, h: number, t: Words): string {
  const here = parts(n, d, h);
  const total = here.proj + here.ffn + here.attn + here.soft;
  const pct = (k: Part) => `${((100 * here[k]) / total).toFixed(1)}%`;
  return t.readout({
    n: int(n),
    d: int(d),
    h,
    total: si(total, "FLOP"),
    split: PARTS.map((k) => `${t.short[k]} ${pct(k)}`),
    scores: bytes(2 * h * n * n),
    four: int(4 * d),
    six: int(6 * d),
  });
}

/** FLOPs of each part against n (log–log), their total dotted, and as shares of the total. */
function flopCharts(n: number, d: number, h: number, width: number, t: Words) {
  const label = partLabels(t);
  const domain = PARTS.map((p) => label[p]);
  const data = NS.flatMap((x) => {
    const p = parts(x, d, h);
    return PARTS.map((k) => ({ n: x, part: label[k], flops: p[k] }));
  });
  const totals = NS.map((x) => {
    const p = parts(x, d, h);
    return { n: x, flops: p.proj + p.ffn + p.attn + p.soft };
  });
  const here = parts(n, d, h);
  const rules = crossoverRules(n, d);
  const lines = Plot.plot({
    width,
    height: 280,
    marginTop: 24,
    marginLeft: 56,
    x: nAxis(t),
    y: { type: "log", label: t.flops, grid: true, tickFormat: "~s" },
    color: { domain, scheme: "tableau10" as const, legend: true },
    marks: [
      Plot.line(data, { x: "n", y: "flops", stroke: "part", strokeWidth: 2 }),
      Plot.line(totals, { x: "n", y: "flops", stroke: "currentColor", strokeDasharray: "2,3", title: () => t.total }),
      ...rules,
      Plot.dot(
        PARTS.map((k) => ({ n, part: label[k], flops: here[k] })),
        { x: "n", y: "flops", fill: "part", r: 4, tip: true },
      ),
    ],
  });
  const shares = Plot.plot({
    width,
    height: 220,
    marginTop: 24,
    marginLeft: 56,
    x: nAxis(t),
    y: { label: t.share, percent: true, domain: [0, 100] },
    color: { domain, scheme: "tableau10" as const },
    marks: [Plot.areaY(data, { x: "n", y: "flops", fill: "part", offset: "normalize", order: domain, fillOpacity: 0.85 }), ...rules],
  });
  return { lines, shares };
}

/** Memory of the n × n score matrices (2 bytes each, h heads) against one GPU's memory. */
function scoreMemory(n: number, h: number, width: number, t: Words) {
  const mem = NS.map((x) => ({ n: x, b: 2 * h * x * x }));
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 56,
    x: nAxis(t),
    y: { type: "log", label: t.mem, grid: true, tickFormat: "~s" },
    marks: [
      Plot.line(mem, { x: "n", y: "b", stroke: "firebrick", strokeWidth: 2 }),
      Plot.ruleY([GPU_BYTES], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.text([GPU_BYTES], { y: (v: number) => v, text: () => t.gpu, frameAnchor: "left", dx: 4, dy: -8, fill: "currentColor" }),
      Plot.ruleX([n], { stroke: "currentColor", strokeWidth: 1.5 }),
      Plot.dot([{ n, b: 2 * h * n * n }], { x: "n", y: "b", fill: "firebrick", r: 4, title: (p: { b: number }) => bytes(p.b) }),
    ],
  });
}

export default function flops({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("flops", t.caption);
  const dIn = Inputs.range([128, 16384], { value: 4096, step: 64, label: t.d, transform: Math.log2, invert: (x: number) => 2 ** x });
  const nIn = Inputs.range([N_MIN, N_MAX], { value: 4096, step: 1, label: t.n, transform: Math.log2, invert: (x: number) => 2 ** x });
  const hIn = Inputs.select([1, 8, 16, 32, 64], { value: 32, label: t.h });
  const readout = el("p", { class: "visual-readout" });
  root.append(dIn, nIn, hIn, readout);
  const lines = slot(root);
  const shares = slot(root);
  const memory = slot(root);

  const render = () => {
    const [d, n, h] = [dIn.value, nIn.value, hIn.value];
    const w = chartWidth();
    readout.textContent = readoutText(n, d, h, t);
    const charts = flopCharts(n, d, h, w, t);
    lines(charts.lines);
    shares(charts.shares);
    memory(scoreMemory(n, h, w, t));
  };
  for (const input of [dIn, nIn, hIn]) input.addEventListener("input", render);
  render();
  return root;
}
