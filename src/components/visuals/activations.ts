/**
 * Topic 20: the non-linearity inside the position-wise FFN, and what the FFN costs.
 * Top: an activation (ReLU, GELU, SiLU/Swish, or the SwiGLU gate SiLU(a)·b) and its derivative.
 * Bottom: parameters of one attention block (4d² + 4d) against the FFN variants, as d_model moves:
 *   ReLU/GELU FFN with d_ff = 4d     2·d·d_ff + d_ff + d  = 8d² + 5d
 *   SwiGLU with d_ff = 8d/3          3·d·d_ff             ≈ 8d²   (the same budget)
 *   SwiGLU with d_ff = 4d            3·d·d_ff             = 12d²
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";

type Act = "relu" | "gelu" | "silu" | "swiglu";
const ACTS: Act[] = ["relu", "gelu", "silu", "swiglu"];
const XS = Array.from({ length: 321 }, (_, k) => -4 + k * 0.025);
const GATE_B = [-1, 1, 2];

const T = {
  en: {
    caption: "Pick an activation to see it and its derivative; move d_model to compare the FFN's parameters with the attention block's.",
    act: "activation",
    names: { relu: "ReLU: max(0, x)", gelu: "GELU: x·Φ(x)", silu: "SiLU / Swish: x·σ(x)", swiglu: "SwiGLU gate: SiLU(a)·b" },
    value: "f(x)",
    deriv: "f′(x)",
    valueB: (b: number) => `SiLU(a)·b, b = ${b}`,
    derivB: (b: number) => `∂/∂a, b = ${b}`,
    relu: "ReLU (reference)",
    x: "x (for SwiGLU: the gate input a = x·W)",
    y: "output",
    title: {
      relu: "ReLU: derivative 0 for x < 0, 1 for x > 0 (undefined at 0)",
      gelu: "GELU: smooth, minimum ≈ −0.170 at x ≈ −0.75; f′(0) = 0.5",
      silu: "SiLU: smooth, minimum ≈ −0.278 at x ≈ −1.28; f′(0) = 0.5",
      swiglu: "SwiGLU: the SiLU of one projection gates another, b = x·V (solid: value, dashed: ∂/∂a)",
    },
    dmodel: "d_model",
    params: "parameters",
    attn: "attention: 4d² + 4d",
    ffn4: "FFN ReLU/GELU, d_ff = 4d",
    glu83: "FFN SwiGLU, d_ff = 8d/3",
    glu4: "FFN SwiGLU, d_ff = 4d",
    countTitle: (d: number, r: string) => `Parameters of one layer's blocks at d_model = ${d} (FFN ÷ attention, ReLU FFN: ${r})`,
  },
  zh: {
    caption: "选择一个激活函数，查看它及其导数；拖动 d_model，比较 FFN 与注意力模块的参数量。",
    act: "激活函数",
    names: { relu: "ReLU：max(0, x)", gelu: "GELU：x·Φ(x)", silu: "SiLU / Swish：x·σ(x)", swiglu: "SwiGLU 门控：SiLU(a)·b" },
    value: "f(x)",
    deriv: "f′(x)",
    valueB: (b: number) => `SiLU(a)·b，b = ${b}`,
    derivB: (b: number) => `∂/∂a，b = ${b}`,
    relu: "ReLU（参照）",
    x: "x（SwiGLU 中为门控输入 a = x·W）",
    y: "输出",
    title: {
      relu: "ReLU：x < 0 时导数为 0，x > 0 时为 1（0 处不可导）",
      gelu: "GELU：处处光滑，最小值 ≈ −0.170，位于 x ≈ −0.75；f′(0) = 0.5",
      silu: "SiLU：处处光滑，最小值 ≈ −0.278，位于 x ≈ −1.28；f′(0) = 0.5",
      swiglu: "SwiGLU：一路投影的 SiLU 给另一路 b = x·V 做门控（实线：函数值，虚线：∂/∂a）",
    },
    dmodel: "d_model",
    params: "参数量",
    attn: "注意力：4d² + 4d",
    ffn4: "FFN ReLU/GELU，d_ff = 4d",
    glu83: "FFN SwiGLU，d_ff = 8d/3",
    glu4: "FFN SwiGLU，d_ff = 4d",
    countTitle: (d: number, r: string) => `d_model = ${d} 时一层中各模块的参数量（ReLU FFN ÷ 注意力：${r}）`,
  },
};

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): plenty for a plot. */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const Phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

const f = {
  relu: (x: number) => Math.max(0, x),
  gelu: (x: number) => x * Phi(x),
  silu: (x: number) => x * sigmoid(x),
};
const df = {
  relu: (x: number) => (x > 0 ? 1 : x < 0 ? 0 : NaN),
  gelu: (x: number) => Phi(x) + x * phi(x),
  silu: (x: number) => sigmoid(x) * (1 + x * (1 - sigmoid(x))),
};

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

type Words = (typeof T)[Lang];

/** The activation (solid) and its derivative (dashed); for SwiGLU, SiLU(x)·b for three gate values b. */
function activationCurve(a: Act, t: Words) {
  let rows: { x: number; y: number; series: string; dashed: boolean }[];
  let domain: string[];
  let range: string[];
  if (a === "swiglu") {
    rows = GATE_B.flatMap((b) => [
      ...XS.map((x) => ({ x, y: f.silu(x) * b, series: t.valueB(b), dashed: false })),
      ...XS.map((x) => ({ x, y: df.silu(x) * b, series: t.derivB(b), dashed: true })),
    ]);
    domain = GATE_B.flatMap((b) => [t.valueB(b), t.derivB(b)]);
    range = ["firebrick", "firebrick", "steelblue", "steelblue", "seagreen", "seagreen"];
  } else {
    rows = [...XS.map((x) => ({ x, y: f[a](x), series: t.value, dashed: false })), ...XS.map((x) => ({ x, y: df[a](x), series: t.deriv, dashed: true }))];
    domain = [t.value, t.deriv];
    range = ["steelblue", "darkorange"];
  }
  const reference = a === "relu" ? [] : XS.map((x) => ({ x, y: f.relu(x) }));
  return Plot.plot({
    width: chartWidth(),
    height: 300,
    title: t.title[a],
    x: { label: t.x, domain: [-4, 4] },
    y: { label: t.y, grid: true, domain: a === "swiglu" ? [-4, 8] : [-1, 4] },
    color: { domain, range, legend: true },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleX([0]),
      Plot.line(reference, { x: "x", y: "y", stroke: "currentColor", strokeOpacity: 0.25, strokeWidth: 1 }),
      Plot.line(
        rows.filter((r) => !r.dashed),
        { x: "x", y: "y", stroke: "series", strokeWidth: 2, tip: true },
      ),
      Plot.line(
        rows.filter((r) => r.dashed),
        { x: "x", y: "y", stroke: "series", strokeWidth: 2, strokeDasharray: "5,4", tip: true },
      ),
    ],
  });
}

/** Parameters of attention, a plain 4d FFN and a GLU FFN (8d/3 or 4d wide), the one in use highlighted. */
function ffnCounts(d: number, a: Act, t: Words) {
  const glu = Math.round((8 * d) / 3);
  const rows = [
    { name: t.attn, n: 4 * d * d + 4 * d, group: "attn" },
    { name: t.ffn4, n: 2 * d * 4 * d + 4 * d + d, group: "plain" },
    { name: `${t.glu83} = ${glu}`, n: 3 * d * glu, group: "glu" },
    { name: t.glu4, n: 3 * d * 4 * d, group: "glu" },
  ];
  const highlight = a === "swiglu" ? "glu" : "plain";
  const ratio = (rows[1].n / rows[0].n).toFixed(2);
  return Plot.plot({
    width: chartWidth(),
    height: 190,
    marginLeft: 170,
    marginRight: 70,
    title: t.countTitle(d, ratio),
    x: { label: t.params, grid: true, tickFormat: (v: number) => formatCount(v) },
    y: { label: null, domain: rows.map((r) => r.name) },
    marks: [
      Plot.barX(rows, {
        x: "n",
        y: "name",
        fill: (r: (typeof rows)[number]) => (r.group === "attn" ? "gray" : "steelblue"),
        fillOpacity: (r: (typeof rows)[number]) => (r.group === "attn" || r.group === highlight ? 1 : 0.35),
        tip: true,
      }),
      Plot.text(rows, { x: "n", y: "name", text: (r: (typeof rows)[number]) => formatCount(r.n), dx: 4, textAnchor: "start", fill: "currentColor" }),
      Plot.ruleX([0]),
    ],
  });
}

export default function activations({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("activations", t.caption);
  const act = Inputs.select(ACTS, { value: "gelu", label: t.act, format: (a) => t.names[a] });
  const dModel = Inputs.range([128, 8192], { value: 512, step: 128, label: t.dmodel });
  root.append(act);
  const curve = slot(root);
  root.append(dModel);
  const bars = slot(root);

  const renderCurve = () => curve(activationCurve(act.value, t));
  const renderBars = () => bars(ffnCounts(dModel.value, act.value, t));

  act.addEventListener("input", () => {
    renderCurve();
    renderBars();
  });
  dModel.addEventListener("input", renderBars);
  renderCurve();
  renderBars();
  return root;
}
