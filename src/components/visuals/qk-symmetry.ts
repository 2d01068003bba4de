/**
 * Topics 5 and 17: what the query and key projections buy. Eight seeded token embeddings
 * X ∈ ℝ^{8×16} are scored three ways — no projection (S = XXᵀ/√d_model), one shared matrix
 * (S = XW(XW)ᵀ/√d_k) and separate matrices (S = XW_Q(XW_K)ᵀ/√d_k) — and each row of S goes
 * through a softmax. The first two are symmetric Gram matrices whose diagonal ‖x_i‖² (or
 * ‖x_iW‖²) tops its row; the third is a general bilinear form, neither symmetric nor
 * self-centred. Weights are N(0, 1/d_model), so projected components have variance ≈ 1.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { matmul, randomMatrix, scale, softmaxRows, transpose, type Matrix } from "./_math.js";

const N = 8;
const D_MODEL = 16;
const MODES = ["none", "tied", "separate"] as const;
type Mode = (typeof MODES)[number];

const X = randomMatrix(N, D_MODEL, 5017);
const W_Q = randomMatrix(D_MODEL, D_MODEL, 5018, 1 / Math.sqrt(D_MODEL));
const W_K = randomMatrix(D_MODEL, D_MODEL, 5019, 1 / Math.sqrt(D_MODEL));

const T = {
  en: {
    caption: "Eight random token embeddings (d_model = 16), scored with no projection, with one shared matrix W_Q = W_K, or with two separate matrices.",
    mode: "scores",
    modes: { none: "no projection: XXᵀ", tied: "shared matrix: W_Q = W_K", separate: "separate W_Q and W_K" } as Record<Mode, string>,
    short: { none: "none", tied: "shared", separate: "separate" } as Record<Mode, string>,
    dk: "d_k",
    fixed: "without a projection d_k is d_model = 16; the slider has no effect",
    scores: "scores S = QKᵀ/√d_k",
    weights: "weights: row-wise softmax(S)",
    key: "key j",
    query: "query i",
    asym: "asymmetry ‖S − Sᵀ‖/‖S‖",
    diag: "mean weight on the diagonal",
    selfTop: (k: number) => `the diagonal is the largest score in ${k} of ${N} rows`,
    uniform: `uniform: 1/${N}`,
    compare: "the three modes at this d_k",
  },
  zh: {
    caption: "八个随机词元嵌入（d_model = 16），分别用不投影、共用一个矩阵 W_Q = W_K、两个独立矩阵三种方式打分。",
    mode: "打分方式",
    modes: { none: "不投影：XXᵀ", tied: "共用矩阵：W_Q = W_K", separate: "独立的 W_Q 与 W_K" } as Record<Mode, string>,
    short: { none: "不投影", tied: "共用", separate: "独立" } as Record<Mode, string>,
    dk: "d_k",
    fixed: "不投影时 d_k 就是 d_model = 16，滑块不起作用",
    scores: "分数 S = QKᵀ/√d_k",
    weights: "权重：逐行 softmax(S)",
    key: "键 j",
    query: "查询 i",
    asym: "不对称度 ‖S − Sᵀ‖/‖S‖",
    diag: "对角线上的平均权重",
    selfTop: (k: number) => `${N} 行中有 ${k} 行的最大分数在对角线上`,
    uniform: `均匀分布：1/${N}`,
    compare: "当前 d_k 下三种方式的对比",
  },
};

/** The first dk columns of a d_model × d_model matrix: W ∈ ℝ^{d_model×d_k}. */
const columns = (w: Matrix, dk: number): Matrix => w.map((row) => row.slice(0, dk));

export function scoreMatrix(mode: Mode, dk: number): Matrix {
  if (mode === "none") return scale(matmul(X, transpose(X)), 1 / Math.sqrt(D_MODEL));
  const q = matmul(X, columns(W_Q, dk));
  const k = mode === "tied" ? q : matmul(X, columns(W_K, dk));
  return scale(matmul(q, transpose(k)), 1 / Math.sqrt(dk));
}

const frobenius = (m: Matrix) => Math.sqrt(m.reduce((s, row) => s + row.reduce((t, v) => t + v * v, 0), 0));

export function summary(mode: Mode, dk: number) {
  const s = scoreMatrix(mode, dk);
  const a = softmaxRows(s);
  const diff = s.map((row, i) => row.map((v, j) => v - s[j][i]));
  return {
    s,
    a,
    asymmetry: frobenius(diff) / frobenius(s),
    diagonal: a.reduce((sum, row, i) => sum + row[i], 0) / N,
    selfTop: s.filter((row, i) => row.every((v, j) => j === i || v < row[i])).length,
  };
}

/** toFixed without a "-0.0". */
const fixed = (v: number, digits: number) => {
  const s = v.toFixed(digits);
  return /^-0\.0*$/.test(s) ? s.slice(1) : s;
};

const tidy = (m: Matrix) => m.flatMap((row, i) => row.map((v, j) => ({ i: i + 1, j: j + 1, v })));

type Words = (typeof T)[Lang];

/** A score or weight matrix, the diagonal outlined, values written where the cells are big enough. */
function matrixHeatmap(m: Matrix, title: string, color: Plot.ScaleOptions, digits: number, t: Words) {
  const data = tidy(m);
  const full = chartWidth();
  const side = full >= 560 ? Math.min(320, Math.floor((full - 12) / 2)) : full;
  const small = side < 300;
  return Plot.plot({
    width: side,
    height: side + 20,
    marginLeft: 50,
    marginTop: 36,
    title,
    x: { label: t.key, type: "band", axis: "top" },
    y: { label: t.query, type: "band" },
    color: { ...color, legend: true },
    marks: [
      Plot.cell(data, { x: "j", y: "i", fill: "v", inset: 0.5, tip: true }),
      Plot.cell(
        data.filter((d) => d.i === d.j),
        { x: "j", y: "i", stroke: "currentColor", strokeWidth: 1.5, inset: 1 },
      ),
      ...(small
        ? []
        : [
            Plot.text(data, {
              x: "j",
              y: "i",
              text: (d: { v: number }) => fixed(d.v, digits),
              fontSize: 9,
              fill: "currentColor",
              stroke: "var(--theme-background)",
              strokeWidth: 2,
              paintOrder: "stroke",
            }),
          ]),
    ],
  });
}

/** Asymmetry and diagonal weight for every mode at the chosen d_k, the current mode highlighted. */
function modeComparison(m: Mode, dkValue: number, t: Words): HTMLElement {
  const all = MODES.map((k) => ({ mode: t.short[k], current: k === m, ...summary(k, k === "none" ? D_MODEL : dkValue) }));
  const panel = (key: "asymmetry" | "diagonal", label: string, domain: [number, number], rule: number) =>
    Plot.plot({
      width: Math.min(chartWidth(), 300),
      height: 170,
      marginLeft: 60,
      title: label,
      x: { domain, grid: true, label: null },
      y: { domain: all.map((d) => d.mode), label: null },
      marks: [
        Plot.barX(all, {
          y: "mode",
          x: key,
          fill: (d: { current: boolean }) => (d.current ? "steelblue" : "gray"),
          fillOpacity: (d: { current: boolean }) => (d.current ? 1 : 0.45),
          tip: true,
        }),
        Plot.text(all, { y: "mode", x: key, text: (d: Record<string, number>) => d[key].toFixed(2), dx: 16, fill: "currentColor" }),
        Plot.ruleX([rule], { stroke: "currentColor", strokeDasharray: "3,3" }),
      ],
    });
  const heading = el("p", { class: "visual-caption" });
  heading.style.flexBasis = "100%";
  heading.style.margin = "0.5rem 0 0";
  heading.style.fontSize = "0.9rem";
  heading.textContent = `${t.compare} (${t.dk} = ${dkValue})`;
  return sideBySide(12, heading, panel("asymmetry", t.asym, [0, 1.6], 0), panel("diagonal", t.diag, [0, 1], 1 / N));
}

export default function qkSymmetry({ lang, preset }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("qk-symmetry", t.caption);
  const initial: Mode = (MODES as readonly string[]).includes(preset ?? "") ? (preset as Mode) : "none";
  const mode = Inputs.select(MODES, { value: initial, label: t.mode, format: (m: Mode) => t.modes[m] }) as HTMLElement & { value: Mode };
  const dk = Inputs.range([1, D_MODEL], { value: 8, step: 1, label: t.dk }) as HTMLElement & { value: number };
  const note = el("p", { class: "visual-caption" });
  note.style.fontSize = "0.85rem";
  root.append(mode, dk, note);
  const heatmaps = slot(root);
  const bars = slot(root);

  const render = () => {
    const m = mode.value;
    const width = m === "none" ? D_MODEL : dk.value;
    for (const input of dk.querySelectorAll("input")) input.disabled = m === "none";
    const cur = summary(m, width);
    note.textContent = `${m === "none" ? `${t.fixed} · ` : ""}${t.asym} = ${cur.asymmetry.toFixed(2)} · ${t.diag} = ${cur.diagonal.toFixed(2)} (${t.uniform}) · ${t.selfTop(cur.selfTop)}`;
    const limit = Math.max(...cur.s.flat().map(Math.abs));
    heatmaps(
      sideBySide(
        12,
        matrixHeatmap(cur.s, `${t.scores} (${t.short[m]}, d_k = ${width})`, { type: "diverging", scheme: "RdBu", domain: [-limit, limit], label: "S" }, 1, t),
        matrixHeatmap(cur.a, t.weights, { type: "linear", scheme: "Blues", domain: [0, 1], label: "a" }, 2, t),
      ),
    );
    bars(modeComparison(m, dk.value, t));
  };
  mode.addEventListener("input", render);
  dk.addEventListener("input", render);
  render();
  return root;
}
