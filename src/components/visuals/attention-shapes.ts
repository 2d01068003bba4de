/**
 * Topic 19: which sizes in attention must agree. Q [L_q × d_q], K [L_k × d_k], V [L_v × d_v]
 * drawn as proportional grids, chained through QKᵀ [L_q × L_k] and A·V [L_q × d_v]; the two
 * dimensions that have to match (d_q = d_k inside QKᵀ, L_k = L_v inside A·V) are marked, and
 * a broken rule turns them red with the reason.
 */
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { svgEl } from "../dom.js";

type Rule = "none" | "dq" | "lv";

const T = {
  en: {
    caption:
      "Set the sequence lengths and widths: every rectangle has one cell per number, and the edges marked green must have the same length. Then break a rule to see which product stops being defined.",
    lq: "L_q (queries)",
    lk: "L_k (keys)",
    dk: "d_k (query/key width)",
    dv: "d_v (value width)",
    rule: "break a rule",
    rules: { none: "none: all sizes consistent", dq: "Q one column wider than K (d_q = d_k + 1)", lv: "V one row longer than K (L_v = L_k + 1)" } as Record<
      Rule,
      string
    >,
    scores: "scores QKᵀ",
    weights: "weights A",
    output: "output AV",
    softmax: "softmax over each row",
    ok: (lq: number, lk: number, dk: number, dv: number) =>
      `Defined. QKᵀ: [${lq} × ${dk}]·[${dk} × ${lk}] = [${lq} × ${lk}]; softmax over ${lk === 1 ? "the single key" : `the ${lk} keys`} of each row; AV: [${lq} × ${lk}]·[${lk} × ${dv}] = [${lq} × ${dv}].` +
      (lq !== lk ? ` L_q ≠ L_k is cross-attention: fine.` : ``) +
      (dv !== dk ? ` d_v ≠ d_k: fine, the output simply has d_v columns.` : ``),
    badDq: (dq: number, dk: number) =>
      `Not defined: a dot product q·k needs vectors of the same length, but d_q = ${dq} ≠ d_k = ${dk}, so QKᵀ = [L_q × ${dq}]·[${dk} × L_k] has mismatched inner dimensions. Give W_Q and W_K the same output width.`,
    badLv: (lk: number, lv: number) =>
      `Not defined: each key must come with exactly one value, but there are L_k = ${lk} ${lk === 1 ? "key" : "keys"} and L_v = ${lv} values, so A·V = [L_q × ${lk}]·[${lv} × d_v] has mismatched inner dimensions. Keys and values must come from the same positions.`,
  },
  zh: {
    caption: "设置序列长度和宽度：每个矩形里一格对应一个数，标成绿色的两条边必须等长。再试着破坏一条规则，看看哪个乘积不再有定义。",
    lq: "L_q（查询数）",
    lk: "L_k（键数）",
    dk: "d_k（查询/键宽度）",
    dv: "d_v（值宽度）",
    rule: "破坏一条规则",
    rules: { none: "不破坏：所有尺寸一致", dq: "Q 比 K 宽一列（d_q = d_k + 1）", lv: "V 比 K 多一行（L_v = L_k + 1）" } as Record<Rule, string>,
    scores: "分数 QKᵀ",
    weights: "权重 A",
    output: "输出 AV",
    softmax: "每行做 softmax",
    ok: (lq: number, lk: number, dk: number, dv: number) =>
      `有定义。QKᵀ：[${lq} × ${dk}]·[${dk} × ${lk}] = [${lq} × ${lk}]；每行在 ${lk} 个键上做 softmax；AV：[${lq} × ${lk}]·[${lk} × ${dv}] = [${lq} × ${dv}]。` +
      (lq !== lk ? `L_q ≠ L_k 就是交叉注意力，没有问题。` : ``) +
      (dv !== dk ? `d_v ≠ d_k 也没有问题，输出只是有 d_v 列。` : ``),
    badDq: (dq: number, dk: number) =>
      `无定义：点积 q·k 要求两个向量等长，但 d_q = ${dq} ≠ d_k = ${dk}，QKᵀ = [L_q × ${dq}]·[${dk} × L_k] 的内维对不上。应让 W_Q 和 W_K 输出相同的宽度。`,
    badLv: (lk: number, lv: number) =>
      `无定义：每个键必须恰好配一个值，但键有 L_k = ${lk} 个、值有 L_v = ${lv} 个，A·V = [L_q × ${lk}]·[${lv} × d_v] 的内维对不上。键和值必须来自同一组位置。`,
  },
};

const BAD = "crimson";
const MATCH = "seagreen";
/** Distance from the end of a matrix to the centre of the operator that follows it (the next matrix starts opGap after the end). */
const OP_AT = 18;

interface Box {
  name: string;
  rows: number;
  cols: number;
  color: string;
  /** Drawn dashed with a "?" when the product that makes it is undefined. */
  undefinedResult?: boolean;
  /** Colour of the column edge (bottom) and row edge (left) when they take part in a check. */
  colEdge?: string;
  rowEdge?: string;
  rowLabel: string;
  colLabel: string;
}

/** One matrix as a grid of rows × cols cells of side u, with its name above and its dimensions on two edges. */
function drawBox(svg: SVGSVGElement, b: Box, x: number, y: number, u: number): void {
  const w = b.cols * u;
  const h = b.rows * u;
  const g = svgEl("g", {});
  g.append(
    svgEl("rect", {
      x,
      y,
      width: w,
      height: h,
      fill: b.undefinedResult ? "none" : b.color,
      "fill-opacity": 0.28,
      stroke: "currentColor",
      "stroke-width": 1,
      "stroke-dasharray": b.undefinedResult ? "4,3" : "none",
    }),
  );
  if (!b.undefinedResult && u >= 6) {
    for (let i = 1; i < b.rows; i++) g.append(svgEl("line", { x1: x, x2: x + w, y1: y + i * u, y2: y + i * u, stroke: "currentColor", "stroke-opacity": 0.2 }));
    for (let j = 1; j < b.cols; j++) g.append(svgEl("line", { x1: x + j * u, x2: x + j * u, y1: y, y2: y + h, stroke: "currentColor", "stroke-opacity": 0.2 }));
  }
  if (b.undefinedResult) g.append(svgEl("text", { x: x + w / 2, y: y + h / 2 + 6, "text-anchor": "middle", "font-size": 18, fill: BAD }, "?"));
  g.append(svgEl("text", { x: x + w / 2, y: y - 8, "text-anchor": "middle", "font-size": 12, "font-weight": 600, fill: "currentColor" }, b.name));
  // Column count along the bottom edge, row count along the left edge.
  if (b.colEdge) g.append(svgEl("line", { x1: x, x2: x + w, y1: y + h + 3, y2: y + h + 3, stroke: b.colEdge, "stroke-width": 4 }));
  if (b.rowEdge) g.append(svgEl("line", { x1: x - 3, x2: x - 3, y1: y, y2: y + h, stroke: b.rowEdge, "stroke-width": 4 }));
  g.append(
    svgEl("text", { x: x + w / 2, y: y + h + 17, "text-anchor": "middle", "font-size": 11, fill: b.colEdge === BAD ? BAD : "currentColor" }, b.colLabel),
  );
  g.append(
    svgEl(
      "text",
      {
        x: x - 8,
        y: y + h / 2,
        "text-anchor": "middle",
        "font-size": 11,
        fill: b.rowEdge === BAD ? BAD : "currentColor",
        transform: `rotate(-90 ${x - 8} ${y + h / 2})`,
      },
      b.rowLabel,
    ),
  );
  svg.append(g);
}

function operator(svg: SVGSVGElement, x: number, y: number, s: string): void {
  svg.append(svgEl("text", { x, y, "text-anchor": "middle", "dominant-baseline": "middle", "font-size": 18, fill: "currentColor" }, s));
}

interface Sizes {
  Lq: number;
  Lk: number;
  Dk: number;
  Dv: number;
  /** The query width and value length actually drawn: one more than allowed when a rule is broken. */
  Dq: number;
  Lv: number;
}

/** The two equations, Q · Kᵀ = S → and A · V = Z, laid out in cells of a common size. */
function shapesFigure(s: Sizes, t: (typeof T)["en"], width: number): SVGSVGElement {
  const { Lq, Lk, Dk, Dv, Dq, Lv } = s;
  const badQK = Dq !== Dk;
  const badAV = Lv !== Lk;
  const opGap = width < 420 ? 44 : 60;
  const left = 26;
  const line1 = Dq + Lk + Lk;
  const line2 = Lk + Dv + Dv;
  const u = Math.max(5, Math.min(24, Math.floor((width - left - 2 * opGap - 12) / Math.max(line1, line2))));
  const top = 30;
  const h1 = Math.max(Lq, Dk) * u;
  const h2 = Math.max(Lq, Lv) * u;
  const y1 = top;
  const y2 = top + h1 + 66;
  const height = y2 + h2 + 34;
  const svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "font-family": "var(--sans-serif, system-ui)" }) as SVGSVGElement;
  svg.style.maxWidth = "100%";

  const qk = badQK ? BAD : MATCH;
  const av = badAV ? BAD : MATCH;
  let x = left;
  drawBox(svg, { name: "Q", rows: Lq, cols: Dq, color: "steelblue", colEdge: qk, rowLabel: `L_q = ${Lq}`, colLabel: `d_q = ${Dq}` }, x, y1, u);
  x += Dq * u + OP_AT;
  operator(svg, x, y1 + h1 / 2, "·");
  x += opGap - OP_AT;
  drawBox(svg, { name: "Kᵀ", rows: Dk, cols: Lk, color: "darkorange", rowEdge: qk, rowLabel: `d_k = ${Dk}`, colLabel: `L_k = ${Lk}` }, x, y1, u);
  x += Lk * u + OP_AT;
  operator(svg, x, y1 + h1 / 2, "=");
  x += opGap - OP_AT;
  drawBox(svg, { name: t.scores, rows: Lq, cols: Lk, color: "mediumpurple", undefinedResult: badQK, rowLabel: `${Lq}`, colLabel: `${Lk}` }, x, y1, u);
  if (!badQK)
    svg.append(svgEl("text", { x: x + (Lk * u) / 2, y: y1 + Lq * u + 32, "text-anchor": "middle", "font-size": 11, fill: "currentColor" }, `↓ ${t.softmax}`));

  x = left;
  drawBox(
    svg,
    { name: t.weights, rows: Lq, cols: Lk, color: "mediumpurple", undefinedResult: badQK, colEdge: av, rowLabel: `L_q = ${Lq}`, colLabel: `L_k = ${Lk}` },
    x,
    y2,
    u,
  );
  x += Lk * u + OP_AT;
  operator(svg, x, y2 + h2 / 2, "·");
  x += opGap - OP_AT;
  drawBox(svg, { name: "V", rows: Lv, cols: Dv, color: "seagreen", rowEdge: av, rowLabel: `L_v = ${Lv}`, colLabel: `d_v = ${Dv}` }, x, y2, u);
  x += Dv * u + OP_AT;
  operator(svg, x, y2 + h2 / 2, "=");
  x += opGap - OP_AT;
  drawBox(svg, { name: t.output, rows: Lq, cols: Dv, color: "seagreen", undefinedResult: badQK || badAV, rowLabel: `${Lq}`, colLabel: `${Dv}` }, x, y2, u);
  return svg;
}

export default function attentionShapes({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("attention-shapes", t.caption);
  const lq = Inputs.range([1, 10], { value: 4, step: 1, label: t.lq }) as HTMLElement & { value: number };
  const lk = Inputs.range([1, 10], { value: 6, step: 1, label: t.lk }) as HTMLElement & { value: number };
  const dk = Inputs.range([1, 8], { value: 3, step: 1, label: t.dk }) as HTMLElement & { value: number };
  const dv = Inputs.range([1, 8], { value: 5, step: 1, label: t.dv }) as HTMLElement & { value: number };
  const rule = Inputs.select(["none", "dq", "lv"] as Rule[], { value: "none", label: t.rule, format: (r: Rule) => t.rules[r] }) as HTMLElement & {
    value: Rule;
  };
  root.append(lq, lk, dk, dv, rule);
  const figure = slot(root);
  const message = document.createElement("p");
  message.style.maxWidth = "640px";
  root.append(message);

  const render = () => {
    const Lq = lq.value;
    const Lk = lk.value;
    const Dk = dk.value;
    const Dv = dv.value;
    const Dq = rule.value === "dq" ? Dk + 1 : Dk;
    const Lv = rule.value === "lv" ? Lk + 1 : Lk;
    const badQK = Dq !== Dk;
    const badAV = Lv !== Lk;
    figure(shapesFigure({ Lq, Lk, Dk, Dv, Dq, Lv }, t, chartWidth()));
    message.textContent = badQK ? t.badDq(Dq, Dk) : badAV ? t.badLv(Lk, Lv) : t.ok(Lq, Lk, Dk, Dv);
    message.style.color = badQK || badAV ? BAD : "";
  };
  for (const input of [lq, lk, dk, dv, rule]) input.addEventListener("input", render);
  render();
  return root;
}
