/**
 * Topic 23: the sinusoidal positional encoding of Vaswani et al. (2017, §3.5),
 * PE(pos, 2i) = sin(pos·ω_i), PE(pos, 2i+1) = cos(pos·ω_i), ω_i = 10000^(−2i/d_model).
 * Shown as the [positions × d_model] matrix, as a few of its columns against position,
 * as the geometric ladder of wavelengths 2π/ω_i, and as the dot product PE(p)·PE(p+k),
 * which equals Σ_i cos(k·ω_i) whatever p is. Nothing is random here: PE is a fixed table.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { dot } from "./_math.js";

const T = {
  en: {
    caption: "The sinusoidal positional encoding: one row per position, one column per dimension. Change d_model and the number of positions.",
    d: "d_model",
    maxPos: "positions shown",
    heat: "PE matrix [positions × d_model]",
    dim: "dimension",
    pos: "position",
    value: "PE value",
    lines: "selected sine columns PE(pos, 2i) against position",
    waves: "wavelength 2π/ω_i of each pair (log scale)",
    pair: "pair index i",
    wavelength: "wavelength (positions)",
    dotTitle: "PE(p) · PE(p + k) against the offset k",
    offset: "offset k",
    dotLabel: "dot product",
    fromZero: "p = 0 (line)",
    fromOther: "p = ",
    dots: " (dots)",
  },
  zh: {
    caption: "正弦位置编码：每行一个位置，每列一个维度。改变 d_model 和显示的位置数。",
    d: "d_model",
    maxPos: "显示的位置数",
    heat: "PE 矩阵 [位置 × d_model]",
    dim: "维度",
    pos: "位置",
    value: "PE 取值",
    lines: "选出的几列正弦分量 PE(pos, 2i) 随位置的变化",
    waves: "每一对维度的波长 2π/ω_i（对数坐标）",
    pair: "维度对编号 i",
    wavelength: "波长（位置数）",
    dotTitle: "PE(p) · PE(p + k) 随偏移 k 的变化",
    offset: "偏移 k",
    dotLabel: "点积",
    fromZero: "p = 0（折线）",
    fromOther: "p = ",
    dots: "（圆点）",
  },
};

/** ω_i = 10000^(−2i/d) for i = 0 … d/2 − 1. */
function frequencies(d: number): number[] {
  return Array.from({ length: d / 2 }, (_, i) => Math.pow(10000, (-2 * i) / d));
}

/** One row of the table: interleaved sin/cos, as in the paper. */
function encode(pos: number, omega: number[]): number[] {
  const row: number[] = [];
  for (const w of omega) row.push(Math.sin(pos * w), Math.cos(pos * w));
  return row;
}

type Words = (typeof T)[Lang];

/** The PE table as a raster: row = position (top to bottom), column = dimension. */
function tableRaster(table: number[][], d: number, L: number, w: number, t: Words) {
  return Plot.plot({
    width: w,
    height: Math.round(Math.min(320, Math.max(180, w * 0.45))),
    marginLeft: 44,
    title: `${t.heat} = [${L} × ${d}]`,
    x: { domain: [0, d], label: t.dim },
    y: { domain: [L, 0], label: t.pos },
    color: { type: "linear", scheme: "RdBu", domain: [-1, 1], legend: true, label: t.value },
    marks: [Plot.raster(table.flat(), { width: d, height: L, x1: 0, x2: d, y1: 0, y2: L, imageRendering: "pixelated" }), Plot.frame()],
  });
}

/** A few sine columns, from the fastest pair to the slowest. */
function sineColumns(table: number[][], omega: number[], d: number, w: number, t: Words) {
  const picks = [...new Set([0, Math.floor(d / 16), Math.floor(d / 8), Math.floor(d / 4)])];
  const lineData = picks.flatMap((i) => table.map((row, p) => ({ p, v: row[2 * i], series: `2i = ${2 * i} (λ ≈ ${((2 * Math.PI) / omega[i]).toFixed(1)})` })));
  return Plot.plot({
    width: w,
    height: 200,
    title: t.lines,
    x: { label: t.pos },
    y: { domain: [-1.05, 1.05], label: "PE", grid: true },
    color: { type: "ordinal", scheme: "Tableau10", legend: true },
    marks: [Plot.ruleY([0]), Plot.line(lineData, { x: "p", y: "v", stroke: "series", strokeWidth: 1.5, tip: true })],
  });
}

/** Each pair's wavelength, from 2π to 10000·2π on a log axis. */
function wavelengths(omega: number[], width: number, t: Words) {
  const waveData = omega.map((wi, i) => ({ i, lambda: (2 * Math.PI) / wi }));
  return Plot.plot({
    width,
    height: 220,
    title: t.waves,
    x: { label: t.pair },
    y: { type: "log", label: t.wavelength, grid: true, domain: [4, 2 * Math.PI * 10000 * 1.5], ticks: [10, 100, 1000, 10000, 100000], tickFormat: "~s" },
    marks: [
      Plot.ruleY([2 * Math.PI, 2 * Math.PI * 10000], { stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "3,3" }),
      Plot.text(
        [
          { y: 2 * Math.PI, s: "2π" },
          { y: 2 * Math.PI * 10000, s: "10000·2π" },
        ],
        { x: 0, y: "y", text: "s", dy: -6, textAnchor: "start", fill: "currentColor" },
      ),
      Plot.dot(waveData, { x: "i", y: "lambda", r: 2, fill: "steelblue", tip: true }),
    ],
  });
}

/** PE(p)·PE(p+k) from the actual rows, at p = 0 and at a second p: the curves coincide. */
function offsetDots(omega: number[], d: number, L: number, width: number, t: Words) {
  const p2 = Math.floor(L / 3);
  const K = L;
  const fromZero = Array.from({ length: K }, (_, k) => ({ k, v: dot(encode(0, omega), encode(k, omega)) }));
  const step = Math.max(1, Math.floor(K / 40));
  const fromP2 = Array.from({ length: Math.ceil(K / step) }, (_, j) => j * step).map((k) => ({ k, v: dot(encode(p2, omega), encode(p2 + k, omega)) }));
  return Plot.plot({
    width,
    height: 220,
    title: t.dotTitle,
    x: { label: t.offset },
    y: { label: t.dotLabel, grid: true, domain: [Math.min(0, ...fromZero.map((r) => r.v)), d / 2] },
    color: { domain: [t.fromZero, `${t.fromOther}${p2}${t.dots}`], range: ["steelblue", "darkorange"], legend: true },
    marks: [
      Plot.ruleY([0]),
      Plot.line(fromZero, { x: "k", y: "v", stroke: () => t.fromZero, strokeWidth: 2, tip: true }),
      Plot.dot(fromP2, { x: "k", y: "v", fill: () => `${t.fromOther}${p2}${t.dots}`, r: 2.5 }),
    ],
  });
}

export default function sinusoidalPe({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("sinusoidal-pe", t.caption);
  const dModel = Inputs.range([8, 512], { value: 128, step: 8, label: t.d }) as HTMLInputElement & { value: number };
  const maxPos = Inputs.range([16, 512], { value: 100, step: 4, label: t.maxPos }) as HTMLInputElement & { value: number };
  root.append(dModel, maxPos);
  const heat = slot(root);
  const panels = slot(root);

  const render = () => {
    const d = dModel.value;
    const L = maxPos.value;
    const omega = frequencies(d);
    const table = Array.from({ length: L }, (_, p) => encode(p, omega));
    const w = chartWidth();
    heat(tableRaster(table, d, L, w, t));
    // Two panels side by side when there is room, stacked on a phone.
    const panelW = w >= 560 ? Math.floor((w - 12) / 2) : w;
    const pair = [wavelengths(omega, panelW, t), offsetDots(omega, d, L, panelW, t)];
    for (const panel of pair) (panel as HTMLElement).style.width = `${panelW}px`;
    panels(el("div", {}, sineColumns(table, omega, d, w, t), sideBySide(8, ...pair)));
  };
  dModel.addEventListener("input", render);
  maxPos.addEventListener("input", render);
  render();
  return root;
}
