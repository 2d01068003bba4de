/**
 * Topic 6: dot-product vs additive attention scores. On a seeded example (6 queries, 6 keys
 * of width d) the three score matrices qᵀk, qᵀk/√d and vᵀtanh(W_q q + W_k k) (Bahdanau et
 * al. 2015, App. A.1.2; here d_a = d); and the cost of scoring n queries against n keys:
 * FLOPs and the largest intermediate, n² scores for the dot product vs n²·d_a
 * pre-activations for the vectorised additive form.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { matmul, meanVar, randomMatrix, transpose, type Matrix } from "./_math.js";

const N_TOKENS = 6;
const NS = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];
const READOUT_N = 4096;
const BYTES = 4; // float32

const T = {
  en: {
    caption:
      "Six queries and six keys with random components of variance 1, and an additive scorer with random weights (hidden width d_a = d). Move d and compare the spread of the three score matrices, then the cost of scoring n queries against n keys.",
    d: "width d (= d_k = d_a)",
    dot: "dot product qᵀk",
    scaled: "scaled qᵀk / √d",
    additive: "additive vᵀtanh(W_q q + W_k k)",
    std: "std",
    query: "query",
    key: "key",
    flops: "FLOPs to score n × n pairs",
    memory: "largest intermediate (bytes, float32)",
    n: "sequence length n",
    dotName: "dot product",
    addName: "additive",
    readout: (d: number, fd: string, fa: string, md: string, ma: string) =>
      `At n = ${READOUT_N}, d = ${d}: dot product ${fd} FLOPs and a ${md} score matrix; additive ${fa} FLOPs (counting each of the ${READOUT_N}² × ${d} tanh evaluations as one) and a ${ma} tensor of pre-activations if vectorised.`,
  },
  zh: {
    caption:
      "六个查询、六个键，各分量为方差 1 的随机数；加性打分器的权重也是随机的（隐藏宽度 d_a = d）。拖动 d，比较三张分数矩阵的离散程度，再看对 n 个查询和 n 个键打分的代价。",
    d: "宽度 d（= d_k = d_a）",
    dot: "点积 qᵀk",
    scaled: "缩放 qᵀk / √d",
    additive: "加性 vᵀtanh(W_q q + W_k k)",
    std: "标准差",
    query: "查询",
    key: "键",
    flops: "对 n × n 个位置对打分的 FLOPs",
    memory: "最大的中间张量（字节，float32）",
    n: "序列长度 n",
    dotName: "点积",
    addName: "加性",
    readout: (d: number, fd: string, fa: string, md: string, ma: string) =>
      `n = ${READOUT_N}、d = ${d} 时：点积需要 ${fd} FLOPs，分数矩阵占 ${md}；加性需要 ${fa} FLOPs（其中 ${READOUT_N}² × ${d} 次 tanh 各按一次计），向量化实现时预激活张量占 ${ma}。`,
  },
};

/** Score-computation cost from given q and k vectors (the layer's own projections are not counted for either). */
function dotFlops(n: number, d: number): number {
  return 2 * n * n * d;
}
/** W_q q and W_k k for every query and key (2·n·d·d_a each), then per pair: add, tanh and the multiply-add with v (≈ 4·d_a). */
function additiveFlops(n: number, d: number, da: number): number {
  return 4 * n * d * da + 4 * n * n * da;
}

function human(x: number, unit: "flops" | "bytes"): string {
  if (unit === "bytes") {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (x >= 1024 && i < units.length - 1) (x /= 1024), i++;
    return `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ${units[i]}`;
  }
  const units = ["", "K", "M", "G", "T", "P"];
  let i = 0;
  while (x >= 1000 && i < units.length - 1) (x /= 1000), i++;
  return `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ${units[i]}`;
}

interface Scores {
  dot: Matrix;
  scaled: Matrix;
  additive: Matrix;
}

function scores(d: number): Scores {
  const q = randomMatrix(N_TOKENS, d, 600 + d);
  const k = randomMatrix(N_TOKENS, d, 700 + d);
  // Weights drawn so that W_q q and W_k k have unit-variance components, and v·tanh(·) stays O(1).
  const wq = randomMatrix(d, d, 800 + d, 1 / Math.sqrt(d));
  const wk = randomMatrix(d, d, 900 + d, 1 / Math.sqrt(d));
  const v = randomMatrix(1, d, 1000 + d, 1 / Math.sqrt(d))[0];
  const dot = matmul(q, transpose(k));
  const pq = matmul(q, wq);
  const pk = matmul(k, wk);
  const additive = pq.map((a) => pk.map((b) => v.reduce((s, vi, h) => s + vi * Math.tanh(a[h] + b[h]), 0)));
  return { dot, scaled: dot.map((row) => row.map((x) => x / Math.sqrt(d))), additive };
}

const std = (m: Matrix) => Math.sqrt(meanVar(m.flat()).variance);
const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(1));

function heat(m: Matrix, title: string, t: (typeof T)["en"]): HTMLElement | SVGSVGElement {
  const qs = m.map((_, i) => `q${i + 1}`);
  const ks = m[0].map((_, j) => `k${j + 1}`);
  const data = m.flatMap((row, i) => row.map((v, j) => ({ q: qs[i], k: ks[j], v })));
  const maxAbs = Math.max(1e-9, ...data.map((d) => Math.abs(d.v)));
  const cell = 30;
  return Plot.plot({
    width: 40 + ks.length * cell + 8,
    height: 40 + qs.length * 22 + 8,
    marginLeft: 40,
    marginTop: 40,
    marginBottom: 8,
    title,
    subtitle: `${t.std} = ${std(m).toFixed(2)}`,
    x: { domain: ks, axis: "top", label: t.key, tickSize: 0 },
    y: { domain: qs, label: null, tickSize: 0 },
    color: { type: "diverging", scheme: "rdbu", domain: [-maxAbs, maxAbs], reverse: true },
    marks: [
      Plot.cell(data, { x: "k", y: "q", fill: "v", inset: 0.5, tip: true }),
      Plot.text(data, {
        x: "k",
        y: "q",
        text: (d: { v: number }) => fmt(d.v),
        fontSize: 9,
        fill: "currentColor",
        stroke: "var(--theme-background, Canvas)",
        strokeWidth: 2.5,
      }),
    ],
  });
}

export default function dotVsAdditive({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("dot-vs-additive", t.caption);
  const d = Inputs.range([4, 512], { value: 64, step: 4, label: t.d }) as HTMLElement & { value: number };
  root.append(d);
  const heatmaps = slot(root);
  const readout = document.createElement("p");
  readout.style.maxWidth = "640px";
  root.append(readout);
  const costs = slot(root);

  const render = () => {
    const dv = d.value;
    const s = scores(dv);
    const row = document.createElement("div");
    row.style.display = "flex";
    row.style.flexWrap = "wrap";
    row.style.gap = "4px 16px";
    row.append(heat(s.dot, t.dot, t), heat(s.scaled, t.scaled, t), heat(s.additive, t.additive, t));
    heatmaps(row);

    readout.textContent = t.readout(
      dv,
      human(dotFlops(READOUT_N, dv), "flops"),
      human(additiveFlops(READOUT_N, dv, dv), "flops"),
      human(BYTES * READOUT_N ** 2, "bytes"),
      human(BYTES * READOUT_N ** 2 * dv, "bytes"),
    );

    const curves = NS.flatMap((n) => [
      { n, method: t.dotName, flops: dotFlops(n, dv), bytes: BYTES * n * n },
      { n, method: t.addName, flops: additiveFlops(n, dv, dv), bytes: BYTES * n * n * dv },
    ]);
    const bytes = curves.map((c) => c.bytes);
    const byteTicks = [1, 2, 3, 4].map((p) => 1024 ** p).filter((x) => x >= Math.min(...bytes) && x <= Math.max(...bytes));
    const panel = (key: "flops" | "bytes", label: string, legend: boolean) =>
      Plot.plot({
        width: Math.min(chartWidth(), 320),
        height: 240,
        marginLeft: 60,
        marginTop: 30,
        x: { type: "log", label: t.n, ticks: [64, 256, 1024, 4096, 16384], tickFormat: (x: number) => String(x) },
        y:
          key === "flops"
            ? { type: "log", label, grid: true, tickFormat: "~s" }
            : { type: "log", label, grid: true, ticks: byteTicks, tickFormat: (x: number) => human(x, "bytes").replace(/\.0 | /, "") },
        color: { domain: [t.dotName, t.addName], range: ["steelblue", "darkorange"], legend },
        marks: [
          Plot.line(curves, { x: "n", y: key, stroke: "method", strokeWidth: 2, tip: true }),
          Plot.ruleX([READOUT_N], { stroke: "currentColor", strokeDasharray: "3,3" }),
          Plot.dot(
            curves.filter((c) => c.n === READOUT_N),
            { x: "n", y: key, fill: "method", r: 4 },
          ),
        ],
      });
    const pair = document.createElement("div");
    pair.style.display = "flex";
    pair.style.flexWrap = "wrap";
    pair.style.gap = "8px 16px";
    pair.append(panel("flops", t.flops, true), panel("bytes", t.memory, false));
    costs(pair);
  };
  d.addEventListener("input", render);
  render();
  return root;
}
