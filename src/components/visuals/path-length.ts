/**
 * Topic 14: how many steps a signal crosses between token 1 and position n.
 * RNN: n − 1 recurrent steps; causal CNN with contiguous kernels of width k: ⌈(n − 1)/(k − 1)⌉
 * layers; dilated causal CNN (dilations 1, k, k², …): as many layers as n − 1 has digits in
 * base k (= ⌈log_k n⌉); self-attention: 1. The chain is drawn with the highlighted path, and for
 * the RNN the gradient factor |λ|^distance of a recurrence whose Jacobian has spectral radius λ.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { svgEl } from "../dom.js";

type Arch = "rnn" | "cnn" | "dilated" | "attn";
const ARCHS: Arch[] = ["rnn", "cnn", "dilated", "attn"];

const T = {
  en: {
    caption: "A signal has to get from token 1 to position n. Count the steps it crosses in each architecture.",
    n: "sequence length n",
    arch: "architecture",
    k: "kernel width k",
    lambda: "spectral radius λ (RNN)",
    names: { rnn: "RNN / LSTM", cnn: "CNN, contiguous kernel k", dilated: "CNN, dilated kernel k", attn: "self-attention" } as Record<Arch, string>,
    steps: "steps between token 1 and position n",
    stepsShort: "steps",
    recurrent: "recurrent steps",
    layers: "layers",
    attnHop: "attention step",
    token: "token",
    input: "inputs",
    pathChart: "Path length versus n (all four)",
    gradChart: "RNN: gradient factor |λ|^distance",
    distance: "distance (time steps)",
    factor: "|λ|^distance",
    vanish: "vanishing",
    explode: "exploding",
    flat: "stays at 1",
  },
  zh: {
    caption: "信号要从第 1 个词元传到第 n 个位置。数一数在各种结构中它要经过多少步。",
    n: "序列长度 n",
    arch: "结构",
    k: "卷积核宽度 k",
    lambda: "谱半径 λ（RNN）",
    names: { rnn: "RNN / LSTM", cnn: "CNN，连续卷积核 k", dilated: "CNN，空洞卷积核 k", attn: "自注意力" } as Record<Arch, string>,
    steps: "第 1 个词元到第 n 个位置的步数",
    stepsShort: "步数",
    recurrent: "次循环",
    layers: "层",
    attnHop: "次注意力",
    token: "词元",
    input: "输入",
    pathChart: "路径长度随 n 的变化（四种结构）",
    gradChart: "RNN：梯度因子 |λ|^距离",
    distance: "距离（时间步）",
    factor: "|λ|^距离",
    vanish: "消失",
    explode: "爆炸",
    flat: "保持为 1",
  },
};

/** Number of steps between input 1 and output n, as defined on the page. */
export function pathLength(arch: Arch, n: number, k: number): number {
  if (n <= 1) return 0;
  switch (arch) {
    case "rnn":
      return n - 1;
    case "cnn":
      return Math.ceil((n - 1) / (k - 1));
    case "dilated": {
      let digits = 0;
      for (let m = n - 1; m > 0; m = Math.floor(m / k)) digits++;
      return digits;
    }
    case "attn":
      return 1;
  }
}

const HIGHLIGHT = "darkorange";

/** The chain of n tokens and the highlighted path from token 1 to position n. */
/** What the three chain drawings share: the canvas, its geometry and the two primitives. */
interface ChainCanvas {
  svg: SVGSVGElement;
  n: number;
  k: number;
  /** Path length, which is also the number of convolution layers. */
  L: number;
  top: number;
  rowGap: number;
  r: number;
  x: (i: number) => number;
  y: (row: number) => number;
  line: (x1: number, y1: number, x2: number, y2: number, hot: boolean) => void;
  dot: (cx: number, cy: number, hot: boolean) => void;
}

/** Inputs x_t (row 0) feed hidden states h_t (row 1); h_{t-1} → h_t carries the signal along. */
function rnnChain({ svg, n, x, y, line, dot }: ChainCanvas, t: (typeof T)["en"]): string {
  for (let i = 1; i <= n; i++) line(x(i), y(0), x(i), y(1), i === 1);
  for (let i = 2; i <= n; i++) line(x(i - 1), y(1), x(i), y(1), true);
  for (let i = 1; i <= n; i++) dot(x(i), y(0), i === 1), dot(x(i), y(1), true);
  svg.append(svgEl("text", { x: 2, y: y(1) + 4, "font-style": "italic" }, "h"));
  svg.append(svgEl("text", { x: 2, y: y(0) + 4, "font-style": "italic" }, "x"));
  return `${n - 1} ${t.recurrent}`;
}

/** Every position attends to every earlier one in one step; draw position n's arcs. */
function attnChain({ svg, n, top, x, y, dot }: ChainCanvas, t: (typeof T)["en"]): string {
  for (let i = 1; i < n; i++) {
    const x1 = x(i);
    const x2 = x(n);
    const hgt = ((top - 12) * (x2 - x1)) / Math.max(1, x(n) - x(1));
    svg.append(
      svgEl("path", {
        d: `M${x1},${y(0)} Q${(x1 + x2) / 2},${y(0) - 2 * hgt} ${x2},${y(0)}`,
        fill: "none",
        stroke: i === 1 ? HIGHLIGHT : "currentColor",
        "stroke-opacity": i === 1 ? 1 : 0.2,
        "stroke-width": i === 1 ? 2.5 : 1,
      }),
    );
  }
  for (let i = 1; i <= n; i++) dot(x(i), y(0), i === 1 || i === n);
  return `1 ${t.attnHop}`;
}

/** Causal convolutions: unit (ℓ, i) reads (ℓ − 1, i − j·s) for j = 0 … k − 1, stride s = 1 or k^(ℓ−1). */
function convChain({ svg, n, k, L, rowGap, r, x, y, line }: ChainCanvas, dilated: boolean, t: (typeof T)["en"]): string {
  const stride = (l: number) => (dilated ? k ** (l - 1) : 1);
  // The receptive field of the top unit at position n, layer by layer (shaded).
  let field = new Set<number>([n]);
  const fields: Set<number>[] = [];
  fields[L] = field;
  for (let l = L; l >= 1; l--) {
    const below = new Set<number>();
    for (const i of field) for (let j = 0; j < k; j++) if (i - j * stride(l) >= 1) below.add(i - j * stride(l));
    fields[l - 1] = below;
    field = below;
  }
  // The highlighted path: at each layer move right as far as the kernel allows.
  const path: number[] = [1];
  let pos = 1;
  const digits: number[] = [];
  for (let m = n - 1; m > 0; m = Math.floor(m / k)) digits.push(m % k);
  for (let l = 1; l <= L; l++) {
    const jump = dilated ? (digits[l - 1] ?? 0) * stride(l) : Math.min(k - 1, n - pos);
    pos += jump;
    path.push(pos);
  }
  for (let l = 0; l <= L; l++) {
    for (let i = 1; i <= n; i++) {
      const inField = fields[l]?.has(i) ?? false;
      svg.append(svgEl("circle", { cx: x(i), cy: y(l), r: Math.min(r, rowGap / 2.5), fill: "currentColor", "fill-opacity": inField ? 0.55 : 0.12 }));
    }
  }
  for (let l = 1; l <= L; l++) line(x(path[l - 1]), y(l - 1), x(path[l]), y(l), true);
  path.forEach((p, l) => void svg.append(svgEl("circle", { cx: x(p), cy: y(l), r: Math.min(r, rowGap / 2.5) + 0.5, fill: HIGHLIGHT })));
  return `${L} ${t.layers}`;
}

/** The chain of n tokens and the highlighted path from token 1 to position n. */
function chain(arch: Arch, n: number, k: number, width: number, t: (typeof T)["en"]): SVGSVGElement {
  const L = pathLength(arch, n, k);
  const left = 26;
  const right = 10;
  const dx = n > 1 ? (width - left - right) / (n - 1) : 0;
  const x = (i: number) => left + (i - 1) * dx; // i is 1-based
  const r = Math.max(1.6, Math.min(6, dx / 3));
  const rows = arch === "rnn" ? 2 : arch === "attn" ? 1 : L + 1;
  const rowGap = arch === "rnn" ? 60 : arch === "attn" ? 0 : Math.max(4, Math.min(36, 220 / Math.max(1, L)));
  const top = arch === "attn" ? Math.min(150, 30 + (width - left - right) / 4) : 30;
  const height = top + (rows - 1) * rowGap + 44;
  const y = (row: number) => top + (rows - 1 - row) * rowGap; // row 0 (the inputs) at the bottom
  const svg = svgEl("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "font-family": "var(--sans-serif)",
    "font-size": 11,
    fill: "currentColor",
  });
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  const line = (x1: number, y1: number, x2: number, y2: number, hot: boolean) =>
    void svg.append(
      svgEl("line", { x1, y1, x2, y2, stroke: hot ? HIGHLIGHT : "currentColor", "stroke-opacity": hot ? 1 : 0.25, "stroke-width": hot ? 2.5 : 1 }),
    );
  const dot = (cx: number, cy: number, hot: boolean) =>
    void svg.append(svgEl("circle", { cx, cy, r, fill: hot ? HIGHLIGHT : "currentColor", "fill-opacity": hot ? 1 : 0.45 }));
  const canvas: ChainCanvas = { svg, n, k, L, top, rowGap, r, x, y, line, dot };

  const label = arch === "rnn" ? rnnChain(canvas, t) : arch === "attn" ? attnChain(canvas, t) : convChain(canvas, arch === "dilated", t);
  svg.append(svgEl("text", { x: x(1), y: height - 20, "text-anchor": "middle" }, "1"));
  if (n > 1) svg.append(svgEl("text", { x: x(n), y: height - 20, "text-anchor": "middle" }, String(n)));
  svg.append(
    svgEl("text", { x: width / 2, y: height - 4, "text-anchor": "middle", "font-size": 12, "font-weight": 600, fill: HIGHLIGHT }, `${t.names[arch]}: ${label}`),
  );
  return svg;
}

/** Path length against n (2 … 2048) for all four architectures, the chosen one thicker and its value at n marked. */
function lengthsPlot(t: (typeof T)["en"], arch: Arch, n: number, k: number, w: number) {
  const xs = Array.from({ length: 41 }, (_, i) => Math.round(2 ** (1 + i / 4))).filter((v, i, a) => a.indexOf(v) === i); // 2 … 2048
  const rows = ARCHS.flatMap((a) => xs.map((v) => ({ n: v, steps: pathLength(a, v, k), arch: t.names[a] })));
  return Plot.plot({
    width: w,
    height: 240,
    marginLeft: 50,
    subtitle: `${t.pathChart} — k = ${k}`,
    x: { type: "log", base: 2, label: "n", domain: [2, 2048], ticks: [2, 8, 32, 128, 512, 2048], tickFormat: (v: number) => String(v), grid: true },
    y: {
      type: "log",
      base: 2,
      label: t.stepsShort,
      domain: [0.7, 2048],
      ticks: [1, 4, 16, 64, 256, 1024],
      tickFormat: (v: number) => String(v),
      grid: true,
    },
    color: { domain: ARCHS.map((a) => t.names[a]), range: ["steelblue", "seagreen", "mediumpurple", "firebrick"], legend: true },
    marks: [
      Plot.line(rows, {
        x: "n",
        y: "steps",
        stroke: "arch",
        strokeWidth: (d: { arch: string }) => (d.arch === t.names[arch] ? 3 : 1.2),
        curve: "step-after",
        tip: true,
      }),
      Plot.ruleX([n], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.dot([{ n, steps: pathLength(arch, n, k) }], { x: "n", y: "steps", r: 5, fill: HIGHLIGHT, stroke: "currentColor" }),
    ],
  });
}

/** The RNN's gradient factor |λ|^distance over distances 0 … N − 1, on a log scale. */
function gradientPlot(t: (typeof T)["en"], lam: number, N: number) {
  const rows = Array.from({ length: N }, (_, dist) => ({ dist, g: lam ** dist, curve: `λ = ${lam.toFixed(2)}` }));
  const end = lam ** (N - 1);
  const verdict = lam < 1 ? t.vanish : lam > 1 ? t.explode : t.flat;
  return Plot.plot({
    width: chartWidth(),
    height: 220,
    marginLeft: 56,
    subtitle: `${t.gradChart}: ${lam.toFixed(2)}^${N - 1} = ${end.toExponential(2)} (${verdict})`,
    x: { label: t.distance, domain: [0, Math.max(1, N - 1)], grid: true },
    y: { type: "log", label: t.factor, domain: [Math.min(1e-3, end), Math.max(1e3, end)], tickFormat: "~e", grid: true },
    marks: [
      Plot.ruleY([1], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.line(rows, { x: "dist", y: "g", stroke: lam < 1 ? "steelblue" : lam > 1 ? "firebrick" : "gray", strokeWidth: 2.5, tip: true }),
      Plot.dot([{ dist: N - 1, g: end }], { x: "dist", y: "g", r: 5, fill: HIGHLIGHT, stroke: "currentColor" }),
    ],
  });
}

export default function pathLengthVisual({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("path-length", t.caption);
  const n = Inputs.range([2, 64], { label: t.n, value: 16, step: 1 }) as HTMLElement & { value: number };
  const arch = Inputs.select(ARCHS, { label: t.arch, value: "rnn", format: (a: Arch) => t.names[a] }) as HTMLElement & { value: Arch };
  const k = Inputs.range([2, 9], { label: t.k, value: 3, step: 1 }) as HTMLElement & { value: number };
  const lambda = Inputs.range([0.5, 1.5], { label: t.lambda, value: 0.9, step: 0.01 }) as HTMLElement & { value: number };
  root.append(n, arch, k);
  const diagram = slot(root);
  const lengths = slot(root);
  root.append(lambda);
  const gradient = slot(root);

  const renderGradient = () => gradient(gradientPlot(t, lambda.value, n.value));
  const renderChain = () => {
    const w = chartWidth();
    diagram(chain(arch.value, n.value, k.value, w, t));
    lengths(lengthsPlot(t, arch.value, n.value, k.value, w));
    renderGradient();
  };

  n.addEventListener("input", renderChain);
  arch.addEventListener("input", renderChain);
  k.addEventListener("input", renderChain);
  lambda.addEventListener("input", renderGradient);
  renderChain();
  return root;
}
