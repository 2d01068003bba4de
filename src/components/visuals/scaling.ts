/**
 * Topic 7: why the scores are divided by √d_k. With q, k of i.i.d. N(0, 1) components,
 * q·k has variance d_k; the spread of the logits grows like √d_k, the softmax saturates
 * (entropy → 0) and its Jacobian — the gradient that reaches W_Q and W_K — vanishes.
 * Everything is sampled with a seeded generator: 96 queries × 16 keys per d_k.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, normal, rng, slot, type Lang } from "./_shared.js";
import { entropy as entropyOf, softmax } from "./_math.js";

const DKS = [4, 8, 16, 32, 64, 128, 256, 512, 1024];
const KEYS = 16;
const ROWS = 96;

const T = {
  en: {
    caption: "Pick d_k and compare the scaled and unscaled scores of one query over 16 random keys.",
    dk: "d_k",
    scaled: "divide by √d_k",
    spread: "std of the logits",
    entropy: "softmax entropy (nats)",
    grad: "‖Jacobian‖ (gradient that flows back)",
    row: "attention weights of one query",
    key: "key",
    weight: "weight",
    withS: "scaled",
    without: "unscaled",
  },
  zh: {
    caption: "选择 d_k，比较一个查询在 16 个随机键上缩放与不缩放的分数。",
    dk: "d_k",
    scaled: "除以 √d_k",
    spread: "logits 的标准差",
    entropy: "softmax 的熵（nats）",
    grad: "雅可比矩阵范数（回传的梯度）",
    row: "一个查询的注意力权重",
    key: "键",
    weight: "权重",
    withS: "缩放",
    without: "不缩放",
  },
};

/** Frobenius norm of diag(y) − yyᵀ. */
function jacobianNorm(y: number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) for (let j = 0; j < y.length; j++) s += ((i === j ? y[i] : 0) - y[i] * y[j]) ** 2;
  return Math.sqrt(s);
}

interface Stat {
  dk: number;
  mode: string;
  spread: number;
  entropy: number;
  grad: number;
  row: number[];
}

function statsFor(dk: number, scaled: boolean, mode: string): Stat {
  const next = rng(1000 + dk);
  let sq = 0;
  let n = 0;
  let entropy = 0;
  let grad = 0;
  let first: number[] = [];
  for (let r = 0; r < ROWS; r++) {
    const q = Array.from({ length: dk }, () => normal(next));
    const logits = Array.from({ length: KEYS }, () => {
      let dot = 0;
      for (let i = 0; i < dk; i++) dot += q[i] * normal(next);
      return scaled ? dot / Math.sqrt(dk) : dot;
    });
    for (const l of logits) (sq += l * l), n++;
    const y = softmax(logits);
    entropy += entropyOf(y);
    grad += jacobianNorm(y);
    if (r === 0) first = y;
  }
  // A fully saturated row has a Jacobian of exactly 0 in float64; keep it plottable on a log axis.
  return { dk, mode, spread: Math.sqrt(sq / n), entropy: entropy / ROWS, grad: Math.max(grad / ROWS, 1e-12), row: first };
}

export default function scaling({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("scaling", t.caption);
  const dk = Inputs.select(DKS, { value: 64, label: t.dk }) as HTMLSelectElement & { value: number };
  const scaled = Inputs.toggle({ label: t.scaled, value: true }) as HTMLElement & { value: boolean };
  root.append(dk, scaled);
  const stats = [...DKS.map((d) => statsFor(d, true, t.withS)), ...DKS.map((d) => statsFor(d, false, t.without))];
  const rowChart = slot(root);
  const curves = slot(root);
  const render = () => {
    const current = stats.find((s) => s.dk === dk.value && s.mode === (scaled.value ? t.withS : t.without))!;
    rowChart(
      Plot.plot({
        width: chartWidth(),
        height: 180,
        title: `${t.row} — d_k = ${dk.value}, ${scaled.value ? t.withS : t.without}: H = ${current.entropy.toFixed(2)}`,
        y: { domain: [0, 1], label: t.weight, grid: true },
        x: { label: t.key },
        marks: [
          Plot.barY(
            current.row.map((w, i) => ({ key: i + 1, w })),
            { x: "key", y: "w", fill: scaled.value ? "steelblue" : "firebrick", tip: true },
          ),
          Plot.ruleY([0]),
        ],
      }),
    );
    const panel = (key: "spread" | "entropy" | "grad", label: string, logY: boolean) =>
      Plot.plot({
        // Two panels side by side where the column allows, one per row on a phone.
        width: chartWidth() >= 560 ? Math.floor((chartWidth() - 8) / 2) : chartWidth(),
        height: 200,
        marginBottom: 36,
        x: { type: "log", label: "d_k", ticks: [4, 16, 64, 256, 1024] },
        y: { type: logY ? "log" : "linear", label, grid: true, tickFormat: "~g" },
        color: { domain: [t.withS, t.without], range: ["steelblue", "firebrick"], legend: key === "spread" },
        marks: [
          Plot.line(stats, { x: "dk", y: key, stroke: "mode", strokeWidth: 2, tip: true }),
          Plot.ruleX([dk.value], { stroke: "currentColor", strokeDasharray: "3,3" }),
          Plot.dot(
            stats.filter((s) => s.dk === dk.value),
            { x: "dk", y: key, fill: "mode", r: 4 },
          ),
        ],
      });
    const row = document.createElement("div");
    row.style.display = "flex";
    row.style.flexWrap = "wrap";
    row.style.gap = "8px";
    row.append(panel("spread", t.spread, true), panel("entropy", t.entropy, false), panel("grad", t.grad, true));
    curves(row);
  };
  dk.addEventListener("input", render);
  scaled.addEventListener("input", render);
  render();
  return root;
}
