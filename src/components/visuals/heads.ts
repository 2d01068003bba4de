/**
 * Topics 16 and 25: one set of projections W_Q, W_K ∈ ℝ^{32×32} cut into h heads of
 * d_k = 32/h columns each, exactly as multi-head attention does. The seeded weights are random
 * plus four planted relations, one per block of 8 columns: previous token, next token
 * (positional), verb → its subject and pronoun → its antecedent (content). With h = 4 each
 * head holds one relation; with h = 1 every relation's score is summed into one softmax; with
 * h ≥ 8 a relation is cut across heads. The parameter and FLOP counts do not depend on h.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { matmul, randomMatrix, scale, softmaxRows, transpose, type Matrix } from "./_math.js";

const N = 8;
const D = 32;
const HEADS = [1, 2, 4, 8, 16, 32];
const A = 4; // strength of a planted relation: its score in a head of width 8 is A²/√8 ≈ 5.7

// Features of each token: position one-hot in columns 0–7, then noun, verb, pronoun, animate.
const NOUN = 8;
const VERB = 9;
const PRONOUN = 10;
const ANIMATE = 11;

const SENTENCES = {
  en: { tokens: ["the", "cat", "sat", "on", "the", "mat", "because", "it"], nouns: [1, 5], verb: 2, pronoun: 7, animate: [1] },
  zh: { tokens: ["那只", "猫", "坐", "在", "垫子", "上", "因为", "它"], nouns: [1, 4], verb: 2, pronoun: 7, animate: [1] },
};

function embeddings(lang: Lang): Matrix {
  const s = SENTENCES[lang];
  const x = randomMatrix(N, D, 1601, 0.5); // columns 12–31: random content
  return x.map((row, t) =>
    row.map((v, c) => {
      if (c < N) return c === t ? 1 : 0;
      if (c === NOUN) return s.nouns.includes(t) ? 1 : 0;
      if (c === VERB) return s.verb === t ? 1 : 0;
      if (c === PRONOUN) return s.pronoun === t ? 1 : 0;
      if (c === ANIMATE) return s.animate.includes(t) ? 1 : 0;
      return v;
    }),
  );
}

/** W_Q, W_K: small random entries plus the four relations, one per block of 8 output columns. */
function projections(): { wq: Matrix; wk: Matrix } {
  const wq = randomMatrix(D, D, 1602, 0.1);
  const wk = randomMatrix(D, D, 1603, 0.1);
  for (let p = 0; p < N; p++) {
    // Block 0 (columns 0–7): query p matches key p − 1.
    wq[p][p] += A;
    if (p + 1 < N) wk[p][p + 1] += A;
    // Block 1 (columns 8–15): query p matches key p + 1.
    wq[p][8 + p] += A;
    if (p > 0) wk[p][8 + p - 1] += A;
  }
  // Block 2 (columns 16–23): a verb looks for an animate noun.
  wq[VERB][16] += A;
  wk[ANIMATE][16] += A;
  wk[NOUN][17] += A * 0.5;
  wq[VERB][17] += A * 0.5;
  // Block 3 (columns 24–31): a pronoun looks for a noun, preferably an animate one.
  wq[PRONOUN][24] += A;
  wk[NOUN][24] += A * 0.6;
  wk[ANIMATE][24] += A * 0.6;
  return { wq, wk };
}

const { wq: W_Q, wk: W_K } = projections();

/** Attention weights of every head: softmax((X W_Q^i)(X W_K^i)ᵀ / √(d/h)), W^i = columns i·d/h … (i+1)·d/h − 1. */
export function headWeights(lang: Lang, h: number): Matrix[] {
  const x = embeddings(lang);
  const q = matmul(x, W_Q);
  const k = matmul(x, W_K);
  const dk = D / h;
  return Array.from({ length: h }, (_, i) => {
    const cols = (m: Matrix) => m.map((row) => row.slice(i * dk, (i + 1) * dk));
    return softmaxRows(scale(matmul(cols(q), transpose(cols(k))), 1 / Math.sqrt(dk)));
  });
}

const T = {
  en: {
    caption:
      "The same W_Q and W_K (d_model = 32, 8 tokens) cut into h heads. Each head has its own softmax; one full-width head must put every relation into a single distribution.",
    h: "heads h",
    head: (i: number, dk: number) => `head ${i + 1} (d_k = ${dk})`,
    single: "one head of full width (h = 1)",
    mean: (h: number) => (h === 1 ? "the single head's weights" : `mean of the ${h} heads' weights`),
    key: "key",
    query: "query",
    weight: "attention weight",
    costs: "What changes with h (d_model fixed)",
    quantity: "quantity",
    formula: "formula",
    toy: "this picture (n = 8, d = 32)",
    paper: "the paper's width (n = 128, d = 512)",
    dk: "head width d_k = d_v",
    params: "parameters W_Q, W_K, W_V, W_O + biases",
    proj: "FLOPs of the four projections",
    attn: "FLOPs of QKᵀ and AV, all heads",
    maps: "attention-weight entries (per sequence)",
    changes: "changes with h",
    same: "same for every h",
  },
  zh: {
    caption: "同一组 W_Q、W_K（d_model = 32，8 个词元）被切成 h 个头。每个头各做一次 softmax；一个全宽的单头只能把所有关系挤进同一个分布。",
    h: "头数 h",
    head: (i: number, dk: number) => `第 ${i + 1} 个头（d_k = ${dk}）`,
    single: "一个全宽的头（h = 1）",
    mean: (h: number) => (h === 1 ? "唯一一个头的权重" : `${h} 个头权重的平均`),
    key: "键",
    query: "查询",
    weight: "注意力权重",
    costs: "随 h 变化的量（d_model 固定）",
    quantity: "量",
    formula: "公式",
    toy: "本图（n = 8，d = 32）",
    paper: "论文的宽度（n = 128，d = 512）",
    dk: "每个头的宽度 d_k = d_v",
    params: "参数 W_Q、W_K、W_V、W_O 及偏置",
    proj: "四个投影的 FLOPs",
    attn: "QKᵀ 与 AV 的 FLOPs（所有头）",
    maps: "注意力权重的元素个数（每条序列）",
    changes: "随 h 变化",
    same: "与 h 无关",
  },
};

const fmt = (v: number) => v.toLocaleString("en-US");

function costRows(h: number, n: number, d: number) {
  return {
    dk: d / h,
    params: 4 * d * d + 4 * d,
    proj: 8 * n * d * d,
    attn: 4 * n * n * d,
    maps: h * n * n,
  };
}

type Words = (typeof T)[Lang];

/** One heatmap with a small label above it (not Plot's large title, so small multiples stay compact). */
function headHeatmap(m: Matrix, tokens: string[], label: string, width: number, labels: boolean, t: Words): HTMLElement {
  const cells = m.flatMap((row, i) => row.map((w, j) => ({ q: tokens[i], k: tokens[j], w })));
  const p = el("div", {}, label);
  p.style.font = "0.8rem var(--sans-serif)";
  p.style.maxWidth = `${width}px`;
  return el(
    "div",
    {},
    p,
    Plot.plot({
      width,
      height: labels ? width : width - 8,
      marginLeft: labels ? 70 : 4,
      marginRight: 4,
      marginTop: labels ? 70 : 4,
      marginBottom: 4,
      style: { fontSize: "11px" },
      x: { domain: tokens, axis: labels ? "top" : null, tickRotate: labels ? -60 : 0, label: labels ? t.key : null },
      y: { domain: tokens, axis: labels ? "left" : null, label: labels ? t.query : null },
      color: { type: "linear", scheme: "Blues", domain: [0, 1] },
      marks: [Plot.cell(cells, { x: "k", y: "q", fill: "w", inset: 0.3, tip: true }), Plot.frame({ stroke: "currentColor", strokeOpacity: 0.3 })],
    }),
  );
}

/** What stays fixed as h changes (parameters, projection FLOPs) and what does not (d_k, the number of maps), for the toy and the 2017 paper. */
function costTable(h: number, t: Words): HTMLElement {
  const toy = costRows(h, 8, D);
  const paper = costRows(h, 128, 512);
  const rows: [string, string, keyof ReturnType<typeof costRows>][] = [
    [t.dk, "d / h", "dk"],
    [t.params, "4d² + 4d", "params"],
    [t.proj, "8nd²", "proj"],
    [t.attn, "4n²d", "attn"],
    [t.maps, "h·n²", "maps"],
  ];
  const tbl = el("table");
  tbl.style.fontSize = "0.85rem";
  const caption = el("caption", {}, `${t.costs}: h = ${h}`);
  caption.style.textAlign = "left";
  tbl.append(caption);
  const head = tbl.insertRow();
  for (const label of [t.quantity, t.formula, t.toy, t.paper, ""]) head.append(el("th", {}, label));
  for (const [label, formula, key] of rows) {
    const tr = tbl.insertRow();
    const varies = key === "dk" || key === "maps";
    for (const text of [label, formula, fmt(toy[key]), fmt(paper[key]), varies ? t.changes : t.same]) tr.insertCell().textContent = text;
    tr.dataset.varies = String(varies);
    if (varies) tr.style.fontWeight = "600";
  }
  tbl.style.minWidth = "560px";
  const scroller = el("div", {}, tbl);
  scroller.style.overflowX = "auto";
  scroller.style.maxWidth = "100%";
  return scroller;
}

/** The number box accepts any integer; snap it to a divisor of d_model (a power of 2 here). */
function snapHeads(asked: number): number {
  const distance = (v: number) => Math.abs(Math.log2(v) - Math.log2(Math.max(1, asked)));
  return HEADS.reduce((best, v) => (distance(v) < distance(best) ? v : best), 1);
}

export default function heads({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const tokens = SENTENCES[lang].tokens.map((w, i) => `${i + 1} ${w}`);
  const root = container("heads", t.caption);
  const h = Inputs.range([1, 32], {
    value: 4,
    label: t.h,
    transform: Math.log2,
    invert: (v: number) => 2 ** Math.round(v),
  }) as HTMLElement & { value: number };
  root.append(h, Plot.legend({ color: { type: "linear", scheme: "Blues", domain: [0, 1], label: t.weight } }));
  const grid = slot(root);
  const compare = slot(root);
  const table = slot(root);

  const render = () => {
    const value = snapHeads(h.value);
    if (value !== h.value) h.value = value;
    const dk = D / value;
    const weights = headWeights(lang, value);
    const full = chartWidth();
    // Two heatmaps per row with token labels up to h = 4, then compact small multiples.
    const cols = value <= 4 ? Math.min(value, full >= 560 ? 2 : 1) : value === 8 ? 4 : 8;
    const size = Math.floor(Math.min((full - 8 * (cols - 1)) / cols, 320));
    const labels = value <= 4;
    const wrap = sideBySide(8, ...weights.map((w, i) => headHeatmap(w, tokens, size >= 110 ? t.head(i, dk) : `${i + 1}`, size, labels, t)));
    wrap.style.maxWidth = `${full}px`;
    grid(wrap);

    const single = headWeights(lang, 1)[0];
    const mean = single.map((row, i) => row.map((_, j) => weights.reduce((s, w) => s + w[i][j], 0) / value));
    const side = full >= 560 ? Math.min(320, Math.floor((full - 12) / 2)) : full;
    const pair = sideBySide(12, headHeatmap(single, tokens, t.single, side, true, t), headHeatmap(mean, tokens, t.mean(value), side, true, t));
    pair.style.marginTop = "0.75rem";
    compare(pair);
    table(costTable(value, t));
  };
  h.addEventListener("input", render);
  render();
  return root;
}
