/**
 * Topic 28: self-attention without positional information is permutation-equivariant.
 * Six tokens with seeded embeddings (d = 8) go through one attention head with seeded
 * W_Q, W_K, W_V: Y = softmax(XW_Q (XW_K)ᵀ / √d) XW_V. Reordering the tokens (X → PX)
 * reorders the output rows in the same way (Y → PY), so every token's output is unchanged.
 * Adding the sinusoidal PE of each slot (PX + PE) breaks that: the outputs change.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { matmul, norm, randomMatrix, scale, softmaxRows, transpose, type Matrix, sinusoidalEncoding } from "./_math.js";

const D = 8;
const N = 6;
const TOKENS = {
  en: ["dog", "bites", "man", "in", "the", "park"],
  zh: ["狗", "咬", "人", "在", "公园", "里"],
};

/** Each option lists, for every slot of the reordered input, which original token sits there. */
const PERMS: { id: string; order: number[] }[] = [
  { id: "swap", order: [2, 1, 0, 3, 4, 5] },
  { id: "identity", order: [0, 1, 2, 3, 4, 5] },
  { id: "reverse", order: [5, 4, 3, 2, 1, 0] },
  { id: "rotate", order: [1, 2, 3, 4, 5, 0] },
  { id: "shuffle", order: [4, 0, 5, 2, 3, 1] },
];

const T = {
  en: {
    caption: "One attention head over six tokens. Reorder the tokens and compare each token's output before and after, with and without positional encoding.",
    perm: "reorder the input",
    names: {
      swap: "swap tokens 0 and 2 (man bites dog …)",
      identity: "keep the original order",
      reverse: "reverse the sequence",
      rotate: "rotate left by one",
      shuffle: "a fixed shuffle",
    } as Record<string, string>,
    pe: "add positional encoding",
    original: "outputs, original order",
    permuted: "outputs, reordered input",
    feature: "output feature",
    row: "position: token",
    value: "value",
    diff: "how much each token's output changed: ‖y′(token) − y(token)‖",
    token: "token",
    change: "change",
    max: "largest change",
    order: "input order",
  },
  zh: {
    caption: "六个词元经过一个注意力头。打乱词元顺序，比较每个词元前后的输出，分别看加与不加位置编码的情形。",
    perm: "重新排列输入",
    names: {
      swap: "交换第 0 个和第 2 个词元（人咬狗……）",
      identity: "保持原顺序",
      reverse: "整体倒序",
      rotate: "循环左移一位",
      shuffle: "一个固定的乱序",
    } as Record<string, string>,
    pe: "加上位置编码",
    original: "输出，原顺序",
    permuted: "输出，重排后的输入",
    feature: "输出特征",
    row: "位置：词元",
    value: "取值",
    diff: "每个词元的输出变化了多少：‖y′(词元) − y(词元)‖",
    token: "词元",
    change: "变化量",
    max: "最大变化",
    order: "输入顺序",
  },
};

const EMB = randomMatrix(N, D, 2801);
const WQ = randomMatrix(D, D, 2802, 1 / Math.sqrt(D));
const WK = randomMatrix(D, D, 2803, 1 / Math.sqrt(D));
const WV = randomMatrix(D, D, 2804, 1 / Math.sqrt(D));

/** One head of self-attention over the rows of X. */
function attend(X: Matrix): Matrix {
  const Q = matmul(X, WQ);
  const K = matmul(X, WK);
  const V = matmul(X, WV);
  return matmul(softmaxRows(scale(matmul(Q, transpose(K)), 1 / Math.sqrt(D))), V);
}

/** Input rows for a given order: token embeddings in that order, plus PE of the slot if asked. */
function inputs(order: number[], withPe: boolean): Matrix {
  return order.map((tok, slot) => {
    const pe = sinusoidalEncoding(slot, D);
    return withPe ? EMB[tok].map((v, j) => v + pe[j]) : EMB[tok].slice();
  });
}

/** One output heatmap (rows = positions, labelled with the token there), on a colour scale shared by both panels. */
function heatPanel(t: (typeof T)["en"], tokens: string[], M: Matrix, rowTokens: number[], title: string, limit: number, panelW: number) {
  const labels = rowTokens.map((tok, r) => `${r}: ${tokens[tok]}`);
  const data = M.flatMap((row, r) => row.map((v, j) => ({ r: labels[r], j, v })));
  const fig = Plot.plot({
    width: panelW,
    height: 250,
    marginLeft: 70,
    title,
    x: { label: t.feature, tickSize: 0 },
    y: { label: t.row, domain: labels },
    color: { type: "diverging", scheme: "PuOr", domain: [-limit, limit], legend: true, label: t.value },
    marks: [Plot.cell(data, { x: "j", y: "r", fill: "v", inset: 0.5, tip: true })],
  });
  (fig as HTMLElement).style.width = `${panelW}px`;
  return fig;
}

/** The original and reordered outputs side by side (stacked when narrow). */
function heatPanels(t: (typeof T)["en"], tokens: string[], Y: Matrix, Yp: Matrix, base: number[], order: number[], w: number): HTMLElement {
  const panelW = w >= 560 ? Math.floor((w - 12) / 2) : w;
  const limit = Math.max(...Y.flat().map(Math.abs), ...Yp.flat().map(Math.abs));
  const row = document.createElement("div");
  row.style.display = "flex";
  row.style.flexWrap = "wrap";
  row.style.gap = "12px";
  row.append(heatPanel(t, tokens, Y, base, t.original, limit, panelW), heatPanel(t, tokens, Yp, order, t.permuted, limit, panelW));
  return row;
}

/** For each token: its output row in the reordered run minus its output row in the original run. */
function changePlot(t: (typeof T)["en"], tokens: string[], Y: Matrix, Yp: Matrix, base: number[], order: number[], withPe: boolean, w: number) {
  const changes = base.map((tok) => {
    const slotIndex = order.indexOf(tok);
    return { token: `${tok}: ${tokens[tok]}`, change: norm(Yp[slotIndex].map((v, j) => v - Y[tok][j])) };
  });
  const worst = Math.max(...changes.map((c) => c.change));
  return Plot.plot({
    width: w,
    height: 200,
    marginLeft: 50,
    title: `${t.diff} — ${t.max} = ${worst < 1e-9 ? worst.toExponential(1) : worst.toFixed(3)}`,
    x: { label: t.token, domain: changes.map((c) => c.token) },
    y: { label: t.change, grid: true, domain: [0, Math.max(1, worst * 1.1)] },
    marks: [
      Plot.barY(changes, { x: "token", y: "change", fill: withPe ? "firebrick" : "steelblue", tip: true }),
      Plot.text(changes, {
        x: "token",
        y: "change",
        text: (c: { change: number }) => (c.change < 1e-9 ? c.change.toExponential(0) : c.change.toFixed(2)),
        dy: -8,
        fill: "currentColor",
      }),
      Plot.ruleY([0]),
    ],
  });
}

export default function permutation({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const tokens = TOKENS[lang];
  const root = container("permutation", t.caption);
  const perm = Inputs.select(
    PERMS.map((p) => p.id),
    { label: t.perm, value: "swap", format: (id: string) => t.names[id] },
  ) as HTMLElement & { value: string };
  const pe = Inputs.toggle({ label: t.pe, value: false }) as HTMLElement & { value: boolean };
  root.append(perm, pe);
  const orderLine = document.createElement("p");
  orderLine.style.margin = "0.25rem 0";
  root.append(orderLine);
  const maps = slot(root);
  const bars = slot(root);

  const render = () => {
    const order = PERMS.find((p) => p.id === perm.value)!.order;
    const base = [0, 1, 2, 3, 4, 5];
    const Y = attend(inputs(base, pe.value));
    const Yp = attend(inputs(order, pe.value));
    orderLine.textContent = `${t.order}: ${order.map((i) => tokens[i]).join(" ")}`;
    const w = chartWidth();
    maps(heatPanels(t, tokens, Y, Yp, base, order, w));
    bars(changePlot(t, tokens, Y, Yp, base, order, pe.value, w));
  };
  perm.addEventListener("input", render);
  pe.addEventListener("input", render);
  render();
  return root;
}
