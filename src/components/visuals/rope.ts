/**
 * Topic 33: rotary position embeddings. A seeded query q and key k of width d = 16 (8 pairs,
 * interleaved (x_{2i}, x_{2i+1}) as in RoFormer). Pair i of the query at position m is rotated
 * by m·θ_i, θ_i = base^(−2i/d); the key at position n = m + Δ by n·θ_i. Because rotations
 * compose, ⟨R_m q, R_n k⟩ = ⟨q, R_{n−m} k⟩: the score is flat in m for a fixed offset, unlike
 * additive absolute PE. The "same angle for every pair" variant (0.5 rad per position, as in a
 * popular worked example) keeps that property but turns the score into a single sinusoid of
 * the offset, with period 4π ≈ 12.6 positions.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { dot, randomMatrix, sinusoidalEncoding } from "./_math.js";

const add = (a: number[], b: number[]) => a.map((v, j) => v + b[j]);

const D = 16;
const PAIRS = D / 2;
const SAME_ANGLE = 0.5;
const M_MAX = 64;
const Q = randomMatrix(1, D, 3301)[0];
const K = randomMatrix(1, D, 3302)[0];

const T = {
  en: {
    caption: "Eight 2-D pairs of a query (blue) and a key (orange), each on its own unit circle. Move the position and watch each pair turn at its own speed.",
    m: "query position m",
    base: "base",
    delta: "offset Δ = n − m",
    same: "same angle (0.5 rad) for every pair",
    circles: "pair i rotated by m·θ_i (query) and n·θ_i (key)",
    pair: "i",
    flatTitle: "score against m at a fixed offset",
    position: "query position m",
    score: "score",
    rope: "RoPE ⟨R_m q, R_n k⟩",
    additive: "additive PE (q + PE(m))·(k + PE(n))",
    offsetTitle: "⟨x, R_Δ x⟩ against the offset Δ, for x with unit pairs",
    offset: "offset Δ",
    perPair: "θ_i = base^(−2i/d)",
    sameLabel: "every pair at 0.5 rad",
  },
  zh: {
    caption: "查询（蓝）和键（橙）的 8 个二维分量对，各画在自己的单位圆上。移动位置，看每一对以各自的速度转动。",
    m: "查询位置 m",
    base: "底数 base",
    delta: "偏移 Δ = n − m",
    same: "所有维度对用同一个角度（0.5 弧度）",
    circles: "第 i 对旋转 m·θ_i（查询）和 n·θ_i（键）",
    pair: "i",
    flatTitle: "偏移固定时分数随 m 的变化",
    position: "查询位置 m",
    score: "分数",
    rope: "RoPE ⟨R_m q, R_n k⟩",
    additive: "加性位置编码 (q + PE(m))·(k + PE(n))",
    offsetTitle: "各对为单位向量的 x：⟨x, R_Δ x⟩ 随偏移 Δ 的变化",
    offset: "偏移 Δ",
    perPair: "θ_i = base^(−2i/d)",
    sameLabel: "所有维度对都用 0.5 弧度",
  },
};

function thetas(base: number, same: boolean): number[] {
  return Array.from({ length: PAIRS }, (_, i) => (same ? SAME_ANGLE : Math.pow(base, (-2 * i) / D)));
}

/** Interleaved RoPE: pair (x_{2i}, x_{2i+1}) rotated by pos·θ_i. */
function rotate(x: number[], pos: number, theta: number[]): number[] {
  const out = x.slice();
  for (let i = 0; i < PAIRS; i++) {
    const c = Math.cos(pos * theta[i]);
    const s = Math.sin(pos * theta[i]);
    out[2 * i] = c * x[2 * i] - s * x[2 * i + 1];
    out[2 * i + 1] = s * x[2 * i] + c * x[2 * i + 1];
  }
  return out;
}

type Words = (typeof T)[Lang];
interface Settings {
  m: number;
  base: number;
  delta: number;
  same: boolean;
}

/** Each pair on its own unit circle, q at m and k at n = m + Δ; arrows are the pair normalised to length 1. */
function pairCircles(v: Settings, theta: number[], w: number, t: Words) {
  const n = v.m + v.delta;
  const cols = w >= 560 ? 4 : 2;
  const rows = PAIRS / cols;
  const cell = 2.7;
  const ring = Array.from({ length: PAIRS }, (_, i) =>
    Array.from({ length: 61 }, (_, j) => ({
      i,
      x: (i % cols) * cell + Math.cos((j / 60) * 2 * Math.PI),
      y: -Math.floor(i / cols) * cell + Math.sin((j / 60) * 2 * Math.PI),
    })),
  ).flat();
  const arrows = (x: number[], pos: number, who: string) =>
    Array.from({ length: PAIRS }, (_, i) => {
      const r = rotate(x, pos, theta);
      const len = Math.hypot(r[2 * i], r[2 * i + 1]) || 1;
      const cx = (i % cols) * cell;
      const cy = -Math.floor(i / cols) * cell;
      return { who, x1: cx, y1: cy, x2: cx + r[2 * i] / len, y2: cy + r[2 * i + 1] / len };
    });
  const labels = Array.from({ length: PAIRS }, (_, i) => ({
    x: (i % cols) * cell,
    y: -Math.floor(i / cols) * cell + 1.18,
    s: `i = ${i}: θ = ${theta[i] >= 0.01 ? theta[i].toFixed(3) : theta[i].toExponential(1)}, mθ = ${(v.m * theta[i]).toFixed(2)}`,
  }));
  const xDomain: [number, number] = [-1.35, (cols - 1) * cell + 1.35];
  const yDomain: [number, number] = [-(rows - 1) * cell - 1.25, 1.4];
  return Plot.plot({
    width: w,
    height: Math.round((w * (yDomain[1] - yDomain[0])) / (xDomain[1] - xDomain[0])),
    title: `${t.circles} — m = ${v.m}, n = ${n}`,
    x: { domain: xDomain, axis: null },
    y: { domain: yDomain, axis: null },
    color: { domain: ["q", "k"], range: ["steelblue", "darkorange"], legend: true },
    marks: [
      Plot.line(ring, { x: "x", y: "y", z: "i", stroke: "currentColor", strokeOpacity: 0.3 }),
      Plot.arrow([...arrows(Q, v.m, "q"), ...arrows(K, n, "k")], { x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: "who", strokeWidth: 2, headLength: 8 }),
      Plot.text(labels, { x: "x", y: "y", text: "s", fontSize: 10, fill: "currentColor" }),
    ],
  });
}

/** Score against m at a fixed offset: RoPE is flat, additive absolute PE is not. */
function flatScore(v: Settings, theta: number[], width: number, t: Words) {
  const flat = Array.from({ length: M_MAX + 1 }, (_, p) => [
    { p, s: dot(rotate(Q, p, theta), rotate(K, p + v.delta, theta)), kind: t.rope },
    { p, s: dot(add(Q, sinusoidalEncoding(p, D)), add(K, sinusoidalEncoding(p + v.delta, D))), kind: t.additive },
  ]).flat();
  return Plot.plot({
    width,
    height: 240,
    title: `${t.flatTitle} (Δ = ${v.delta})`,
    x: { label: t.position },
    y: { label: t.score, grid: true, nice: true, inset: 6 },
    color: { domain: [t.rope, t.additive], range: ["steelblue", "gray"], legend: true },
    marks: [
      Plot.line(flat, { x: "p", y: "s", stroke: "kind", strokeWidth: 2, tip: true }),
      Plot.dot(
        flat.filter((r) => r.p === v.m),
        { x: "p", y: "s", fill: "kind", r: 4 },
      ),
    ],
  });
}

/** Score against the offset for a vector with unit pairs: many frequencies vs one. */
function offsetScore(v: Settings, width: number, t: Words) {
  const unit = Array.from({ length: D }, (_, j) => (j % 2 === 0 ? 1 : 0));
  const perPair = thetas(v.base, false);
  const one = thetas(v.base, true);
  const curve = Array.from({ length: 101 }, (_, d) => d).flatMap((d) => [
    { d, s: dot(unit, rotate(unit, d, perPair)), kind: t.perPair },
    { d, s: dot(unit, rotate(unit, d, one)), kind: t.sameLabel },
  ]);
  return Plot.plot({
    width,
    height: 240,
    title: t.offsetTitle,
    x: { label: t.offset },
    y: { label: t.score, grid: true, domain: [-PAIRS, PAIRS] },
    color: { domain: [t.perPair, t.sameLabel], range: ["steelblue", "firebrick"], legend: true },
    marks: [
      Plot.ruleY([0]),
      ...[t.perPair, t.sameLabel].map((kind) =>
        Plot.line(
          curve.filter((r) => r.kind === kind),
          { x: "d", y: "s", stroke: "kind", strokeWidth: (kind === t.sameLabel) === v.same ? 2.5 : 1, tip: true },
        ),
      ),
      Plot.ruleX([v.delta], { stroke: "currentColor", strokeDasharray: "3,3" }),
      Plot.dot(
        curve.filter((r) => r.d === v.delta),
        { x: "d", y: "s", fill: "kind", r: 4, tip: true },
      ),
    ],
  });
}

export default function rope({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("rope", t.caption);
  const m = Inputs.range([0, M_MAX], { value: 5, step: 1, label: t.m }) as HTMLInputElement & { value: number };
  const base = Inputs.select([100, 1000, 10000, 100000, 1000000], { value: 10000, label: t.base }) as HTMLElement & { value: number };
  const delta = Inputs.range([0, 40], { value: 3, step: 1, label: t.delta }) as HTMLInputElement & { value: number };
  const same = Inputs.toggle({ label: t.same, value: false }) as HTMLElement & { value: boolean };
  root.append(m, base, delta, same);
  const circles = slot(root);
  const plots = slot(root);

  const render = () => {
    const v: Settings = { m: m.value, base: base.value, delta: delta.value, same: same.value };
    const theta = thetas(v.base, v.same);
    const w = chartWidth();
    circles(pairCircles(v, theta, w, t));
    const panelW = w >= 560 ? Math.floor((w - 12) / 2) : w;
    const panels = [flatScore(v, theta, panelW, t), offsetScore(v, panelW, t)];
    for (const fig of panels) (fig as HTMLElement).style.width = `${panelW}px`;
    plots(sideBySide(12, ...panels));
  };
  for (const input of [m, base, delta, same]) input.addEventListener("input", render);
  render();
  return root;
}
