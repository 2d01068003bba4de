/**
 * Topic 30: inverted dropout on one seeded activation vector. At train time each unit is
 * kept with probability 1 − p and the kept units are multiplied by 1/(1 − p), so the
 * expectation of every unit is unchanged; at inference dropout is the identity. Averaging
 * many seeded training passes shows the mean staying at x with the 1/(1 − p) factor and
 * shrinking to (1 − p)·x without it — the mismatch the scaling exists to remove.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, rng, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { dot, randomMatrix } from "./_math.js";

const UNITS = 12;
const PASSES = 2000;
/** One activation vector (think: one token's sub-layer output, 12 of its d_model features). */
const X = randomMatrix(1, UNITS, 30)[0];
const XMAX = Math.max(...X.map(Math.abs));
/** The unit followed in the running-mean chart: the largest positive one. */
const WATCH = X.reduce((best, v, i) => (v > X[best] ? i : best), 0);

const T = {
  en: {
    caption: "One activation vector through dropout. Move p, draw new masks, and switch between training and inference.",
    p: "dropout rate p",
    mode: "mode",
    train: "training",
    infer: "inference",
    scaled: "scale kept units by 1/(1 − p)",
    resample: "Draw a new mask",
    unit: "unit",
    value: "activation",
    original: "original x",
    onePassTrain: (dropped: number, factor: string) => `One training pass: ${dropped} of ${UNITS} units dropped (×), kept units multiplied by ${factor}`,
    onePassInfer: "Inference: dropout is the identity — nothing dropped, nothing rescaled",
    meanTitle: (p: string) => `Mean over ${PASSES} training passes (p = ${p}); tick = original x = inference output`,
    withS: "with 1/(1 − p)",
    without: "without scaling",
    runTitle: (i: number) => `Running mean of unit ${i} as passes accumulate`,
    passes: "number of training passes (log scale)",
    runMean: "running mean",
    ratio: (a: string, b: string, p: string) =>
      `Train-time mean ÷ inference output (projection ⟨mean, x⟩/⟨x, x⟩): ${a} with 1/(1 − p), ${b} without — i.e. about 1 − p = ${p}. Without the factor, the next layer would see activations 1/(1 − p) times larger at inference than it was trained on.`,
  },
  zh: {
    caption: "一个激活向量经过 dropout。拖动 p、重新抽取掩码，并在训练与推理之间切换。",
    p: "丢弃率 p",
    mode: "模式",
    train: "训练",
    infer: "推理",
    scaled: "保留的单元乘以 1/(1 − p)",
    resample: "重新抽取掩码",
    unit: "单元",
    value: "激活值",
    original: "原始 x",
    onePassTrain: (dropped: number, factor: string) => `一次训练前向：${UNITS} 个单元中丢弃 ${dropped} 个（×），保留的单元乘以 ${factor}`,
    onePassInfer: "推理：dropout 是恒等映射——不丢弃，也不缩放",
    meanTitle: (p: string) => `${PASSES} 次训练前向的平均（p = ${p}）；短横线为原始 x，即推理输出`,
    withS: "乘 1/(1 − p)",
    without: "不缩放",
    runTitle: (i: number) => `单元 ${i} 的累计平均随前向次数的变化`,
    passes: "训练前向次数（对数轴）",
    runMean: "累计平均",
    ratio: (a: string, b: string, p: string) =>
      `训练期平均 ÷ 推理输出（投影 ⟨平均, x⟩/⟨x, x⟩）：乘 1/(1 − p) 时为 ${a}，不缩放时为 ${b}——约等于 1 − p = ${p}。不乘这个因子，推理时下一层看到的激活会比训练时大 1/(1 − p) 倍。`,
  },
};

/** Keep/drop decisions from uniform draws: unit i is dropped when u_i < p, so a larger p drops a superset. */
function uniforms(seed: number, n: number): number[] {
  const next = rng(seed);
  return Array.from({ length: n }, () => next());
}

type Words = (typeof T)[Lang];
const meanColor = (t: Words) => ({ domain: [t.withS, t.without], range: ["steelblue", "darkorange"], legend: true });

/** One forward pass: each unit's input (tick) and output (bar), dropped units crossed. */
function onePassChart(rate: number, factor: number, draw: number, training: boolean, t: Words) {
  const u = uniforms(3001 + draw, UNITS);
  const out = X.map((x, i) => {
    const dropped = training && u[i] < rate;
    return { unit: i + 1, x, y: training ? (dropped ? 0 : x * factor) : x, dropped };
  });
  const nDropped = out.filter((d) => d.dropped).length;
  return Plot.plot({
    width: chartWidth(),
    height: 220,
    marginLeft: 50,
    title: training ? t.onePassTrain(nDropped, factor.toFixed(3)) : t.onePassInfer,
    x: { label: t.unit, type: "band" },
    y: { label: t.value, grid: true, domain: [-XMAX * Math.max(factor, 1.25), XMAX * Math.max(factor, 1.25)] },
    marks: [
      Plot.ruleY([0]),
      Plot.barY(out, { x: "unit", y: "y", fill: "steelblue", tip: true }),
      Plot.tickY(out, { x: "unit", y: "x", stroke: "currentColor", strokeWidth: 2 }),
      Plot.dot(
        out.filter((d) => d.dropped),
        { x: "unit", y: 0, symbol: "times", stroke: "firebrick", r: 6, strokeWidth: 2.5 },
      ),
    ],
  });
}

/** Many training passes: the mean of every unit, with and without the 1/(1 − p) factor, and the running mean of the watched unit. */
function simulate(rate: number, draw: number, t: Words) {
  const keep = 1 - rate;
  const next = rng(5000 + draw);
  const sumS = new Array<number>(UNITS).fill(0);
  const sumU = new Array<number>(UNITS).fill(0);
  const run: { n: number; v: number; kind: string }[] = [];
  let runS = 0;
  let runU = 0;
  for (let n = 1; n <= PASSES; n++) {
    for (let i = 0; i < UNITS; i++) {
      const kept = next() >= rate;
      if (!kept) continue;
      sumS[i] += keep > 0 ? X[i] / keep : 0;
      sumU[i] += X[i];
    }
    const kept = next() >= rate;
    if (kept) (runS += keep > 0 ? X[WATCH] / keep : 0), (runU += X[WATCH]);
    if (n <= 20 || n % 10 === 0) run.push({ n, v: runS / n, kind: t.withS }, { n, v: runU / n, kind: t.without });
  }
  return { meanS: sumS.map((s) => s / PASSES), meanU: sumU.map((s) => s / PASSES), run };
}

function meanChart(meanS: number[], meanU: number[], rate: number, t: Words) {
  const meanData = [...meanS.map((v, i) => ({ unit: i + 1, v, kind: t.withS })), ...meanU.map((v, i) => ({ unit: i + 1, v, kind: t.without }))];
  return Plot.plot({
    width: chartWidth(),
    height: 220,
    marginLeft: 50,
    title: t.meanTitle(rate.toFixed(2)),
    x: { label: t.unit, type: "band" },
    y: { label: t.value, grid: true, domain: [-XMAX * 1.25, XMAX * 1.25] },
    color: meanColor(t),
    marks: [
      Plot.ruleY([0]),
      Plot.tickY(
        X.map((x, i) => ({ unit: i + 1, x })),
        { x: "unit", y: "x", stroke: "currentColor", strokeWidth: 2 },
      ),
      Plot.dot(
        meanData.filter((d) => d.kind === t.withS),
        { x: "unit", y: "v", fill: "kind", r: 4, dx: -5, tip: true },
      ),
      Plot.dot(
        meanData.filter((d) => d.kind === t.without),
        { x: "unit", y: "v", fill: "kind", r: 4, dx: 5, tip: true },
      ),
    ],
  });
}

function runningChart(run: { n: number; v: number; kind: string }[], keep: number, t: Words) {
  const xw = X[WATCH];
  return Plot.plot({
    width: chartWidth(),
    height: 200,
    marginLeft: 50,
    marginRight: 70,
    title: t.runTitle(WATCH + 1),
    x: { type: "log", label: t.passes },
    y: { label: t.runMean, grid: true },
    color: meanColor(t),
    marks: [
      Plot.ruleY([xw], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.ruleY([keep * xw], { stroke: "darkorange", strokeDasharray: "2,3" }),
      Plot.text([{ n: PASSES, v: xw }], { x: "n", y: "v", text: () => "x", dx: 6, textAnchor: "start", fill: "currentColor" }),
      Plot.text([{ n: PASSES, v: keep * xw }], { x: "n", y: "v", text: () => "(1 − p)·x", dx: 6, textAnchor: "start", fill: "darkorange" }),
      Plot.line(run, { x: "n", y: "v", stroke: "kind", strokeWidth: 2 }),
    ],
  });
}

export default function dropout({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("dropout", t.caption);
  const p = Inputs.range([0, 0.9], { value: 0.1, step: 0.05, label: t.p }) as HTMLElement & { value: number };
  const mode = Inputs.radio([t.train, t.infer], { value: t.train, label: t.mode }) as HTMLElement & { value: string };
  const scaled = Inputs.toggle({ label: t.scaled, value: true }) as HTMLElement & { value: boolean };
  const resample = Inputs.button(t.resample) as HTMLElement & { value: number };
  root.append(p, mode, scaled, resample);
  const onePass = slot(root);
  const means = slot(root);
  const running = slot(root);
  const note = el("p", { class: "visual-caption" });
  root.append(note);

  const render = () => {
    const rate = p.value;
    const keep = 1 - rate;
    const factor = scaled.value && keep > 0 ? 1 / keep : 1;
    const draw = Number(resample.value) || 0;
    onePass(onePassChart(rate, factor, draw, mode.value === t.train, t));
    const { meanS, meanU, run } = simulate(rate, draw, t);
    means(meanChart(meanS, meanU, rate, t));
    running(runningChart(run, keep, t));
    const xx = dot(X, X);
    note.textContent = t.ratio((dot(meanS, X) / xx).toFixed(3), (dot(meanU, X) / xx).toFixed(3), keep.toFixed(2));
  };
  for (const control of [p, mode, scaled, resample]) control.addEventListener("input", render);
  render();
  return root;
}
