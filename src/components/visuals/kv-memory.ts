/**
 * Topic 38: the KV cache of multi-head, grouped-query and multi-query attention for a model
 * shape, context length, batch and number format. The bytes are closed-form
 * (math/kv-memory.ts); the bars compare the three layouts at the chosen shape, the curves show
 * how each grows with the context length, against one 80 GB accelerator.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { DTYPES, bytesPerToken, formatBytes, kvCacheBytes, kvHeadOptions, kvProjectionParams, maxBatch, type CacheShape } from "./math/kv-memory.js";

const GIB = 2 ** 30;
const GPU_BYTES = 80e9;
const SEQ_LENS = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072];
const HEADS = [8, 12, 16, 32, 40, 48, 64, 96, 128];
const D_HEADS = [64, 80, 96, 128, 256];

interface Preset {
  id: string;
  layers: number;
  heads: number;
  kvHeads: number;
  dHead: number;
}
// Shapes of published models (their papers' hyper-parameter tables), so the numbers can be checked.
const PRESETS: Preset[] = [
  { id: "llama2-7b", layers: 32, heads: 32, kvHeads: 32, dHead: 128 },
  { id: "mistral-7b", layers: 32, heads: 32, kvHeads: 8, dHead: 128 },
  { id: "llama2-70b", layers: 80, heads: 64, kvHeads: 8, dHead: 128 },
];

const T = {
  en: {
    caption:
      "Pick a model shape, a context length, a batch and a number format: how many bytes the KV cache takes with multi-head, grouped-query and multi-query attention.",
    preset: "start from",
    presets: {
      "llama2-7b": "Llama 2 7B shape (MHA, 32 layers, 32 heads)",
      "mistral-7b": "Mistral 7B shape (GQA, 8 KV heads)",
      "llama2-70b": "Llama 2 70B shape (GQA, 80 layers, 8 of 64)",
    } as Record<string, string>,
    layers: "layers",
    heads: "query heads h",
    kvHeads: "KV heads g",
    dHead: "head width d_head",
    seqLen: "context length n",
    batch: "batch (sequences)",
    dtype: "cache format",
    layout: (g: number, h: number) => (g === h ? `MHA (${g} KV heads)` : g === 1 ? "MQA (1 KV head)" : `GQA (${g} KV heads)`),
    chosen: "your choice",
    gib: "KV cache (GiB)",
    gpu: "one 80 GB GPU",
    ctx: "context length n (tokens)",
    readout: (r: Readout) =>
      `${r.layout}: ${r.group} query head${r.group === 1 ? "" : "s"} per KV head. Per token: ${r.perToken} (2 · ${r.layers} layers · ${r.g} · ${r.dHead} · ${r.bytes} B). ` +
      `Whole cache for ${r.batch} × ${r.seqLen} tokens: ${r.total}, ${r.vsMha} of the MHA cache. ` +
      `An 80 GB GPU holds the cache of ${r.fit} such sequences (before the weights). W_K and W_V: ${r.params} parameters per layer.`,
  },
  zh: {
    caption: "选择模型形状、上下文长度、批大小和数值格式：看多头、分组查询、多查询注意力下 KV 缓存各占多少字节。",
    preset: "起点",
    presets: {
      "llama2-7b": "Llama 2 7B 的形状（MHA，32 层，32 个头）",
      "mistral-7b": "Mistral 7B 的形状（GQA，8 个 KV 头）",
      "llama2-70b": "Llama 2 70B 的形状（GQA，80 层，64 个头中 8 个 KV 头）",
    } as Record<string, string>,
    layers: "层数",
    heads: "查询头数 h",
    kvHeads: "KV 头数 g",
    dHead: "头宽 d_head",
    seqLen: "上下文长度 n",
    batch: "批大小（序列数）",
    dtype: "缓存格式",
    layout: (g: number, h: number) => (g === h ? `MHA（${g} 个 KV 头）` : g === 1 ? "MQA（1 个 KV 头）" : `GQA（${g} 个 KV 头）`),
    chosen: "当前选择",
    gib: "KV 缓存（GiB）",
    gpu: "一块 80 GB GPU",
    ctx: "上下文长度 n（词元）",
    readout: (r: Readout) =>
      `${r.layout}：每个 KV 头服务 ${r.group} 个查询头。每个词元：${r.perToken}（2 · ${r.layers} 层 · ${r.g} · ${r.dHead} · ${r.bytes} B）。` +
      `${r.batch} 条 × ${r.seqLen} 个词元的整个缓存：${r.total}，是 MHA 缓存的 ${r.vsMha}。` +
      `一块 80 GB GPU 能放下 ${r.fit} 条这样的序列的缓存（不算权重）。W_K 与 W_V 每层共 ${r.params} 个参数。`,
  },
};

interface Readout {
  layout: string;
  group: number;
  perToken: string;
  layers: number;
  g: number;
  dHead: number;
  bytes: number;
  batch: number;
  seqLen: number;
  total: string;
  vsMha: string;
  fit: number;
  params: string;
}

type Control<V> = HTMLElement & { value: V };
type Text = (typeof T)["en"];

function fraction(x: number): string {
  return x === 1 ? "100%" : `1/${Math.round(1 / x)}`;
}

/** What the controls say, as plain numbers. */
interface Settings {
  layers: number;
  heads: number;
  kvHeads: number;
  dHead: number;
  seqLen: number;
  batch: number;
  bytesPerValue: number;
}

/** The cache at the settings, or with another number of KV heads or context length. */
function shapeOf(s: Settings, kvHeads = s.kvHeads, seqLen = s.seqLen): CacheShape {
  return { layers: s.layers, heads: s.heads, kvHeads, dHead: s.dHead, seqLen, batch: s.batch, bytesPerValue: s.bytesPerValue };
}

/** The layouts compared: MHA (g = h), the chosen g and MQA (g = 1), most KV heads first. */
const layoutsOf = (s: Settings) => [...new Set([s.heads, s.kvHeads, 1])].sort((a, b) => b - a);
// One colour per layout in both charts: MHA red, GQA blue, MQA green.
const colorOf = (k: number, h: number) => (k === h ? "#e15759" : k === 1 ? "#59a14f" : "steelblue");

function readoutText(t: Text, s: Settings): string {
  const [h, g] = [s.heads, s.kvHeads];
  return t.readout({
    layout: t.layout(g, h),
    group: h / g,
    perToken: formatBytes(bytesPerToken(shapeOf(s))),
    layers: s.layers,
    g,
    dHead: s.dHead,
    bytes: s.bytesPerValue,
    batch: s.batch,
    seqLen: s.seqLen,
    total: formatBytes(kvCacheBytes(shapeOf(s))),
    vsMha: fraction(g / h),
    fit: maxBatch(shapeOf(s), GPU_BYTES),
    params: kvProjectionParams({ heads: h, kvHeads: g, dHead: s.dHead }).toLocaleString("en-US"),
  });
}

/** One bar per layout at the chosen shape, against one 80 GB GPU. */
function barsChart(t: Text, s: Settings, width: number) {
  const layouts = layoutsOf(s);
  const name = (k: number) => t.layout(k, s.heads) + (k === s.kvHeads ? ` — ${t.chosen}` : "");
  const barData = layouts.map((k) => ({ layout: name(k), gib: kvCacheBytes(shapeOf(s, k)) / GIB, color: colorOf(k, s.heads), chosen: k === s.kvHeads }));
  return Plot.plot({
    width,
    height: 40 + 44 * layouts.length,
    marginLeft: 8,
    marginRight: 16,
    x: { label: t.gib, grid: true, nice: true },
    y: { label: null, axis: null, domain: barData.map((d) => d.layout) },
    marks: [
      Plot.barX(barData, { y: "layout", x: "gib", fill: "color", fillOpacity: (d: { chosen: boolean }) => (d.chosen ? 1 : 0.45), insetTop: 16, tip: true }),
      Plot.text(barData, {
        y: "layout",
        x: 0,
        text: (d: { layout: string; gib: number }) => `${d.layout}: ${formatBytes(d.gib * GIB)}`,
        textAnchor: "start",
        dy: -12,
        fill: "currentColor",
      }),
      Plot.ruleX([GPU_BYTES / GIB], { stroke: "firebrick", strokeDasharray: "4,3" }),
      Plot.text([GPU_BYTES / GIB], { x: (d: number) => d, frameAnchor: "bottom", text: () => t.gpu, textAnchor: "end", dx: -4, dy: -2, fill: "firebrick" }),
      Plot.ruleX([0]),
    ],
  });
}

/** Each layout's cache over the context lengths, the chosen length marked. */
function curvesChart(t: Text, s: Settings, width: number) {
  const layouts = layoutsOf(s);
  const series = layouts.flatMap((k) => SEQ_LENS.map((n) => ({ n, gib: kvCacheBytes(shapeOf(s, k, n)) / GIB, layout: t.layout(k, s.heads) })));
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 56,
    x: { type: "log", base: 2, label: t.ctx, tickFormat: (n: number) => (n >= 1024 ? `${n / 1024}k` : String(n)) },
    y: { type: "log", label: t.gib, grid: true, tickFormat: "~g" },
    color: { legend: true, domain: layouts.map((k) => t.layout(k, s.heads)), range: layouts.map((k) => colorOf(k, s.heads)) },
    marks: [
      Plot.line(series, { x: "n", y: "gib", stroke: "layout", strokeWidth: 2, tip: true }),
      Plot.dot(
        series.filter((d) => d.n === s.seqLen),
        { x: "n", y: "gib", fill: "layout", r: 4 },
      ),
      Plot.ruleY([GPU_BYTES / GIB], { stroke: "firebrick", strokeDasharray: "4,3" }),
      Plot.text([GPU_BYTES / GIB], { y: (v: number) => v, frameAnchor: "left", text: () => t.gpu, dy: -7, dx: 4, textAnchor: "start", fill: "firebrick" }),
    ],
  });
}

/**
 * The KV-head select: its choices must divide the number of query heads, so it is rebuilt
 * (keeping the wanted value where it still divides h, else the largest choice) whenever h changes.
 */
function kvHeadsControl(label: string, onInput: () => void) {
  const holder = document.createElement("div");
  let select: Control<number> | null = null;
  return {
    holder,
    value: () => select!.value,
    rebuild(heads: number, want: number) {
      const options = kvHeadOptions(heads);
      const value = options.includes(want) ? want : options[options.length - 1];
      select = Inputs.select(options, { value, label }) as Control<number>;
      select.addEventListener("input", onInput);
      holder.replaceChildren(select);
    },
  };
}

function makeControls(t: Text, onInput: () => void) {
  const first = PRESETS[0];
  return {
    preset: Inputs.select(
      PRESETS.map((p) => p.id),
      { value: first.id, label: t.preset, format: (id: string) => t.presets[id] },
    ) as Control<string>,
    layers: Inputs.range([1, 128], { value: first.layers, step: 1, label: t.layers }) as Control<number>,
    heads: Inputs.select(HEADS, { value: first.heads, label: t.heads }) as Control<number>,
    kvHeads: kvHeadsControl(t.kvHeads, onInput),
    dHead: Inputs.select(D_HEADS, { value: first.dHead, label: t.dHead }) as Control<number>,
    seqLen: Inputs.select(SEQ_LENS, { value: 4096, label: t.seqLen, format: (n: number) => n.toLocaleString("en-US") }) as Control<number>,
    batch: Inputs.range([1, 256], { value: 1, step: 1, label: t.batch }) as Control<number>,
    dtype: Inputs.select(
      DTYPES.map((d) => d.bytes),
      { value: 2, label: t.dtype, format: (b: number) => DTYPES.find((d) => d.bytes === b)!.id },
    ) as Control<number>,
  };
}
type Controls = ReturnType<typeof makeControls>;

function settingsOf(c: Controls): Settings {
  return {
    layers: c.layers.value,
    heads: c.heads.value,
    kvHeads: c.kvHeads.value(),
    dHead: c.dHead.value,
    seqLen: c.seqLen.value,
    batch: c.batch.value,
    bytesPerValue: c.dtype.value,
  };
}

/** A preset sets the shape; a new h rebuilds the KV-head choices; every change redraws. */
function wireControls(c: Controls, render: () => void): void {
  c.preset.addEventListener("input", () => {
    const p = PRESETS.find((x) => x.id === c.preset.value)!;
    c.layers.value = p.layers;
    c.heads.value = p.heads;
    c.dHead.value = p.dHead;
    c.kvHeads.rebuild(c.heads.value, p.kvHeads);
    render();
  });
  c.heads.addEventListener("input", () => {
    c.kvHeads.rebuild(c.heads.value, c.kvHeads.value());
    render();
  });
  for (const x of [c.layers, c.dHead, c.seqLen, c.batch, c.dtype]) x.addEventListener("input", render);
}

export default function kvMemory({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("kv-memory", t.caption);
  const controls = makeControls(t, () => render());
  root.append(controls.preset, controls.layers, controls.heads, controls.kvHeads.holder, controls.dHead, controls.seqLen, controls.batch, controls.dtype);
  const readout = document.createElement("p");
  readout.className = "visual-readout";
  root.append(readout);
  const bars = slot(root);
  const curves = slot(root);

  function render() {
    const s = settingsOf(controls);
    readout.textContent = readoutText(t, s);
    const w = chartWidth();
    bars(barsChart(t, s, w));
    curves(curvesChart(t, s, w));
  }

  wireControls(controls, render);
  controls.kvHeads.rebuild(controls.heads.value, PRESETS[0].kvHeads);
  render();
  return root;
}
