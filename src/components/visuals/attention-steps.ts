/**
 * Topics 2 and 24: one head of scaled dot-product self-attention on a 5-token sentence,
 * computed step by step — X → Q, K, V → QKᵀ → ÷√d_k (→ mask) → row-wise softmax → A·V —
 * with every intermediate matrix drawn as a heatmap and one query row followed through.
 * X and the projections are seeded, so the numbers are the same on every load.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { matmul, randomMatrix, scale, softmaxRows, transpose, type Matrix } from "./_math.js";

const L = 5;
const D_MODEL = 8;
const D_K = 4;
const D_V = 4;
/** W ~ N(0, 1.4²/d_model): Q and K rows of roughly unit scale, scores spread enough that the weights are not all flat. */
const W_SCALE = 1.4 / Math.sqrt(D_MODEL);

type Step = "qkv" | "scores" | "scaled" | "weights" | "output";
const STEPS: Step[] = ["qkv", "scores", "scaled", "weights", "output"];

const T = {
  en: {
    caption: `One attention head on a 5-token sentence: d_model = ${D_MODEL}, d_k = d_v = ${D_K}, random but fixed weights. Pick a step and a query; cells show values rounded to two decimals, and the outlined row is the chosen query.`,
    words: ["we", "fed", "the", "hungry", "cat"],
    step: "step",
    steps: {
      qkv: "1. project: Q = XW_Q, K = XW_K, V = XW_V",
      scores: "2. scores: QKᵀ",
      scaled: "3. scale (and mask): QKᵀ / √d_k",
      weights: "4. softmax over the keys",
      output: "5. output: weights · V",
    } as Record<Step, string>,
    query: "query row",
    mask: "causal mask",
    feature: "feature",
    key: "key",
    dim: "dim",
    weight: "weight",
    explain: {
      qkv: (w: string) =>
        `X [${L} × ${D_MODEL}] times three learned matrices [${D_MODEL} × ${D_K}] gives Q, K and V, each [${L} × ${D_K}]: one row per token. The row of “${w}” in Q is its query; every row of K and V is available to it.`,
      scores: (w: string) =>
        `Q [${L} × ${D_K}] · Kᵀ [${D_K} × ${L}] = scores [${L} × ${L}]. Row “${w}” holds the dot products of its query with the ${L} keys: row = query, column = key.`,
      scaled: (w: string, masked: boolean) =>
        `Every score is divided by √d_k = √${D_K} = ${Math.sqrt(D_K)}.` +
        (masked
          ? ` The causal mask sets the keys after each query to −∞, so “${w}” can only see itself and the tokens before it.`
          : ` Switch on the causal mask to block the keys after each query.`),
      weights: (w: string, sum: string) =>
        `Softmax runs along each row, i.e. over the keys (the last axis). The row of “${w}” is a probability distribution: every entry ≥ 0, sum = ${sum}. Columns do not sum to 1.`,
      output: (w: string, terms: string) =>
        `weights [${L} × ${L}] · V [${L} × ${D_V}] = output [${L} × ${D_V}]. The output of “${w}” is a weighted average of the value rows: ${terms}.`,
    },
    rowOf: (w: string) => `weights of “${w}” over the keys`,
  },
  zh: {
    caption: `一个注意力头作用在 5 个词元的句子上：d_model = ${D_MODEL}，d_k = d_v = ${D_K}，权重随机但固定。选择步骤和查询；格子里是保留两位小数的数值，加框的一行是所选查询。`,
    words: ["我们", "喂了", "那只", "饥饿的", "猫"],
    step: "步骤",
    steps: {
      qkv: "1. 投影：Q = XW_Q，K = XW_K，V = XW_V",
      scores: "2. 打分：QKᵀ",
      scaled: "3. 缩放（及掩码）：QKᵀ / √d_k",
      weights: "4. 沿键做 softmax",
      output: "5. 输出：权重 · V",
    } as Record<Step, string>,
    query: "查询行",
    mask: "因果掩码",
    feature: "特征",
    key: "键",
    dim: "维",
    weight: "权重",
    explain: {
      qkv: (w: string) =>
        `X [${L} × ${D_MODEL}] 分别乘以三个可学习矩阵 [${D_MODEL} × ${D_K}]，得到 Q、K、V，形状都是 [${L} × ${D_K}]，每个词元一行。Q 中“${w}”那一行就是它的查询；K 和 V 的每一行它都能用到。`,
      scores: (w: string) => `Q [${L} × ${D_K}] · Kᵀ [${D_K} × ${L}] = 分数 [${L} × ${L}]。“${w}”这一行是它的查询与 ${L} 个键的点积：行对应查询，列对应键。`,
      scaled: (w: string, masked: boolean) =>
        `每个分数都除以 √d_k = √${D_K} = ${Math.sqrt(D_K)}。` +
        (masked ? `因果掩码把每个查询之后的键置为 −∞，因此“${w}”只能看到自己和它之前的词元。` : `打开因果掩码，可以屏蔽每个查询之后的键。`),
      weights: (w: string, sum: string) =>
        `softmax 沿每一行进行，也就是在键的方向（最后一个轴）上归一化。“${w}”这一行是一个概率分布：每项 ≥ 0，总和 = ${sum}。各列之和并不是 1。`,
      output: (w: string, terms: string) => `权重 [${L} × ${L}] · V [${L} × ${D_V}] = 输出 [${L} × ${D_V}]。“${w}”的输出是各值向量行的加权平均：${terms}。`,
    },
    rowOf: (w: string) => `“${w}”在各个键上的权重`,
  },
};

interface Example {
  X: Matrix;
  Q: Matrix;
  K: Matrix;
  V: Matrix;
  S: Matrix;
  scaled: Matrix;
  A: Matrix;
  O: Matrix;
}

function compute(masked: boolean): Example {
  const X = randomMatrix(L, D_MODEL, 2024);
  const Q = matmul(X, randomMatrix(D_MODEL, D_K, 11, W_SCALE));
  const K = matmul(X, randomMatrix(D_MODEL, D_K, 12, W_SCALE));
  const V = matmul(X, randomMatrix(D_MODEL, D_V, 13, W_SCALE));
  const S = matmul(Q, transpose(K));
  const causal = S.map((row, i) => row.map((_, j) => (j <= i ? 1 : 0)));
  const scaledS = scale(S, 1 / Math.sqrt(D_K)).map((row, i) => row.map((v, j) => (masked && !causal[i][j] ? -Infinity : v)));
  const A = softmaxRows(scaledS);
  return { X, Q, K, V, S, scaled: scaledS, A, O: matmul(A, V) };
}

interface HeatOptions {
  title: string;
  rows: string[];
  cols: string[];
  /** "signed": diverging around 0; "prob": 0…1. */
  kind: "signed" | "prob";
  highlightRow?: number;
  xLabel: string;
}

interface Cell {
  r: string;
  c: string;
  v: number;
}

const CELL_W = 38;
const CELL_H = 24;

/** A labelled matrix: one coloured cell per entry with its value written in it; −∞ cells are left empty and marked. */
function heat(m: Matrix, o: HeatOptions): SVGSVGElement | HTMLElement {
  const data: Cell[] = m.flatMap((row, i) => row.map((v, j) => ({ r: o.rows[i], c: o.cols[j], v })));
  const finite = data.filter((d) => Number.isFinite(d.v));
  const maxAbs = Math.max(1e-9, ...finite.map((d) => Math.abs(d.v)));
  const marginLeft = 58;
  return Plot.plot({
    width: marginLeft + o.cols.length * CELL_W + 10,
    height: 48 + o.rows.length * CELL_H + 30,
    marginLeft,
    marginTop: 48,
    marginBottom: 30,
    title: o.title,
    x: { domain: o.cols, label: o.xLabel, axis: "top", tickSize: 0 },
    y: { domain: o.rows, label: null, tickSize: 0 },
    color:
      o.kind === "prob" ? { type: "linear", scheme: "blues", domain: [0, 1] } : { type: "diverging", scheme: "rdbu", domain: [-maxAbs, maxAbs], reverse: true },
    marks: [
      Plot.cell(finite, { x: "c", y: "r", fill: "v", inset: 0.5 }),
      Plot.cell(
        data.filter((d) => !Number.isFinite(d.v)),
        { x: "c", y: "r", fill: "none", stroke: "currentColor", strokeOpacity: 0.25, strokeDasharray: "2,2", inset: 2 },
      ),
      Plot.text(data, {
        x: "c",
        y: "r",
        text: (d: Cell) => (Number.isFinite(d.v) ? d.v.toFixed(2) : "−∞"),
        fontSize: 10,
        fill: "currentColor",
        stroke: "var(--theme-background, Canvas)",
        strokeWidth: 2.5,
      }),
      ...(o.highlightRow === undefined
        ? []
        : [
            Plot.cell(
              data.filter((d) => d.r === o.rows[o.highlightRow!]),
              { x: "c", y: "r", fill: "none", stroke: "currentColor", strokeWidth: 2 },
            ),
          ]),
    ],
  });
}

function operator(symbol: string): HTMLElement {
  const s = el("div", {}, symbol);
  s.style.alignSelf = "center";
  s.style.fontSize = "1.3rem";
  s.style.padding = "0 2px";
  return s;
}

type Words = (typeof T)[Lang];
const FEATS = Array.from({ length: D_MODEL }, (_, j) => String(j + 1));
const DIMS = Array.from({ length: D_K }, (_, j) => String(j + 1));
const DIMS_V = Array.from({ length: D_V }, (_, j) => String(j + 1));

/** The matrices of one step, joined by their operators, and the sentence that explains it for query i. */
function stepFigure(s: Step, ex: Example, i: number, masked: boolean, t: Words): { nodes: Node[]; text: string } {
  const words = t.words;
  const w = words[i];
  const sig = (m: Matrix, title: string, cols: string[], xLabel: string, highlight = true) =>
    heat(m, { title, rows: words, cols, kind: "signed", highlightRow: highlight ? i : undefined, xLabel });
  const probs = (title: string) => heat(ex.A, { title, rows: words, cols: words, kind: "prob", highlightRow: i, xLabel: t.key });
  const scaled = () => sig(ex.scaled, `QKᵀ/√d_k [${L} × ${L}]`, words, t.key);
  if (s === "qkv") {
    const nodes = [
      sig(ex.X, `X [${L} × ${D_MODEL}]`, FEATS, t.feature),
      operator("→"),
      sig(ex.Q, `Q = XW_Q [${L} × ${D_K}]`, DIMS, t.dim),
      sig(ex.K, `K = XW_K [${L} × ${D_K}]`, DIMS, t.dim, false),
      sig(ex.V, `V = XW_V [${L} × ${D_V}]`, DIMS_V, t.dim, false),
    ];
    return { nodes, text: t.explain.qkv(w) };
  }
  if (s === "scores") {
    const kt = heat(transpose(ex.K), { title: `Kᵀ [${D_K} × ${L}]`, rows: DIMS, cols: words, kind: "signed", xLabel: t.key });
    return {
      nodes: [sig(ex.Q, `Q [${L} × ${D_K}]`, DIMS, t.dim), operator("·"), kt, operator("="), sig(ex.S, `QKᵀ [${L} × ${L}]`, words, t.key)],
      text: t.explain.scores(w),
    };
  }
  if (s === "scaled")
    return { nodes: [sig(ex.S, `QKᵀ [${L} × ${L}]`, words, t.key), operator(`÷${Math.sqrt(D_K)}`), scaled()], text: t.explain.scaled(w, masked) };
  if (s === "weights")
    return { nodes: [scaled(), operator("→"), probs(`softmax [${L} × ${L}]`)], text: t.explain.weights(w, ex.A[i].reduce((a, b) => a + b, 0).toFixed(2)) };
  const terms = ex.A[i]
    .map((a, j) => ({ a, j }))
    .filter((d) => d.a > 0)
    .map((d) => `${d.a.toFixed(2)}·v(${words[d.j]})`)
    .join(" + ");
  const nodes = [
    probs(`A [${L} × ${L}]`),
    operator("·"),
    sig(ex.V, `V [${L} × ${D_V}]`, DIMS_V, t.dim, false),
    operator("="),
    sig(ex.O, `AV [${L} × ${D_V}]`, DIMS_V, t.dim),
  ];
  return { nodes, text: t.explain.output(w, terms) };
}

/** The chosen query's row of attention weights as bars. */
function queryRow(ex: Example, i: number, t: Words) {
  const words = t.words;
  const bars = ex.A[i].map((a, j) => ({ key: words[j], a }));
  return Plot.plot({
    width: Math.min(chartWidth(), 420),
    height: 170,
    marginLeft: 44,
    title: t.rowOf(words[i]),
    x: { domain: words, label: t.key, labelAnchor: "right" },
    y: { domain: [0, 1], label: t.weight, grid: true },
    marks: [
      Plot.barY(bars, { x: "key", y: "a", fill: "steelblue", tip: true }),
      Plot.text(bars, { x: "key", y: "a", text: (d: { a: number }) => d.a.toFixed(2), dy: -7, fontSize: 10, fill: "currentColor" }),
      Plot.ruleY([0]),
    ],
  });
}

export default function attentionSteps({ lang, preset }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("attention-steps", t.caption);
  const first = STEPS.includes(preset as Step) ? (preset as Step) : "weights";
  const step = Inputs.select(STEPS, { value: first, label: t.step, format: (s: Step) => t.steps[s] }) as HTMLElement & { value: Step };
  const query = Inputs.select(
    t.words.map((_, i) => i),
    { value: 3, label: t.query, format: (i: number) => t.words[i] },
  ) as HTMLElement & { value: number };
  const mask = Inputs.toggle({ label: t.mask, value: false }) as HTMLElement & { value: boolean };
  root.append(step, query, mask);
  const explanation = el("p");
  explanation.style.maxWidth = "640px";
  root.append(explanation);
  const figure = slot(root);
  const rowChart = slot(root);

  const render = () => {
    const ex = compute(mask.value);
    const i = query.value;
    const { nodes, text } = stepFigure(step.value, ex, i, mask.value, t);
    const row = el("div", {}, ...nodes);
    row.style.display = "flex";
    row.style.flexWrap = "wrap";
    row.style.gap = "4px 10px";
    row.style.alignItems = "flex-start";
    explanation.textContent = text;
    figure(row);
    rowChart(queryRow(ex, i, t));
  };
  step.addEventListener("input", render);
  query.addEventListener("input", render);
  mask.addEventListener("input", render);
  render();
  return root;
}
