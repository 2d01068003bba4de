/**
 * Topic 10: which numbers LayerNorm, BatchNorm and RMSNorm average over, on a padded batch.
 * Four seeded sequences of lengths 7, 5, 3 and 2 with d = 8 features (each feature has its own
 * offset and scale, as real activations do) are padded with zero vectors to a common length T.
 *   LN   statistics per token, over its 8 features          → shape [B, T, 1]
 *   BN   statistics per feature, over all B·T positions      → shape [1, 1, d]
 *   RMS  root mean square per token, no mean subtracted      → shape [B, T, 1]
 * Moving T adds padding: BN's per-feature means and variances move (unless pads are masked out),
 * LN's and RMSNorm's statistics of the real tokens stay exactly where they were.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, normal, rng, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { meanVar } from "./_math.js";

const LENGTHS = [7, 5, 3, 2];
const D = 8;
const T_MIN = Math.max(...LENGTHS);
const T_MAX = 24;
const EPS = 1e-5;
const COLOR = { type: "diverging" as const, scheme: "RdBu" as const, domain: [-3.5, 3.5] };

type Mode = "ln" | "bn" | "rms";

const T = {
  en: {
    caption: "Four sequences (lengths 7, 5, 3, 2; d = 8 features) padded with zero vectors to a common length T. Pads are marked ×.",
    length: "padded length T",
    mode: "normalisation",
    ln: "LayerNorm: per token, over features",
    bn: "BatchNorm: per feature, over batch and positions",
    rms: "RMSNorm: per token, no mean",
    masked: "BatchNorm leaves the pads out of its statistics",
    seq: "sequence",
    seqShort: "seq.",
    pos: "position",
    feat: "feature",
    value: "value",
    input: "input x",
    inputSub: "rows: the 8 features of each token",
    output: (m: string) => `output of ${m}`,
    outputSub: (d: number) => `real tokens moved by up to ${d.toFixed(2)} since T = ${T_MIN}`,
    stats: (T: number, p: number) => `statistics at T = ${T} (${p} pads): mean ± std of each group`,
    statsRms: (T: number, p: number) => `statistics at T = ${T} (${p} pads): RMS of each token`,
    token: "token (sequence · position)",
    feature: "feature i",
    real: "real token",
    pad: "pad",
    withoutPads: "real tokens only",
    trend: { ln: "per-token mean of each real token", bn: "per-feature mean μ_i", rms: "per-token RMS of each real token" },
    trendTitle: (s: number) => `as padding grows: largest shift of a statistic since T = ${T_MIN} is ${s.toFixed(3)}`,
    short: { ln: "LN", bn: "BN", rms: "RMSNorm" },
  },
  zh: {
    caption: "四条序列（长度 7、5、3、2；d = 8 个特征）用零向量填充到统一长度 T。填充位用 × 标出。",
    length: "填充后的长度 T",
    mode: "归一化方式",
    ln: "LayerNorm：每个词元，沿特征",
    bn: "BatchNorm：每个特征，沿批次和位置",
    rms: "RMSNorm：每个词元，不减均值",
    masked: "BatchNorm 统计时剔除填充位",
    seq: "序列",
    seqShort: "序列",
    pos: "位置",
    feat: "特征",
    value: "数值",
    input: "输入 x",
    inputSub: "每行是词元的一个特征，共 8 行",
    output: (m: string) => `${m} 的输出`,
    outputSub: (d: number) => `真实词元相对 T = ${T_MIN} 时最多变化 ${d.toFixed(2)}`,
    stats: (T: number, p: number) => `T = ${T}（${p} 个填充位）时的统计量：每组的均值 ± 标准差`,
    statsRms: (T: number, p: number) => `T = ${T}（${p} 个填充位）时的统计量：每个词元的 RMS`,
    token: "词元（序列 · 位置）",
    feature: "特征 i",
    real: "真实词元",
    pad: "填充位",
    withoutPads: "仅真实词元",
    trend: { ln: "每个真实词元的均值", bn: "每个特征的均值 μ_i", rms: "每个真实词元的 RMS" },
    trendTitle: (s: number) => `随填充增加：统计量相对 T = ${T_MIN} 的最大偏移为 ${s.toFixed(3)}`,
    short: { ln: "LN", bn: "BN", rms: "RMSNorm" },
  },
};

// ---- the batch and the three normalisations ------------------------------------------------

/** Real tokens: feature i has offset μ_i and scale s_i, so per-feature statistics are far from (0, 1). */
function realTokens(): number[][][] {
  const next = rng(2024);
  const offset = Array.from({ length: D }, () => 1.2 * normal(next));
  const scale = Array.from({ length: D }, () => 0.5 + next());
  return LENGTHS.map((len) => Array.from({ length: len }, () => offset.map((m, i) => m + scale[i] * normal(next))));
}

interface Cell {
  b: number;
  t: number;
  i: number;
  v: number;
  pad: boolean;
}

interface Norm {
  out: number[][][];
  /** LN/RMS: one group per token; BN: one group per feature. */
  groups: { key: string; order: number; mean: number; std: number; pad: boolean; b: number; t: number }[];
}

function batchAt(real: number[][][], T: number): number[][][] {
  return real.map((seq) => Array.from({ length: T }, (_, t) => seq[t] ?? new Array<number>(D).fill(0)));
}

function normalise(x: number[][][], mode: Mode, masked: boolean): Norm {
  if (mode === "bn") {
    const stats = Array.from({ length: D }, (_, i) => {
      const column = x.flatMap((seq, b) => seq.filter((_, t) => !masked || t < LENGTHS[b]).map((tok) => tok[i]));
      const { mean, variance } = meanVar(column);
      return { key: `${i + 1}`, order: i, mean, std: Math.sqrt(variance), pad: false, b: 0, t: i };
    });
    const out = x.map((seq) => seq.map((tok) => tok.map((v, i) => (v - stats[i].mean) / Math.sqrt(stats[i].std ** 2 + EPS))));
    return { out, groups: stats };
  }
  const groups: Norm["groups"] = [];
  const out = x.map((seq, b) =>
    seq.map((tok, t) => {
      const pad = t >= LENGTHS[b];
      const key = `${b + 1}·${t + 1}`;
      const order = groups.length;
      if (mode === "ln") {
        const { mean, variance } = meanVar(tok);
        groups.push({ key, order, mean, std: Math.sqrt(variance), pad, b, t });
        return tok.map((v) => (v - mean) / Math.sqrt(variance + EPS));
      }
      const rms = Math.sqrt(tok.reduce((s, v) => s + v * v, 0) / tok.length);
      groups.push({ key, order, mean: rms, std: 0, pad, b, t });
      return tok.map((v) => v / Math.sqrt(rms * rms + EPS));
    }),
  );
  return { out, groups };
}

const cellsOf = (x: number[][][]): Cell[] => x.flatMap((seq, b) => seq.flatMap((tok, t) => tok.map((v, i) => ({ b, t, i, v, pad: t >= LENGTHS[b] }))));

// ---- the figure ---------------------------------------------------------------------------

type Words = (typeof T)[Lang];
type Group = Norm["groups"][number];

/** One heatmap per figure, with its width pinned so that two fit side by side on a wide screen. */
function batchHeatmap(cells: Cell[], title: string, subtitle: string, len: number, t: Words) {
  const full = chartWidth();
  const width = full >= 600 ? Math.floor((full - 12) / 2) : full;
  const seqLabel = (b: number) => `${t.seqShort} ${b + 1} (${LENGTHS[b]})`;
  const fig = Plot.plot({
    width,
    height: 330,
    marginLeft: 70,
    marginRight: 8,
    title,
    subtitle,
    x: { label: t.pos, domain: Array.from({ length: len }, (_, k) => k + 1), tickFormat: (d: number) => (d % 4 === 1 ? String(d) : "") },
    y: { axis: null, domain: Array.from({ length: D }, (_, k) => k + 1) },
    fy: { axis: "left", label: null, tickFormat: seqLabel, padding: 0.15 },
    color: COLOR,
    marks: [
      Plot.cell(cells, { x: (d: Cell) => d.t + 1, y: (d: Cell) => d.i + 1, fy: "b", fill: "v", inset: 0.5, tip: true }),
      Plot.dot(
        cells.filter((c) => c.pad),
        { x: (d: Cell) => d.t + 1, y: (d: Cell) => d.i + 1, fy: "b", symbol: "times", r: 2, stroke: "gray", strokeWidth: 1.2 },
      ),
    ],
  });
  fig.style.width = `${width}px`;
  fig.style.flex = "0 0 auto";
  return fig;
}

/** What the norm averages over, at this length: each group's mean ± std, padding in grey. */
function statsChart(now: Norm, x: number[][][], m: Mode, masked: boolean, len: number, t: Words) {
  const pads = LENGTHS.reduce((s, l) => s + len - l, 0);
  const withoutPads = m === "bn" && !masked ? normalise(x, "bn", true).groups : [];
  return Plot.plot({
    width: chartWidth(),
    height: 220,
    marginLeft: 44,
    title: m === "rms" ? t.statsRms(len, pads) : t.stats(len, pads),
    x: {
      label: m === "bn" ? t.feature : t.token,
      domain: now.groups.map((g) => g.key),
      tickFormat: m === "bn" ? undefined : (k: string) => (k.endsWith("·1") ? k : ""),
    },
    y: { label: t.value, grid: true, domain: [-3.5, 3.5] },
    color: { domain: [t.real, t.pad, t.withoutPads], range: ["steelblue", "gray", "darkorange"], legend: true },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleX(now.groups, {
        x: "key",
        y1: (g: Group) => g.mean - g.std,
        y2: (g: Group) => g.mean + g.std,
        stroke: (g: Group) => (g.pad ? t.pad : t.real),
        strokeWidth: 2,
      }),
      Plot.dot(now.groups, { x: "key", y: "mean", fill: (g: Group) => (g.pad ? t.pad : t.real), r: 3.5, tip: true }),
      Plot.dot(withoutPads, { x: "key", y: "mean", stroke: () => t.withoutPads, r: 6, strokeWidth: 2 }),
    ],
  });
}

/** The same statistics as the padded length grows: LayerNorm's stay put, BatchNorm's drift. */
function trendChart(real: number[][][], m: Mode, masked: boolean, len: number, t: Words) {
  const trend: { T: number; group: string; value: number }[] = [];
  for (let L = T_MIN; L <= T_MAX; L++) {
    const g = normalise(batchAt(real, L), m, masked).groups.filter((s) => !s.pad);
    for (const s of g) trend.push({ T: L, group: s.key, value: s.mean });
  }
  const first = new Map(trend.filter((d) => d.T === T_MIN).map((d) => [d.group, d.value]));
  const shift = Math.max(...trend.map((d) => Math.abs(d.value - (first.get(d.group) ?? d.value))));
  return Plot.plot({
    width: chartWidth(),
    height: 220,
    marginLeft: 44,
    title: t.trendTitle(shift),
    x: { label: t.length, domain: [T_MIN, T_MAX] },
    y: { label: t.trend[m], grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.line(trend, { x: "T", y: "value", z: "group", stroke: m === "bn" ? "darkorange" : "steelblue", strokeOpacity: 0.8, tip: true }),
      Plot.ruleX([len], { stroke: "currentColor", strokeDasharray: "3,3" }),
      Plot.dot(
        trend.filter((d) => d.T === len),
        { x: "T", y: "value", fill: m === "bn" ? "darkorange" : "steelblue", r: 3 },
      ),
    ],
  });
}

export default function lnVsBn({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("ln-vs-bn", t.caption);
  const length = Inputs.range([T_MIN, T_MAX], { value: 8, step: 1, label: t.length });
  const mode = Inputs.select(["ln", "bn", "rms"] as Mode[], { value: "bn", label: t.mode, format: (m) => t[m] });
  const masked = Inputs.toggle({ label: t.masked, value: false });
  root.append(length, mode, masked);
  const heatmaps = slot(root);
  const charts = slot(root);
  const real = realTokens();

  const render = () => {
    const len = length.value;
    const m = mode.value;
    const x = batchAt(real, len);
    const now = normalise(x, m, masked.value);
    const base = normalise(batchAt(real, T_MIN), m, masked.value);
    // How far the real tokens' outputs moved from the unpadded batch's.
    let moved = 0;
    real.forEach((seq, b) => {
      seq.forEach((tok, p) => {
        tok.forEach((_, i) => {
          moved = Math.max(moved, Math.abs(now.out[b][p][i] - base.out[b][p][i]));
        });
      });
    });
    const pair = sideBySide(
      12,
      batchHeatmap(cellsOf(x), t.input, t.inputSub, len, t),
      batchHeatmap(cellsOf(now.out), t.output(t.short[m]), t.outputSub(moved), len, t),
    );
    heatmaps(el("div", {}, Plot.legend({ color: { ...COLOR, label: t.value } }), pair));
    charts(el("div", {}, statsChart(now, x, m, masked.value, len, t), trendChart(real, m, masked.value, len, t)));
  };
  length.addEventListener("input", render);
  mode.addEventListener("input", render);
  masked.addEventListener("input", render);
  render();
  return root;
}
