/**
 * Topic 12: autoregressive decoding with and without a KV cache.
 * A 4-token prompt is prefilled in one parallel pass (step 0), then one token is generated per
 * step up to 20 positions. For the chosen step the two heatmaps show which cells of the causal
 * attention matrix (query i, key j ≤ i) and which K, V vectors are computed at that step.
 * FLOPs per layer (2 per multiply–add; only the unmasked cells counted):
 *   linear work per token  lin = 2·(d² [Q] + 2·d·d_kv [K, V] + d² [O] + 8d² [FFN]),
 *   attention of a query at position i  4·i·d  (scores + weighted sum, all query heads),
 *   with the cache, step t: lin + 4td;  without, step t: t·lin + Σ_{i≤t} 4id  (the prefix again).
 * KV cache: 2 · layers · n · d_kv · 2 bytes (float16) per sequence. Closed-form: the same on every load.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";

const PROMPT = 4;
const MAX_POS = 20;
const STEPS = MAX_POS - PROMPT;
const LONG = 4096;
const BYTES = 2;
const GPU_BYTES = 80e9;

interface Model {
  id: string;
  layers: number;
  d: number;
  heads: number;
  kvHeads: number;
}
const MODELS: Model[] = [
  { id: "gpt2", layers: 12, d: 768, heads: 12, kvHeads: 12 },
  { id: "mha7", layers: 32, d: 4096, heads: 32, kvHeads: 32 },
  { id: "gqa7", layers: 32, d: 4096, heads: 32, kvHeads: 8 },
  { id: "gqa70", layers: 80, d: 8192, heads: 64, kvHeads: 8 },
];

type Cat = "now" | "redo" | "done" | "masked" | "cache";
const CATS: Cat[] = ["now", "redo", "done", "cache", "masked"];
const COLORS: Record<Cat, string> = { now: "#e15759", redo: "#f28e2b", done: "#76b7b2", cache: "#4e79a7", masked: "#bab0ac" };

const T = {
  en: {
    caption:
      "A 4-token prompt, then one generated token per step: which attention cells and which K, V vectors are computed at each step, with and without a KV cache.",
    step: "decoding step (0 = prefill)",
    model: "model",
    models: {
      gpt2: "GPT-2 small: 12 layers, d = 768, 12 heads",
      mha7: "7B-class: 32 layers, d = 4096, 32 heads (MHA)",
      gqa7: "7B-class with GQA: 32 layers, d = 4096, 8 KV heads",
      gqa70: "70B-class with GQA: 80 layers, d = 8192, 8 KV heads",
    } as Record<string, string>,
    cats: {
      now: "computed at this step (new)",
      redo: "recomputed at this step",
      done: "computed at an earlier step",
      cache: "K, V read from the cache",
      masked: "masked (future key)",
    } as Record<Cat, string>,
    withCache: "with KV cache",
    without: "without cache",
    query: "query position i",
    key: "key position j",
    kv: "K,V",
    cum: "cumulative FLOPs (all layers)",
    steps: "decoding step",
    mem: "KV cache of one sequence (bytes, float16)",
    ctx: "context length n",
    gpu: "80 GB",
    readout: (r: Readout) =>
      `${r.step === 0 ? `Prefill: the ${PROMPT} prompt tokens in one parallel pass, ${r.nowCells} attention cells.` : `Step ${r.step}: the new token is at position ${r.pos}. With the cache: ${r.withCells} cells and 1 new K, V; without: ${r.withoutCells} cells and ${r.pos} K, V vectors.`} ` +
      `Cumulative FLOPs so far: ${r.cumWith} vs ${r.cumWithout}. For ${r.long} tokens: ${r.longWith} vs ${r.longWithout} (${r.ratio}× more without a cache). ` +
      `KV cache: ${r.perToken} per token, ${r.atLong} per sequence at ${r.long} tokens.`,
  },
  zh: {
    caption: "先输入 4 个词元的提示词，之后每步生成一个词元：有无 KV 缓存时，每一步各要计算注意力矩阵的哪些格子、哪些 K、V 向量。",
    step: "解码步（0 = prefill）",
    model: "模型",
    models: {
      gpt2: "GPT-2 small：12 层，d = 768，12 个头",
      mha7: "7B 级：32 层，d = 4096，32 个头（MHA）",
      gqa7: "7B 级 + GQA：32 层，d = 4096，8 个 KV 头",
      gqa70: "70B 级 + GQA：80 层，d = 8192，8 个 KV 头",
    } as Record<string, string>,
    cats: {
      now: "本步新计算",
      redo: "本步重复计算",
      done: "之前各步已算过",
      cache: "从缓存读取的 K、V",
      masked: "被掩码屏蔽（未来的键）",
    } as Record<Cat, string>,
    withCache: "有 KV 缓存",
    without: "无缓存",
    query: "查询位置 i",
    key: "键位置 j",
    kv: "K,V",
    cum: "累计 FLOPs（所有层）",
    steps: "解码步",
    mem: "单条序列的 KV 缓存（字节，float16）",
    ctx: "上下文长度 n",
    gpu: "80 GB",
    readout: (r: Readout) =>
      `${r.step === 0 ? `Prefill：${PROMPT} 个提示词元一次并行处理，共 ${r.nowCells} 个注意力格子。` : `第 ${r.step} 步：新词元位于位置 ${r.pos}。有缓存：${r.withCells} 个格子、1 组新的 K、V；无缓存：${r.withoutCells} 个格子、${r.pos} 组 K、V。`}` +
      `到目前为止的累计 FLOPs：${r.cumWith} 对 ${r.cumWithout}。生成到 ${r.long} 个词元：${r.longWith} 对 ${r.longWithout}（无缓存多 ${r.ratio} 倍）。` +
      `KV 缓存：每个词元 ${r.perToken}，${r.long} 个词元时每条序列 ${r.atLong}。`,
  },
};

interface Readout {
  step: number;
  pos: number;
  nowCells: number;
  withCells: number;
  withoutCells: number;
  cumWith: string;
  cumWithout: string;
  long: string;
  longWith: string;
  longWithout: string;
  ratio: string;
  perToken: string;
  atLong: string;
}

/** Linear FLOPs per token per layer: Q, K, V, O projections and a 4d FFN. */
const linear = (m: Model) => {
  const dkv = (m.d / m.heads) * m.kvHeads;
  return 2 * (2 * m.d * m.d + 2 * m.d * dkv + 8 * m.d * m.d);
};
/** Causal attention FLOPs of all queries 1..t against their keys (scores + weighted sum). */
const prefixAttention = (t: number, d: number) => 2 * t * (t + 1) * d;

/** Cumulative FLOPs after each step 0..steps (step 0 = prefill of the prompt), both strategies. */
function cumulative(m: Model, steps: number): { withCache: number[]; without: number[] } {
  const lin = linear(m);
  const prefill = m.layers * (PROMPT * lin + prefixAttention(PROMPT, m.d));
  const withCache = [prefill];
  const without = [prefill];
  for (let s = 1; s <= steps; s++) {
    const t = PROMPT + s;
    withCache.push(withCache[s - 1] + m.layers * (lin + 4 * t * m.d));
    without.push(without[s - 1] + m.layers * (t * lin + prefixAttention(t, m.d)));
  }
  return { withCache, without };
}

function si(x: number): string {
  const prefixes = ["", "k", "M", "G", "T", "P", "E", "Z"];
  let i = 0;
  while (x >= 1000 && i < prefixes.length - 1) (x /= 1000), i++;
  return `${x.toPrecision(3)} ${prefixes[i]}FLOP`;
}

function bytes(b: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) (b /= 1024), i++;
  return `${Number(b.toPrecision(3))} ${units[i]}`;
}

const kvBytesPerToken = (m: Model) => 2 * m.layers * (m.d / m.heads) * m.kvHeads * BYTES;

/** Cells of one heatmap at a step: rows 1..MAX_POS are queries, the extra row holds the K, V vectors. */
function heatmap(step: number, cached: boolean): { i: string; j: number; c: Cat }[] {
  const t = PROMPT + step;
  const out: { i: string; j: number; c: Cat }[] = [];
  for (let i = 1; i <= t; i++) {
    for (let j = 1; j <= MAX_POS; j++) {
      let c: Cat;
      if (j > i) c = "masked";
      else if (step === 0 || i === t) c = "now";
      else c = cached ? "done" : "redo";
      out.push({ i: String(i), j, c });
    }
  }
  for (let j = 1; j <= t; j++) out.push({ i: "K,V", j, c: step === 0 || j === t ? "now" : cached ? "cache" : "redo" });
  return out;
}

type Words = (typeof T)[Lang];
// An empty band separates the K, V row from the query rows.
const Y_DOMAIN = [...Array.from({ length: MAX_POS }, (_, i) => String(i + 1)), "", "K,V"];
const catColor = (t: Words) => ({ domain: CATS.map((c) => t.cats[c]), range: CATS.map((c) => COLORS[c]), legend: true });

/** What attention computes at step s, with and without the cache, side by side where there is room. */
function attentionMaps(s: number, width: number, t: Words): HTMLElement {
  const side = width >= 560 ? Math.floor((width - 16) / 2) : width;
  const color = catColor(t);
  const panel = (cached: boolean) => {
    const cells = heatmap(s, cached).map((d) => ({ ...d, label: t.cats[d.c] }));
    return Plot.plot({
      width: side,
      height: side + 10,
      marginLeft: 36,
      marginBottom: 36,
      subtitle: cached ? t.withCache : t.without,
      x: { domain: Array.from({ length: MAX_POS }, (_, j) => j + 1), label: t.key, ticks: [1, 5, 10, 15, 20] },
      y: { domain: Y_DOMAIN, label: t.query, ticks: ["1", "5", "10", "15", "20", "K,V"] },
      color: { domain: color.domain, range: color.range },
      marks: [
        Plot.cell(cells, { x: "j", y: "i", fill: "label", fillOpacity: (d: { c: Cat }) => (d.c === "masked" ? 0.35 : 1), inset: 0.5, tip: true }),
        Plot.frame({ stroke: "currentColor", strokeOpacity: 0.3 }),
      ],
    });
  };
  return el("div", {}, Plot.legend({ color: { type: "ordinal", ...color } }), sideBySide(16, panel(true), panel(false)));
}

function readoutText(m: Model, s: number, t: Words): string {
  const pos = PROMPT + s;
  const cum = cumulative(m, STEPS);
  const longCum = cumulative(m, LONG - PROMPT);
  const longWith = longCum.withCache[LONG - PROMPT];
  const longWithout = longCum.without[LONG - PROMPT];
  return t.readout({
    step: s,
    pos,
    nowCells: prefixCells(PROMPT),
    withCells: pos,
    withoutCells: prefixCells(pos),
    cumWith: si(cum.withCache[s]),
    cumWithout: si(cum.without[s]),
    long: LONG.toLocaleString("en-US"),
    longWith: si(longWith),
    longWithout: si(longWithout),
    ratio: Math.round(longWithout / longWith).toLocaleString("en-US"),
    perToken: bytes(kvBytesPerToken(m)),
    atLong: bytes(kvBytesPerToken(m) * LONG),
  });
}

/** Cumulative attention work over the generation, with and without the cache, step s marked. */
function flopsChart(m: Model, s: number, width: number, t: Words) {
  const cum = cumulative(m, STEPS);
  const series = [...cum.withCache.map((v, k) => ({ s: k, v, strategy: t.withCache })), ...cum.without.map((v, k) => ({ s: k, v, strategy: t.without }))];
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 60,
    x: { label: t.steps, domain: [0, STEPS] },
    y: { label: t.cum, grid: true, tickFormat: "~s" },
    color: { domain: [t.withCache, t.without], range: [COLORS.cache, COLORS.redo], legend: true },
    marks: [
      Plot.line(series, { x: "s", y: "v", stroke: "strategy", strokeWidth: 2, marker: "circle-stroke" }),
      Plot.ruleX([s], { stroke: "currentColor", strokeDasharray: "3,3" }),
      Plot.dot(
        series.filter((d) => d.s === s),
        { x: "s", y: "v", fill: "strategy", r: 5, tip: true },
      ),
    ],
  });
}

/** The cache's memory against context length for every model, the chosen one bold, one GPU's memory ruled. */
function memoryChart(m: Model, width: number, t: Words) {
  const ns = Array.from({ length: 18 * 4 + 1 }, (_, k) => 2 ** (k / 4));
  const mem = MODELS.flatMap((x) => ns.map((n) => ({ n, b: kvBytesPerToken(x) * n, model: t.models[x.id], chosen: x.id === m.id })));
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 60,
    x: { type: "log", label: t.ctx, tickFormat: "~s" },
    y: { type: "log", label: t.mem, grid: true, tickFormat: "~s" },
    color: { domain: MODELS.map((x) => t.models[x.id]), scheme: "tableau10", legend: true },
    marks: [
      Plot.ruleY([GPU_BYTES], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.text([GPU_BYTES], { y: (v: number) => v, text: () => t.gpu, frameAnchor: "left", dx: 4, dy: -7, fill: "currentColor" }),
      Plot.line(
        mem.filter((d) => !d.chosen),
        { x: "n", y: "b", stroke: "model", strokeWidth: 1, strokeOpacity: 0.5 },
      ),
      Plot.line(
        mem.filter((d) => d.chosen),
        { x: "n", y: "b", stroke: "model", strokeWidth: 3 },
      ),
      Plot.ruleX([LONG], { stroke: "currentColor", strokeDasharray: "3,3" }),
      Plot.dot([{ n: LONG, b: kvBytesPerToken(m) * LONG }], { x: "n", y: "b", fill: "currentColor", r: 4, title: (d: { b: number }) => bytes(d.b) }),
    ],
  });
}

export default function kvCache({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("kv-cache", t.caption);
  const step = Inputs.range([0, STEPS], { value: 6, step: 1, label: t.step });
  const model = Inputs.select(
    MODELS.map((m) => m.id),
    { value: "mha7", label: t.model, format: (id: string) => t.models[id] },
  );
  const readout = el("p", { class: "visual-readout" });
  root.append(step, model, readout);
  const maps = slot(root);
  const flops = slot(root);
  const memory = slot(root);

  const render = () => {
    const s = step.value;
    const m = MODELS.find((x) => x.id === model.value)!;
    const w = chartWidth();
    maps(attentionMaps(s, w, t));
    readout.textContent = readoutText(m, s, t);
    flops(flopsChart(m, s, w, t));
    memory(memoryChart(m, w, t));
  };
  step.addEventListener("input", render);
  model.addEventListener("input", render);
  render();
  return root;
}

/** Unmasked cells of a causal t × t attention matrix. */
function prefixCells(t: number): number {
  return (t * (t + 1)) / 2;
}
