/**
 * Topic 9: what the residual path does to the gradient. A stack of L sub-layers, each a
 * ReLU MLP 32 → 128 → 32 with seeded random weights, acting on 16 tokens, wired three ways:
 *   no residual   x_{l+1} = F_l(x_l)
 *   Post-LN       x_{l+1} = LN(x_l + F_l(x_l))          (the 2017 paper)
 *   Pre-LN        x_{l+1} = x_l + F_l(LN(x_l)),  output LN(x_L)
 * The loss is a fixed random linear read-out of the output, Σ_t ⟨r_t, y_t⟩. The backward
 * pass is written out by hand in float64 (ReLU, LayerNorm without affine, the residual
 * sum), and the chart shows the mean per-token ‖∂loss/∂x_l‖ at every depth l. Two smaller
 * panels show how much each sub-layer writes onto the stream (‖F_l‖ / ‖x_l‖) and how much
 * the output moves when every weight is nudged by 1 % (the amplification Liu et al. 2020
 * describe).
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { matmul, randomMatrix, transpose, type Matrix } from "./_math.js";

const D = 32;
const H = 128;
const TOKENS = 16;
const MAX_L = 64;
const EPS = 1e-5;
const NUDGE = 0.01;

type Mode = "none" | "post" | "pre";
type Init = "xavier" | "he";
const MODES: Mode[] = ["none", "post", "pre"];

const T = {
  en: {
    caption:
      "A stack of L sub-layers (ReLU MLP 32 → 128 → 32, 16 tokens, seeded weights), with no residual, Post-LN or Pre-LN; the backward pass is computed by hand in float64.",
    depth: "number of layers L",
    init: "sub-layer weights",
    xavier: "Xavier (Glorot): Var = 2/(fan_in + fan_out)",
    he: "He (Kaiming): Var = 2/fan_in, then 1/fan_in",
    none: "no residual",
    post: "Post-LN: LN(x + F(x))",
    pre: "Pre-LN: x + F(LN(x))",
    grad: "‖∂loss/∂x_l‖ (mean over tokens)",
    layer: "layer l (0 = input, L = top)",
    title: (L: number, r: string) => `Gradient reaching each layer, L = ${L}. Input ÷ top: ${r}`,
    update: "‖F_l‖ / ‖x_l‖: how much layer l writes",
    nudge: "output change when all weights move 1 %",
    depthAxis: "number of layers L",
    short: { none: "no residual", post: "Post-LN", pre: "Pre-LN" },
  },
  zh: {
    caption: "L 个子层堆叠（ReLU MLP 32 → 128 → 32，16 个词元，权重由固定种子生成），分别采用无残差、Post-LN、Pre-LN 三种接法；反向传播在 float64 下手工计算。",
    depth: "层数 L",
    init: "子层权重初始化",
    xavier: "Xavier（Glorot）：Var = 2/(fan_in + fan_out)",
    he: "He（Kaiming）：Var = 2/fan_in，第二层 1/fan_in",
    none: "无残差",
    post: "Post-LN：LN(x + F(x))",
    pre: "Pre-LN：x + F(LN(x))",
    grad: "‖∂loss/∂x_l‖（对词元取平均）",
    layer: "第 l 层（0 = 输入，L = 顶层）",
    title: (L: number, r: string) => `到达各层的梯度，L = ${L}。输入处 ÷ 顶层：${r}`,
    update: "‖F_l‖ / ‖x_l‖：第 l 层写入的相对大小",
    nudge: "所有权重扰动 1% 时输出的相对变化",
    depthAxis: "层数 L",
    short: { none: "无残差", post: "Post-LN", pre: "Pre-LN" },
  },
};

// ---- the pieces of the forward and backward pass -------------------------------------------

interface Layer {
  W1: Matrix;
  W2: Matrix;
  W1T: Matrix;
  W2T: Matrix;
}

function layerWeights(l: number, init: Init, nudge: number): Layer {
  const s1 = init === "he" ? Math.sqrt(2 / D) : Math.sqrt(2 / (D + H));
  const s2 = init === "he" ? Math.sqrt(1 / H) : Math.sqrt(2 / (D + H));
  let W1 = randomMatrix(D, H, 1000 + 2 * l, s1);
  let W2 = randomMatrix(H, D, 1001 + 2 * l, s2);
  if (nudge > 0) {
    const P1 = randomMatrix(D, H, 50000 + 2 * l, s1 * nudge);
    const P2 = randomMatrix(H, D, 50001 + 2 * l, s2 * nudge);
    W1 = W1.map((row, i) => row.map((v, j) => v + P1[i][j]));
    W2 = W2.map((row, i) => row.map((v, j) => v + P2[i][j]));
  }
  return { W1, W2, W1T: transpose(W1), W2T: transpose(W2) };
}

const add = (a: Matrix, b: Matrix): Matrix => a.map((row, i) => row.map((v, j) => v + b[i][j]));
const rowNorm = (r: number[]) => Math.sqrt(r.reduce((s, v) => s + v * v, 0));
const meanNorm = (m: Matrix) => m.reduce((s, r) => s + rowNorm(r), 0) / m.length;

/** LayerNorm over the features of each token (γ = 1, β = 0 at initialisation), with what its backward needs. */
function layerNorm(x: Matrix): { y: Matrix; sigma: number[] } {
  const sigma: number[] = [];
  const y = x.map((r) => {
    const mu = r.reduce((a, b) => a + b, 0) / r.length;
    const v = r.reduce((a, b) => a + (b - mu) ** 2, 0) / r.length;
    const s = Math.sqrt(v + EPS);
    sigma.push(s);
    return r.map((t) => (t - mu) / s);
  });
  return { y, sigma };
}

/** ∂loss/∂x from ∂loss/∂y for y = LN(x): (g − mean(g) − ŷ·mean(g ⊙ ŷ)) / σ, token by token. */
function layerNormBack(ln: { y: Matrix; sigma: number[] }, g: Matrix): Matrix {
  return g.map((gr, i) => {
    const y = ln.y[i];
    const mg = gr.reduce((a, b) => a + b, 0) / gr.length;
    const mgy = gr.reduce((a, b, j) => a + b * y[j], 0) / gr.length;
    return gr.map((v, j) => (v - mg - y[j] * mgy) / ln.sigma[i]);
  });
}

/** F(x) = ReLU(x W1) W2 and the pre-activations its backward needs. */
function mlp(x: Matrix, w: Layer): { out: Matrix; h: Matrix } {
  const h = matmul(x, w.W1);
  return {
    out: matmul(
      h.map((r) => r.map((v) => Math.max(v, 0))),
      w.W2,
    ),
    h,
  };
}

function mlpBack(h: Matrix, w: Layer, g: Matrix): Matrix {
  const ga = matmul(g, w.W2T);
  return matmul(
    ga.map((r, i) => r.map((v, j) => (h[i][j] > 0 ? v : 0))),
    w.W1T,
  );
}

/** One layer's forward, remembering what its backward needs. */
interface Step {
  back: (g: Matrix) => Matrix;
  ratio: number;
}

interface Forward {
  /** xs[l] = x_l, l = 0..MAX_L */
  xs: Matrix[];
  steps: Step[];
}

function forward(mode: Mode, init: Init, nudge: number): Forward {
  let x = randomMatrix(TOKENS, D, 7);
  const xs = [x];
  const steps: Step[] = [];
  for (let l = 0; l < MAX_L; l++) {
    const w = layerWeights(l, init, nudge);
    if (mode === "none") {
      const f = mlp(x, w);
      steps.push({ back: (g) => mlpBack(f.h, w, g), ratio: meanNorm(f.out) / meanNorm(x) });
      x = f.out;
    } else if (mode === "post") {
      const f = mlp(x, w);
      const ln = layerNorm(add(x, f.out));
      steps.push({
        back: (g) => {
          const gs = layerNormBack(ln, g);
          return add(gs, mlpBack(f.h, w, gs));
        },
        ratio: meanNorm(f.out) / meanNorm(x),
      });
      x = ln.y;
    } else {
      const ln = layerNorm(x);
      const f = mlp(ln.y, w);
      steps.push({ back: (g) => add(g, layerNormBack(ln, mlpBack(f.h, w, g))), ratio: meanNorm(f.out) / meanNorm(x) });
      x = add(x, f.out);
    }
    xs.push(x);
  }
  return { xs, steps };
}

/** The model's output at depth L: Pre-LN needs its final LayerNorm, the others do not. */
const outputAt = (f: Forward, mode: Mode, L: number): Matrix => (mode === "pre" ? layerNorm(f.xs[L]).y : f.xs[L]);

/** Mean per-token ‖∂loss/∂x_l‖ for l = 0..L, loss = Σ_t ⟨r_t, y_t⟩. */
function gradients(f: Forward, mode: Mode, L: number, readout: Matrix): number[] {
  let g = mode === "pre" ? layerNormBack(layerNorm(f.xs[L]), readout) : readout;
  const norms = [meanNorm(g)];
  for (let l = L - 1; l >= 0; l--) {
    g = f.steps[l].back(g);
    norms.unshift(meanNorm(g));
  }
  return norms;
}

// ---- the figure ---------------------------------------------------------------------------

type Words = (typeof T)[Lang];
type Nudged = { mode: string; L: number; change: number }[];
const modeColors = (t: Words) => ({ domain: MODES.map((m) => t[m]), range: ["firebrick", "darkorange", "steelblue"], legend: true });

/** The three stacks' forward passes for one initialisation, and how much a nudge to the first layer moves each depth's output. */
function stacks(i: Init, t: Words): { fwd: Record<Mode, Forward>; nudged: Nudged } {
  const fwd = { none: forward("none", i, 0), post: forward("post", i, 0), pre: forward("pre", i, 0) };
  const nudged = MODES.flatMap((mode) => {
    const moved = forward(mode, i, NUDGE);
    return Array.from({ length: MAX_L }, (_, k) => {
      const a = outputAt(fwd[mode], mode, k + 1);
      const b = outputAt(moved, mode, k + 1);
      const diff = a.map((r, p) => r.map((v, q) => v - b[p][q]));
      return { mode: t[mode], L: k + 1, change: meanNorm(diff) / meanNorm(a) };
    });
  });
  return { fwd, nudged };
}

/** The gradient's size at every layer of an L-layer stack, and the first-to-last ratio per wiring in the title. */
function gradientChart(fwd: Record<Mode, Forward>, L: number, readout: Matrix, t: Words) {
  const rows = MODES.flatMap((mode) => gradients(fwd[mode], mode, L, readout).map((g, l) => ({ mode: t[mode], l, g })));
  const ratio = MODES.map((mode) => {
    const gs = rows.filter((r) => r.mode === t[mode]);
    return `${t.short[mode]} ${(gs[0].g / gs[gs.length - 1].g).toExponential(1)}`;
  }).join(" · ");
  return Plot.plot({
    width: chartWidth(),
    height: 280,
    marginLeft: 56,
    title: t.title(L, ratio),
    x: { label: t.layer, domain: [0, L] },
    y: { type: "log", label: t.grad, grid: true, tickFormat: ".0e" },
    color: modeColors(t),
    marks: [
      Plot.line(rows, { x: "l", y: "g", stroke: "mode", strokeWidth: 2, tip: true }),
      Plot.dot(
        rows.filter((r) => r.l === 0 || r.l === L),
        { x: "l", y: "g", fill: "mode", r: 3 },
      ),
    ],
  });
}

/** Two small panels: each layer's update relative to its input (Post-LN, Pre-LN), and the nudge's effect against depth. */
function updatePanels(fwd: Record<Mode, Forward>, nudged: Nudged, L: number, t: Words): HTMLElement {
  const { domain, range } = modeColors(t);
  const updates = (["post", "pre"] as Mode[]).flatMap((mode) => fwd[mode].steps.slice(0, L).map((s, l) => ({ mode: t[mode], l: l + 1, ratio: s.ratio })));
  const small = Math.min(chartWidth(), 320);
  return sideBySide(
    8,
    Plot.plot({
      width: small,
      height: 220,
      marginLeft: 48,
      x: { label: t.layer, domain: [1, Math.max(L, 2)] },
      y: { label: t.update, grid: true, domain: [0, 1.1] },
      color: { domain, range },
      marks: [Plot.line(updates, { x: "l", y: "ratio", stroke: "mode", strokeWidth: 2, tip: true }), Plot.ruleY([0])],
    }),
    Plot.plot({
      width: small,
      height: 220,
      marginLeft: 48,
      x: { label: t.depthAxis, domain: [1, MAX_L] },
      y: { type: "log", label: t.nudge, grid: true, tickFormat: "~%" },
      color: { domain, range },
      marks: [
        Plot.line(nudged, { x: "L", y: "change", stroke: "mode", strokeWidth: 2, tip: true }),
        Plot.ruleX([L], { stroke: "currentColor", strokeDasharray: "3,3" }),
        Plot.dot(
          nudged.filter((d) => d.L === L),
          { x: "L", y: "change", fill: "mode", r: 4 },
        ),
      ],
    }),
  );
}

export default function residualDepth({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("residual-depth", t.caption);
  const depth = Inputs.range([1, MAX_L], { value: 24, step: 1, label: t.depth });
  const init = Inputs.select(["xavier", "he"] as Init[], { value: "xavier", label: t.init, format: (v) => t[v] });
  root.append(depth, init);
  const gradChart = slot(root);
  const panels = slot(root);

  const readout = randomMatrix(TOKENS, D, 9);
  // Both initialisations' stacks are computed once, on first use: the depth slider only re-slices them.
  const cache = new Map<Init, ReturnType<typeof stacks>>();
  const model = (i: Init) => cache.get(i) ?? cache.set(i, stacks(i, t)).get(i)!;

  const render = () => {
    const L = depth.value;
    const m = model(init.value);
    gradChart(gradientChart(m.fwd, L, readout, t));
    panels(updatePanels(m.fwd, m.nudged, L, t));
  };
  depth.addEventListener("input", render);
  init.addEventListener("input", render);
  render();
  return root;
}
