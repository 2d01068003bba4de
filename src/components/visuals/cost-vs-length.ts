/**
 * Topic 3: the per-layer cost of Table 1 of Vaswani et al. (2017) as a function of the
 * sequence length n — self-attention n²·d, recurrent n·d², convolutional k·n·d² (multiply-adds,
 * constants as in the table) — on log axes, with the crossover n = d marked; and the memory of
 * the n × n attention-weight matrices a standard implementation keeps for the backward pass:
 * n² × heads × layers × bytes per element, for one sequence.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";

const T = {
  en: {
    caption: "Per-layer cost and attention memory as the sequence grows. Move d and k to shift the curves; set heads, layers and precision for the memory.",
    d: "model width d",
    k: "kernel width k",
    heads: "heads",
    layers: "layers",
    precision: "bytes per element",
    n: "n for the readout",
    costTitle: "Multiply-adds per layer (Table 1 terms)",
    seqLen: "sequence length n",
    ops: "multiply-adds",
    attn: "self-attention n²·d",
    rnn: "recurrent n·d²",
    conv: "convolutional k·n·d²",
    crossover: "n = d",
    memTitle: "Memory of the n × n attention weights, one sequence",
    bytes: "bytes",
    budget: "80 GB",
    perMatrix: "per matrix",
    matrices: "matrices",
    cheaper: "at this n, self-attention is cheaper than a recurrent layer",
    dearer: "at this n, self-attention costs more than a recurrent layer",
  },
  zh: {
    caption: "序列变长时每层的计算量与注意力显存。拖动 d 和 k 看曲线如何移动；设置头数、层数和精度，看显存占用。",
    d: "模型宽度 d",
    k: "卷积核宽度 k",
    heads: "头数",
    layers: "层数",
    precision: "每个元素的字节数",
    n: "读数所用的 n",
    costTitle: "每层乘加次数（表 1 中的项）",
    seqLen: "序列长度 n",
    ops: "乘加次数",
    attn: "自注意力 n²·d",
    rnn: "循环层 n·d²",
    conv: "卷积层 k·n·d²",
    crossover: "n = d",
    memTitle: "n × n 注意力权重的显存（单条序列）",
    bytes: "字节",
    budget: "80 GB",
    perMatrix: "每个矩阵",
    matrices: "个矩阵",
    cheaper: "在这个 n 下，自注意力比循环层便宜",
    dearer: "在这个 n 下，自注意力比循环层更贵",
  },
};

const NS = Array.from({ length: 53 }, (_, i) => 2 ** (4 + i / 4)); // 16 … 131072, four points per octave
const READOUT = [256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072];

/** Bytes in binary units: 3221225472 → "3 GiB". */
function formatBytes(b: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) (b /= 1024), i++;
  return `${Number(b.toPrecision(3))} ${units[i]}`;
}

/** The sequence-length axis both charts share: log base 2, 16 … 131072. */
const seqLenAxis = (t: (typeof T)["en"]) => ({
  type: "log" as const,
  base: 2,
  label: t.seqLen,
  domain: [16, 131072],
  ticks: [16, 128, 1024, 8192, 65536],
  tickFormat: (n: number) => n.toLocaleString("en-US"),
  grid: true,
});

/** Multiply-adds per layer for attention, recurrence and convolution, with the crossover n = d and the readout n. */
function costPlot(t: (typeof T)["en"], dv: number, kv: number, nr: number, width: number) {
  const rows = NS.flatMap((n) => [
    { n, ops: n * n * dv, kind: t.attn },
    { n, ops: n * dv * dv, kind: t.rnn },
    { n, ops: kv * n * dv * dv, kind: t.conv },
  ]);
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 56,
    subtitle: `${t.costTitle} — n = ${nr.toLocaleString("en-US")}: ${nr < dv ? t.cheaper : nr > dv ? t.dearer : "n = d"}`,
    x: seqLenAxis(t),
    y: { type: "log", label: t.ops, tickFormat: "~s", grid: true },
    color: { domain: [t.attn, t.rnn, t.conv], range: ["firebrick", "steelblue", "seagreen"], legend: true },
    marks: [
      Plot.line(rows, { x: "n", y: "ops", stroke: "kind", strokeWidth: 2, tip: true }),
      Plot.ruleX([dv], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.text([dv], {
        x: (v: number) => v,
        frameAnchor: "top",
        dy: 4,
        dx: 4,
        textAnchor: "start",
        text: () => `${t.crossover} = ${dv}`,
        fill: "currentColor",
      }),
      Plot.dot([{ n: dv, ops: dv ** 3 }], { x: "n", y: "ops", r: 4, fill: "currentColor" }),
      Plot.ruleX([nr], { stroke: "gray", strokeOpacity: 0.6 }),
    ],
  });
}

/** Bytes of the stored n × n attention weights (heads × layers matrices), against an 80 GB card. */
function memPlot(t: (typeof T)["en"], count: number, b: number, nr: number, width: number) {
  const rows = NS.map((n) => ({ n, bytes: n * n * count * b }));
  const one = nr * nr * b;
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 56,
    subtitle: `${t.memTitle} — n = ${nr.toLocaleString("en-US")}: ${formatBytes(one)} ${t.perMatrix} × ${count} ${t.matrices} = ${formatBytes(one * count)}`,
    x: seqLenAxis(t),
    y: { type: "log", label: t.bytes, tickFormat: (v: number) => formatBytes(v), ticks: [2 ** 20, 2 ** 30, 2 ** 40], grid: true },
    marks: [
      Plot.line(rows, { x: "n", y: "bytes", stroke: "darkorange", strokeWidth: 2, tip: true }),
      Plot.ruleY([80e9], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.text([80e9], { y: (v: number) => v, frameAnchor: "left", dx: 4, dy: -8, textAnchor: "start", text: () => t.budget, fill: "currentColor" }),
      Plot.dot([{ n: nr, bytes: one * count }], { x: "n", y: "bytes", r: 5, fill: "darkorange", stroke: "currentColor" }),
    ],
  });
}

export default function costVsLength({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("cost-vs-length", t.caption);
  const d = Inputs.range([64, 4096], { label: t.d, value: 512, step: 64 }) as HTMLElement & { value: number };
  const k = Inputs.range([2, 15], { label: t.k, value: 3, step: 1 }) as HTMLElement & { value: number };
  root.append(d, k);
  const costChart = slot(root);
  const heads = Inputs.range([1, 64], { label: t.heads, value: 8, step: 1 }) as HTMLElement & { value: number };
  const layers = Inputs.range([1, 96], { label: t.layers, value: 6, step: 1 }) as HTMLElement & { value: number };
  const bytesPer = Inputs.select([4, 2], { label: t.precision, value: 4, format: (b: number) => (b === 4 ? "4 (fp32)" : "2 (fp16 / bf16)") }) as HTMLElement & {
    value: number;
  };
  const nRead = Inputs.select(READOUT, { label: t.n, value: 4096, format: (n: number) => n.toLocaleString("en-US") }) as HTMLElement & { value: number };
  root.append(heads, layers, bytesPer, nRead);
  const memChart = slot(root);

  const renderCost = () => costChart(costPlot(t, d.value, k.value, nRead.value, chartWidth()));
  const renderMem = () => memChart(memPlot(t, heads.value * layers.value, bytesPer.value, nRead.value, chartWidth()));

  d.addEventListener("input", renderCost);
  k.addEventListener("input", renderCost);
  for (const c of [heads, layers, bytesPer]) c.addEventListener("input", renderMem);
  nRead.addEventListener("input", () => (renderCost(), renderMem()));
  renderCost();
  renderMem();
  return root;
}
