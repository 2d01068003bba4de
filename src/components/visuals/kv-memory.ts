/**
 * Topic 38: the KV cache of multi-head, grouped-query and multi-query attention for a model
 * shape, context length, batch and number format. The bytes are closed-form
 * (math/kv-memory.ts); the bars compare the three layouts at the chosen shape, the curves show
 * how each grows with the context length, against one 80 GB accelerator.
 */
import * as Plot from "@observablehq/plot";
import * as Inputs from "@observablehq/inputs";
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
    caption: "Pick a model shape, a context length, a batch and a number format: how many bytes the KV cache takes with multi-head, grouped-query and multi-query attention.",
    preset: "start from",
    presets: { "llama2-7b": "Llama 2 7B shape (MHA, 32 layers, 32 heads)", "mistral-7b": "Mistral 7B shape (GQA, 8 KV heads)", "llama2-70b": "Llama 2 70B shape (GQA, 80 layers, 8 of 64)" } as Record<string, string>,
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
    presets: { "llama2-7b": "Llama 2 7B 的形状（MHA，32 层，32 个头）", "mistral-7b": "Mistral 7B 的形状（GQA，8 个 KV 头）", "llama2-70b": "Llama 2 70B 的形状（GQA，80 层，64 个头中 8 个 KV 头）" } as Record<string, string>,
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

function fraction(x: number): string {
  return x === 1 ? "100%" : `1/${Math.round(1 / x)}`;
}

export default function kvMemory({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("kv-memory", t.caption);
  const first = PRESETS[0];
  const preset = Inputs.select(PRESETS.map((p) => p.id), { value: first.id, label: t.preset, format: (id: string) => t.presets[id] }) as Control<string>;
  const layers = Inputs.range([1, 128], { value: first.layers, step: 1, label: t.layers }) as Control<number>;
  const heads = Inputs.select(HEADS, { value: first.heads, label: t.heads }) as Control<number>;
  const dHead = Inputs.select(D_HEADS, { value: first.dHead, label: t.dHead }) as Control<number>;
  const seqLen = Inputs.select(SEQ_LENS, { value: 4096, label: t.seqLen, format: (n: number) => n.toLocaleString("en-US") }) as Control<number>;
  const batch = Inputs.range([1, 256], { value: 1, step: 1, label: t.batch }) as Control<number>;
  const dtype = Inputs.select(DTYPES.map((d) => d.bytes), { value: 2, label: t.dtype, format: (b: number) => DTYPES.find((d) => d.bytes === b)!.id }) as Control<number>;
  // The KV-head choices depend on the number of query heads (they must divide it), so this
  // control is rebuilt whenever h changes.
  const kvHolder = document.createElement("div");
  let kvHeads = Inputs.select(kvHeadOptions(first.heads), { value: first.kvHeads, label: t.kvHeads }) as Control<number>;
  const rebuildKvHeads = (want: number) => {
    const options = kvHeadOptions(heads.value);
    const value = options.includes(want) ? want : options[options.length - 1];
    kvHeads = Inputs.select(options, { value, label: t.kvHeads }) as Control<number>;
    kvHeads.addEventListener("input", render);
    kvHolder.replaceChildren(kvHeads);
  };
  root.append(preset, layers, heads, kvHolder, dHead, seqLen, batch, dtype);
  const readout = document.createElement("p");
  readout.className = "visual-readout";
  root.append(readout);
  const bars = slot(root);
  const curves = slot(root);

  const shape = (g: number, n = seqLen.value): CacheShape => ({ layers: layers.value, heads: heads.value, kvHeads: g, dHead: dHead.value, seqLen: n, batch: batch.value, bytesPerValue: dtype.value });

  function render() {
    const h = heads.value;
    const g = kvHeads.value;
    const layouts = [...new Set([h, g, 1])].sort((a, b) => b - a);
    const name = (k: number) => t.layout(k, h) + (k === g ? ` — ${t.chosen}` : "");
    const total = kvCacheBytes(shape(g));
    readout.textContent = t.readout({
      layout: t.layout(g, h),
      group: h / g,
      perToken: formatBytes(bytesPerToken(shape(g))),
      layers: layers.value,
      g,
      dHead: dHead.value,
      bytes: dtype.value,
      batch: batch.value,
      seqLen: seqLen.value,
      total: formatBytes(total),
      vsMha: fraction(g / h),
      fit: maxBatch(shape(g), GPU_BYTES),
      params: kvProjectionParams({ heads: h, kvHeads: g, dHead: dHead.value }).toLocaleString("en-US"),
    });
    const w = chartWidth();
    // One colour per layout in both charts: MHA red, GQA blue, MQA green.
    const colorOf = (k: number) => (k === h ? "#e15759" : k === 1 ? "#59a14f" : "steelblue");
    const barData = layouts.map((k) => ({ layout: name(k), gib: kvCacheBytes(shape(k)) / GIB, color: colorOf(k), chosen: k === g }));
    bars(
      Plot.plot({
        width: w,
        height: 40 + 44 * layouts.length,
        marginLeft: 8,
        marginRight: 16,
        x: { label: t.gib, grid: true, nice: true },
        y: { label: null, axis: null, domain: barData.map((d) => d.layout) },
        marks: [
          Plot.barX(barData, { y: "layout", x: "gib", fill: "color", fillOpacity: (d: { chosen: boolean }) => (d.chosen ? 1 : 0.45), insetTop: 16, tip: true }),
          Plot.text(barData, { y: "layout", x: 0, text: (d: { layout: string; gib: number }) => `${d.layout}: ${formatBytes(d.gib * GIB)}`, textAnchor: "start", dy: -12, fill: "currentColor" }),
          Plot.ruleX([GPU_BYTES / GIB], { stroke: "firebrick", strokeDasharray: "4,3" }),
          Plot.text([GPU_BYTES / GIB], { x: (d: number) => d, frameAnchor: "bottom", text: () => t.gpu, textAnchor: "end", dx: -4, dy: -2, fill: "firebrick" }),
          Plot.ruleX([0]),
        ],
      }),
    );
    const series = layouts.flatMap((k) => SEQ_LENS.map((n) => ({ n, gib: kvCacheBytes(shape(k, n)) / GIB, layout: t.layout(k, h) })));
    curves(
      Plot.plot({
        width: w,
        height: 240,
        marginLeft: 56,
        x: { type: "log", base: 2, label: t.ctx, tickFormat: (n: number) => (n >= 1024 ? `${n / 1024}k` : String(n)) },
        y: { type: "log", label: t.gib, grid: true, tickFormat: "~g" },
        color: { legend: true, domain: layouts.map((k) => t.layout(k, h)), range: layouts.map(colorOf) },
        marks: [
          Plot.line(series, { x: "n", y: "gib", stroke: "layout", strokeWidth: 2, tip: true }),
          Plot.dot(series.filter((d) => d.n === seqLen.value), { x: "n", y: "gib", fill: "layout", r: 4 }),
          Plot.ruleY([GPU_BYTES / GIB], { stroke: "firebrick", strokeDasharray: "4,3" }),
          Plot.text([GPU_BYTES / GIB], { y: (v: number) => v, frameAnchor: "left", text: () => t.gpu, dy: -7, dx: 4, textAnchor: "start", fill: "firebrick" }),
        ],
      }),
    );
  }

  preset.addEventListener("input", () => {
    const p = PRESETS.find((x) => x.id === preset.value)!;
    layers.value = p.layers;
    heads.value = p.heads;
    dHead.value = p.dHead;
    rebuildKvHeads(p.kvHeads);
    render();
  });
  heads.addEventListener("input", () => {
    rebuildKvHeads(kvHeads.value);
    render();
  });
  for (const c of [layers, dHead, seqLen, batch, dtype]) c.addEventListener("input", render);
  rebuildKvHeads(first.kvHeads);
  render();
  return root;
}
