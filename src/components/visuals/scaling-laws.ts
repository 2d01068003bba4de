/**
 * Topic 21: the two published scaling-law forms.
 * - Chinchilla (Hoffmann et al. 2022, eq. 2): L(N, D) = E + A/N^α + B/D^β. For a compute budget C,
 *   the iso-FLOP curve D = C/(6N) is drawn as loss vs N; its minimum is found numerically
 *   (golden-section search on log N) and the tokens-per-parameter ratio there is reported, next to
 *   the 20-tokens-per-parameter point of Approaches 1–2.
 * - Kaplan et al. 2020 (eqs. 1.1–1.3): L(N) = (N_c/N)^α_N, L(D) = (D_c/D)^α_D, L(C) = (C_c/C)^α_C as
 *   log-log lines, and their compute allocation (N ∝ C^0.73, D ∝ C^0.27) against Chinchilla's ≈ C^0.5.
 * Everything is closed-form or a deterministic search: the same picture on every load.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";

const CH = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const KA = { aN: 0.076, Nc: 8.8e13, aD: 0.095, Dc: 5.4e13, aC: 0.05, Cc: 3.1e8 };
const GOPHER_BUDGET = 5.76e23;
const REFERENCE = [
  { name: "Chinchilla", N: 70e9, D: 1.4e12 },
  { name: "Gopher", N: 280e9, D: 300e9 },
];

type Form = "chinchilla" | "kaplan";
/** Named colours readable on light and dark backgrounds (Tableau red and orange). */
const OPT = "#e15759";
const R20 = "#f28e2b";

const T = {
  en: {
    caption: "The published scaling-law forms: Chinchilla's loss surface along an iso-FLOP curve, or Kaplan et al.'s power laws.",
    form: "form",
    forms: { chinchilla: "Chinchilla: L = E + A/N^α + B/D^β", kaplan: "Kaplan: power laws in N, D, C" } as Record<Form, string>,
    budget: "log₁₀ C (training FLOPs)",
    params: "parameters N",
    loss: "loss L (nats/token)",
    iso: "Loss along iso-FLOP curves",
    isoSub: "D = C/(6N); one grey curve per decade of C, the bold one is the chosen budget",
    perParam: (r: string) => `${r} tokens/param`,
    ratio: "tokens per parameter D*/N* at the optimum",
    compute: "training compute C (FLOPs)",
    opt: "optimum",
    rule20: "20 tokens/param",
    readout: (c: string, n: string, d: string, r: string, l: string, n20: string, l20: string, dl: string) =>
      `C = ${c} FLOPs. Numerical optimum of the fitted surface: N* = ${n} parameters, D* = ${d} tokens (${r} tokens per parameter), L = ${l}. ` +
      `At 20 tokens per parameter: N = ${n20}, L = ${l20} (${dl} worse) — the curve is flat near its minimum.`,
    kN: "L(N), N = non-embedding parameters",
    kD: "L(D), D = tokens",
    kC: "L(C_min), C in PF-days",
    alloc: "growth of the optimal N and D when compute grows",
    mult: "compute multiplier",
    factor: "growth factor",
    kaplanN: "Kaplan N ∝ C^0.73",
    kaplanD: "Kaplan D ∝ C^0.27",
    chin: "Chinchilla N, D ∝ C^0.5",
    kreadout: "Kaplan et al. (2020), WebText2: α_N ≈ 0.076, α_D ≈ 0.095, α_C ≈ 0.050. The lines extend beyond the range the paper measured.",
  },
  zh: {
    caption: "论文中的两种缩放定律形式：沿等算力曲线看 Chinchilla 的损失曲面，或看 Kaplan 等的幂律。",
    form: "形式",
    forms: { chinchilla: "Chinchilla：L = E + A/N^α + B/D^β", kaplan: "Kaplan：N、D、C 的幂律" } as Record<Form, string>,
    budget: "log₁₀ C（训练 FLOPs）",
    params: "参数量 N",
    loss: "损失 L（nats/词元）",
    iso: "沿等算力曲线的损失",
    isoSub: "D = C/(6N)；C 每个数量级一条灰线，粗线为所选预算",
    perParam: (r: string) => `每参数 ${r} 词元`,
    ratio: "最优点的每参数词元数 D*/N*",
    compute: "训练算力 C（FLOPs）",
    opt: "最优点",
    rule20: "每参数 20 词元",
    readout: (c: string, n: string, d: string, r: string, l: string, n20: string, l20: string, dl: string) =>
      `C = ${c} FLOPs。拟合曲面的数值最优点：N* = ${n} 参数，D* = ${d} 词元（每参数 ${r} 个词元），L = ${l}。` +
      `按每参数 20 个词元：N = ${n20}，L = ${l20}（差 ${dl}）——最低点附近曲线很平。`,
    kN: "L(N)，N 为非嵌入参数",
    kD: "L(D)，D 为词元数",
    kC: "L(C_min)，C 以 PF-days 计",
    alloc: "算力增长时最优 N 与 D 的增长",
    mult: "算力倍数",
    factor: "增长倍数",
    kaplanN: "Kaplan N ∝ C^0.73",
    kaplanD: "Kaplan D ∝ C^0.27",
    chin: "Chinchilla N, D ∝ C^0.5",
    kreadout: "Kaplan 等（2020），WebText2：α_N ≈ 0.076，α_D ≈ 0.095，α_C ≈ 0.050。图中直线超出了论文实测的范围。",
  },
};

const chinchilla = (N: number, D: number) => CH.E + CH.A / N ** CH.alpha + CH.B / D ** CH.beta;
const isoLoss = (C: number, logN: number) => {
  const N = 10 ** logN;
  return chinchilla(N, C / (6 * N));
};

/** Golden-section search for the minimum of the (convex in log N) iso-FLOP loss. */
function optimum(C: number): { N: number; D: number; L: number } {
  let lo = 3;
  let hi = 16;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = isoLoss(C, x1);
  let f2 = isoLoss(C, x2);
  while (hi - lo > 1e-7) {
    if (f1 < f2) (hi = x2), (x2 = x1), (f2 = f1), (x1 = hi - g * (hi - lo)), (f1 = isoLoss(C, x1));
    else (lo = x1), (x1 = x2), (f1 = f2), (x2 = lo + g * (hi - lo)), (f2 = isoLoss(C, x2));
  }
  const N = 10 ** ((lo + hi) / 2);
  return { N, D: C / (6 * N), L: chinchilla(N, C / (6 * N)) };
}

/** 3.2e10 → "32.2B", 2.98e12 → "2.98T". */
function count(x: number): string {
  const units: [number, string][] = [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [v, u] of units) if (x >= v) return `${(x / v).toPrecision(3)}${u}`;
  return x.toPrecision(3);
}

const SUP: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };
/** 5.62e23 → "5.62 × 10²³". */
const sci = (x: number) => {
  const e = Math.floor(Math.log10(x));
  return `${(x / 10 ** e).toFixed(2)} × 10${[...String(e)].map((c) => SUP[c]).join("")}`;
};

const range = (lo: number, hi: number, steps: number) => Array.from({ length: steps + 1 }, (_, i) => lo + ((hi - lo) * i) / steps);

type Words = (typeof T)[Lang];

// The iso-FLOP family and the optimum per budget do not depend on the controls: computed once.
const LOG_NS = range(6, 13, 280);
const FAMILY = range(18, 26, 8).flatMap((lc) => LOG_NS.map((x) => ({ C: lc, N: 10 ** x, L: isoLoss(10 ** lc, x) })).filter((p) => p.L < 4.2));
const RATIOS = range(18, 26, 80).map((lc) => {
  const o = optimum(10 ** lc);
  return { C: 10 ** lc, r: o.D / o.N };
});

/** Loss against model size at the chosen budget (and the family at other budgets): the optimum and the 20-tokens-per-parameter rule marked. */
function isoFlopChart(logC: number, w: number, t: Words) {
  const C = 10 ** logC;
  const o = optimum(C);
  const n20 = Math.sqrt(C / 120);
  const l20 = chinchilla(n20, 20 * n20);
  const curve = LOG_NS.map((x) => ({ N: 10 ** x, L: isoLoss(C, x) })).filter((p) => p.L < 4.2);
  // The two reference runs, labelled only where there is room for the labels.
  const near = Math.abs(logC - Math.log10(GOPHER_BUDGET)) < 0.3 && w >= 480;
  const refs = near ? REFERENCE.map((r) => ({ ...r, L: chinchilla(r.N, r.D) })) : [];
  return Plot.plot({
    width: w,
    height: 300,
    marginLeft: 50,
    title: t.iso,
    subtitle: t.isoSub,
    x: { type: "log", label: t.params, domain: [1e6, 1e13], tickFormat: "~s" },
    y: { label: t.loss, domain: [1.6, 4.2], grid: true },
    marks: [
      Plot.ruleY([CH.E], { stroke: "currentColor", strokeDasharray: "2,3" }),
      Plot.text([CH.E], { y: (v: number) => v, text: () => "E = 1.69", frameAnchor: "right", dy: -7, fill: "currentColor" }),
      Plot.line(FAMILY, { x: "N", y: "L", z: "C", stroke: "currentColor", strokeOpacity: 0.25 }),
      Plot.line(curve, { x: "N", y: "L", stroke: "steelblue", strokeWidth: 2.5 }),
      Plot.dot([{ N: n20, L: l20 }], { x: "N", y: "L", stroke: R20, strokeWidth: 2, r: 5 }),
      Plot.text([{ N: n20, L: l20 }], { x: "N", y: "L", text: () => t.rule20, dy: 14, fill: R20 }),
      Plot.dot([o], { x: "N", y: "L", fill: OPT, r: 5 }),
      Plot.text([o], { x: "N", y: "L", text: () => `${t.opt}: ${t.perParam((o.D / o.N).toFixed(0))}`, dy: -12, fill: OPT }),
      Plot.dot(refs, { x: "N", y: "L", symbol: "diamond", fill: "currentColor", r: 4 }),
      Plot.text(refs, { x: "N", y: "L", text: "name", dx: 8, textAnchor: "start", fill: "currentColor" }),
    ],
  });
}

/** The compute-optimal tokens per parameter against compute, the chosen budget marked. */
function ratioChart(logC: number, w: number, t: Words) {
  const C = 10 ** logC;
  const o = optimum(C);
  return Plot.plot({
    width: w,
    height: 200,
    marginLeft: 50,
    title: t.ratio,
    x: { type: "log", label: t.compute, tickFormat: (v: number) => `1e${Math.round(Math.log10(v))}`, ticks: range(18, 26, 4).map((e) => 10 ** e) },
    y: { label: "D*/N*", grid: true, domain: [0, 180] },
    marks: [
      Plot.ruleY([20], { stroke: R20, strokeDasharray: "4,3" }),
      Plot.text([20], { y: (v: number) => v, text: () => t.rule20, frameAnchor: "left", dx: 4, dy: -7, fill: R20 }),
      Plot.line(RATIOS, { x: "C", y: "r", stroke: OPT, strokeWidth: 2 }),
      Plot.ruleX([C], { stroke: "currentColor", strokeDasharray: "3,3" }),
      Plot.dot([{ C, r: o.D / o.N }], { x: "C", y: "r", fill: OPT, r: 4 }),
    ],
  });
}

function chinchillaReadout(logC: number, t: Words): string {
  const C = 10 ** logC;
  const o = optimum(C);
  const n20 = Math.sqrt(C / 120);
  const l20 = chinchilla(n20, 20 * n20);
  return t.readout(sci(C), count(o.N), count(o.D), (o.D / o.N).toFixed(1), o.L.toFixed(3), count(n20), l20.toFixed(3), `+${(l20 - o.L).toFixed(3)}`);
}

const decades = (lo: number, hi: number) => range(lo, hi, 120).map((e) => 10 ** e);

/** Kaplan et al.'s three power laws: loss against parameters, data and compute, each alone. */
function kaplanLaws(t: Words): HTMLElement {
  const panel = (title: string, xs: number[], f: (x: number) => number, color: string) =>
    Plot.plot({
      width: Math.min(chartWidth(), 320),
      height: 210,
      marginLeft: 44,
      title,
      x: { type: "log", label: null, tickFormat: "~e", ticks: 4 },
      y: { type: "log", label: "L", grid: true, domain: [1, 12], ticks: [1, 2, 3, 5, 8, 12], tickFormat: "~g" },
      marks: [
        Plot.line(
          xs.map((x) => ({ x, L: f(x) })),
          { x: "x", y: "L", stroke: color, strokeWidth: 2, tip: true },
        ),
      ],
    });
  return sideBySide(
    8,
    panel(t.kN, decades(3, 12), (N) => (KA.Nc / N) ** KA.aN, "steelblue"),
    panel(t.kD, decades(7, 13), (D) => (KA.Dc / D) ** KA.aD, "seagreen"),
    panel(t.kC, decades(-8, 4), (C) => (KA.Cc / C) ** KA.aC, "firebrick"),
  );
}

/** How a compute multiple is split between parameters and data: Kaplan's 0.73/0.27 against Chinchilla's 0.5/0.5. */
function allocationChart(t: Words) {
  const mults = decades(0, 6);
  const lines = [
    ...mults.map((m) => ({ m, g: m ** 0.73, s: t.kaplanN })),
    ...mults.map((m) => ({ m, g: m ** 0.27, s: t.kaplanD })),
    ...mults.map((m) => ({ m, g: m ** 0.5, s: t.chin })),
  ];
  return Plot.plot({
    width: chartWidth(),
    height: 240,
    marginLeft: 50,
    title: t.alloc,
    x: { type: "log", label: t.mult, tickFormat: "~s" },
    y: { type: "log", label: t.factor, grid: true, ticks: [1, 10, 100, 1e3, 1e4], tickFormat: "~s" },
    color: { domain: [t.kaplanN, t.kaplanD, t.chin], range: ["steelblue", "seagreen", "currentColor"], legend: true },
    marks: [Plot.line(lines, { x: "m", y: "g", stroke: "s", strokeWidth: 2, tip: true })],
  });
}

export default function scalingLaws({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("scaling-laws", t.caption);
  const form = Inputs.select(["chinchilla", "kaplan"] as Form[], { value: "chinchilla", label: t.form, format: (f: Form) => t.forms[f] });
  const budget = Inputs.range([18, 26], { value: Math.round(Math.log10(GOPHER_BUDGET) * 100) / 100, step: 0.01, label: t.budget });
  const readout = el("p", { class: "visual-readout" });
  root.append(form, budget, readout);
  const first = slot(root);
  const second = slot(root);

  const render = () => {
    const kaplan = form.value === "kaplan";
    budget.style.display = kaplan ? "none" : "";
    const w = chartWidth();
    readout.textContent = kaplan ? t.kreadout : chinchillaReadout(budget.value, t);
    first(kaplan ? kaplanLaws(t) : isoFlopChart(budget.value, w, t));
    second(kaplan ? allocationChart(t) : ratioChart(budget.value, w, t));
  };
  form.addEventListener("input", render);
  budget.addEventListener("input", render);
  render();
  return root;
}
