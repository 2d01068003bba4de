/**
 * Topic 31: attention weights are not parameters. A tiny seeded single-head attention
 * (4 tokens, d = 4, no positional encoding) is trained in the browser by hand-written
 * float64 gradient descent so that query t1 attends to key t3: the loss is
 * ½‖o₁ − v₃‖² on the output of the first query. Only W_Q and W_K are updated (W_V is
 * frozen so that only the attention pattern can lower the loss); the weights A are
 * recomputed from X·W_Q and X·W_K at every step and for every input — feed the same
 * tokens in another order, or a new input, and the same parameters give another A.
 *
 * Backward pass, exactly as on the page:
 *   dL/dA = dL/dO · Vᵀ,   dL/dS = A ⊙ (dL/dA − rowsum(dL/dA ⊙ A)),
 *   dL/dQ = dL/dS · K / √d_k,   dL/dK = dL/dSᵀ · Q / √d_k,
 *   dL/dW_Q = Xᵀ · dL/dQ,   dL/dW_K = Xᵀ · dL/dK.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { matmul, randomMatrix, scale, softmaxRows, transpose, type Matrix } from "./_math.js";

const L = 4;
const D = 4;
const QUERY = 0;
const TARGET = 2;
const STEPS = 100;
const RATES = [0.03, 0.1, 0.3, 1, 3];
const SEED = 31;
const X_TRAIN = randomMatrix(L, D, SEED);
/** Xavier (Glorot) normal initialisation for a 4 × 4 matrix: std = √(2 / (4 + 4)) = 0.5. */
const XAVIER = Math.sqrt(2 / (D + D));
const WQ0 = randomMatrix(D, D, SEED + 1, XAVIER);
const WK0 = randomMatrix(D, D, SEED + 2, XAVIER);
const WV = randomMatrix(D, D, SEED + 3, XAVIER);
const NAMES = ["t1", "t2", "t3", "t4"];
/** Inputs the trained parameters can be applied to: the training input, the same tokens reordered, and a new one. */
const INPUTS: { key: "train" | "swap" | "new"; X: Matrix; names: string[] }[] = [
  { key: "train", X: X_TRAIN, names: NAMES },
  { key: "swap", X: [X_TRAIN[0], X_TRAIN[1], X_TRAIN[3], X_TRAIN[2]], names: ["t1", "t2", "t4", "t3"] },
  { key: "new", X: randomMatrix(L, D, SEED + 100), names: ["u1", "u2", "u3", "u4"] },
];

const T = {
  en: {
    caption:
      "A 4-token, d = 4 attention head trained by gradient descent so that query t1 attends to key t3. Only W_Q and W_K are learned here; the weights A are recomputed at every step.",
    step: "training step",
    lr: "learning rate",
    input: "input fed to the model",
    inputs: { train: "training input", swap: "same tokens, t3 and t4 swapped", new: "a new input" },
    heat: (s: number) => `A = softmax(QKᵀ/√d_k) at step ${s}`,
    query: "query",
    key: "key",
    cellLabel: "attention weight",
    loss: "loss ½‖o₁ − v₃‖² (log scale)",
    weight: "weight of t1 on t3",
    grad: (s: number) => `∂L/∂S for query t1 at step ${s} (training input)`,
    gradY: "∂L/∂s",
    moved: "‖W(step) − W(0)‖ (how far each parameter moved)",
    frozen: "W_V (frozen here)",
    params: (s: number, q: string, k: string, a: string) =>
      `Step ${s}: W_Q has moved ${q} and W_K ${k} from their random initialisation; W_V is frozen in this demo. A has no stored value to move: it is a function of the input and the parameters, and the weight of t1 on t3 for the training input is now ${a}.`,
  },
  zh: {
    caption: "一个 4 个词元、d = 4 的注意力头，用梯度下降训练，让查询 t1 关注键 t3。这里只学习 W_Q 和 W_K；权重 A 在每一步都重新计算。",
    step: "训练步数",
    lr: "学习率",
    input: "输入给模型的序列",
    inputs: { train: "训练输入", swap: "同样的词元，t3 与 t4 互换", new: "一个新输入" },
    heat: (s: number) => `第 ${s} 步的 A = softmax(QKᵀ/√d_k)`,
    query: "查询",
    key: "键",
    cellLabel: "注意力权重",
    loss: "损失 ½‖o₁ − v₃‖²（对数轴）",
    weight: "t1 对 t3 的权重",
    grad: (s: number) => `第 ${s} 步查询 t1 的 ∂L/∂S（训练输入）`,
    gradY: "∂L/∂s",
    moved: "‖W(步) − W(0)‖（各参数离初始值多远）",
    frozen: "W_V（此处冻结）",
    params: (s: number, q: string, k: string, a: string) =>
      `第 ${s} 步：W_Q 离随机初始值移动了 ${q}，W_K 移动了 ${k}；本演示中 W_V 被冻结。A 没有可供移动的存储值：它是输入与参数的函数，此刻训练输入上 t1 对 t3 的权重为 ${a}。`,
  },
};

interface Forward {
  Q: Matrix;
  K: Matrix;
  V: Matrix;
  A: Matrix;
  O: Matrix;
}

function forward(X: Matrix, WQ: Matrix, WK: Matrix): Forward {
  const Q = matmul(X, WQ);
  const K = matmul(X, WK);
  const V = matmul(X, WV);
  const A = softmaxRows(scale(matmul(Q, transpose(K)), 1 / Math.sqrt(D)));
  return { Q, K, V, A, O: matmul(A, V) };
}

const sub = (a: Matrix, b: Matrix): Matrix => a.map((row, i) => row.map((v, j) => v - b[i][j]));
const frob = (a: Matrix, b: Matrix): number => Math.sqrt(a.reduce((s, row, i) => s + row.reduce((t, v, j) => t + (v - b[i][j]) ** 2, 0), 0));

interface Snapshot {
  step: number;
  WQ: Matrix;
  WK: Matrix;
  loss: number;
  weight: number;
  dS: number[];
}

/** Plain gradient descent on W_Q and W_K; one snapshot per step (the parameters *before* that step's update). */
function train(lr: number): Snapshot[] {
  let WQ = WQ0;
  let WK = WK0;
  const out: Snapshot[] = [];
  for (let step = 0; step <= STEPS; step++) {
    const f = forward(X_TRAIN, WQ, WK);
    const diff = f.O[QUERY].map((v, j) => v - f.V[TARGET][j]);
    const loss = 0.5 * diff.reduce((s, v) => s + v * v, 0);
    const dO: Matrix = f.O.map((row, i) => (i === QUERY ? diff : row.map(() => 0)));
    const dA = matmul(dO, transpose(f.V));
    const dS = f.A.map((row, i) => {
      const r = row.reduce((s, a, j) => s + a * dA[i][j], 0);
      return row.map((a, j) => a * (dA[i][j] - r));
    });
    out.push({ step, WQ, WK, loss, weight: f.A[QUERY][TARGET], dS: dS[QUERY] });
    const dQ = scale(matmul(dS, f.K), 1 / Math.sqrt(D));
    const dK = scale(matmul(transpose(dS), f.Q), 1 / Math.sqrt(D));
    WQ = sub(WQ, scale(matmul(transpose(X_TRAIN), dQ), lr));
    WK = sub(WK, scale(matmul(transpose(X_TRAIN), dK), lr));
  }
  return out;
}

/** Lay small charts side by side, each capped at its own width so a long title wraps instead of widening it. */
function row(...charts: [Node, number][]): HTMLElement {
  for (const [node, width] of charts) {
    (node as HTMLElement).style.maxWidth = `${width}px`;
    (node as HTMLElement).style.margin = "0";
  }
  return sideBySide(8, ...charts.map(([node]) => node));
}

type Words = (typeof T)[Lang];
type Input = (typeof INPUTS)[number];

/** The attention weights at this step on the chosen input, the trained cell (t1 → t3) outlined. */
function weightHeatmap(s: Snapshot, inp: Input, side: number, t: Words) {
  const A = forward(inp.X, s.WQ, s.WK).A;
  const cells = A.flatMap((r, i) => r.map((v, j) => ({ q: inp.names[i], k: inp.names[j], v })));
  const targetCell = cells.filter((c) => c.q === "t1" && c.k === "t3");
  return Plot.plot({
    width: side,
    height: side,
    marginLeft: 50,
    title: t.heat(s.step),
    x: { label: t.key, domain: inp.names, axis: "top" },
    y: { label: t.query, domain: inp.names },
    color: { type: "linear", scheme: "blues", domain: [0, 1], legend: true, label: t.cellLabel, marginLeft: 12, width: 260 } as Plot.ScaleOptions,
    marks: [
      Plot.cell(cells, { x: "k", y: "q", fill: "v", inset: 0.5, tip: true }),
      Plot.text(cells, {
        x: "k",
        y: "q",
        text: (d: { v: number }) => d.v.toFixed(2),
        fill: "currentColor",
        stroke: "var(--theme-background, Canvas)",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
      Plot.cell(targetCell, { x: "k", y: "q", stroke: "darkorange", strokeWidth: 3, fill: "none" }),
    ],
  });
}

/** The gradient of the loss with respect to the query's scores, the target key in orange. */
function scoreGradient(s: Snapshot, side: number, t: Words) {
  return Plot.plot({
    width: side,
    height: side,
    marginLeft: 60,
    title: t.grad(s.step),
    x: { label: t.key, domain: NAMES },
    y: { label: t.gradY, grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.barY(
        s.dS.map((v, j) => ({ k: NAMES[j], v })),
        { x: "k", y: "v", fill: (d: { k: string }) => (d.k === "t3" ? "darkorange" : "steelblue"), tip: true },
      ),
    ],
  });
}

/** Loss or target weight over training, this step marked. */
function trainingCurve(run: Snapshot[], s: Snapshot, key: "loss" | "weight", label: string, log: boolean, w: number, t: Words) {
  return Plot.plot({
    width: w,
    height: 200,
    marginLeft: 55,
    x: { label: t.step },
    y: { label, grid: true, type: log ? "log" : "linear", ...(log ? { tickFormat: "~g" } : { domain: [0, 1] }) },
    marks: [
      Plot.line(run, { x: "step", y: (d: Snapshot) => (log ? Math.max(d[key], 1e-8) : d[key]), stroke: "steelblue", strokeWidth: 2 }),
      Plot.ruleX([s.step], { stroke: "currentColor", strokeDasharray: "3,3" }),
      Plot.dot([s], { x: "step", y: (d: Snapshot) => (log ? Math.max(d[key], 1e-8) : d[key]), fill: "darkorange", r: 4 }),
    ],
  });
}

/** How far W_Q and W_K have moved from their initial values (W_V is frozen). */
function parameterDrift(run: Snapshot[], s: Snapshot, w: number, t: Words) {
  const moved = run.flatMap((d) => [
    { step: d.step, v: frob(d.WQ, WQ0), p: "W_Q" },
    { step: d.step, v: frob(d.WK, WK0), p: "W_K" },
    { step: d.step, v: 0, p: t.frozen },
  ]);
  return Plot.plot({
    width: w,
    height: 200,
    marginLeft: 45,
    x: { label: t.step },
    y: { label: t.moved, grid: true },
    color: { domain: ["W_Q", "W_K", t.frozen], range: ["steelblue", "seagreen", "gray"], legend: true },
    marks: [Plot.line(moved, { x: "step", y: "v", stroke: "p", strokeWidth: 2 }), Plot.ruleX([s.step], { stroke: "currentColor", strokeDasharray: "3,3" })],
  });
}

export default function attentionGradient({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("attention-gradient", t.caption);
  const step = Inputs.range([0, STEPS], { value: 0, step: 1, label: t.step }) as HTMLElement & { value: number };
  const lr = Inputs.select(RATES, { value: 0.1, label: t.lr }) as HTMLElement & { value: number };
  const input = Inputs.radio(
    INPUTS.map((d) => d.key),
    { value: "train", label: t.input, format: (k) => t.inputs[k] },
  ) as HTMLElement & { value: "train" | "swap" | "new" };
  root.append(step, lr, input);
  const top = slot(root);
  const bottom = slot(root);
  const note = el("p", { class: "visual-caption" });
  root.append(note);

  // One training run per learning rate, computed on first use.
  const runs = new Map<number, Snapshot[]>();
  const runFor = (rate: number) => {
    if (!runs.has(rate)) runs.set(rate, train(rate));
    return runs.get(rate)!;
  };

  const render = () => {
    const run = runFor(Number(lr.value));
    const s = run[Math.round(step.value)];
    const inp = INPUTS.find((d) => d.key === input.value)!;
    const side = Math.min(chartWidth(), 320);
    top(row([weightHeatmap(s, inp, side, t), side], [scoreGradient(s, side, t), side]));
    const w = Math.min(chartWidth(), 320);
    bottom(
      row(
        [trainingCurve(run, s, "loss", t.loss, true, w, t), w],
        [trainingCurve(run, s, "weight", t.weight, false, w, t), w],
        [parameterDrift(run, s, w, t), w],
      ),
    );
    note.textContent = t.params(s.step, frob(s.WQ, WQ0).toFixed(3), frob(s.WK, WK0).toFixed(3), s.weight.toFixed(3));
  };
  for (const control of [step, lr, input]) control.addEventListener("input", render);
  render();
  return root;
}
