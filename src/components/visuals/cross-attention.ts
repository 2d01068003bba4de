/**
 * Topic 4: cross-attention in one decoder layer of a toy translation model.
 * The encoder output ("memory") M is [L_src, d]: a seeded embedding per source word plus its
 * sinusoidal position. K = M·W_K and V = M·W_V are computed once; the decoder states H are
 * [L_tgt, d] and Q = H·W_Q. Weights = softmax(Q Kᵀ / √d) over the source axis, with the source
 * padding mask only (no causal mask): padded columns get exactly 0. The decoder states are
 * constructed (seeded) so that each position asks for the source word its next output
 * translates — a stand-in for what training produces, not a trained model.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, normal, rng, slot, type Lang } from "./_shared.js";
import { matmul, randomMatrix, scale, softmax, transpose, type Matrix, sinusoidalEncoding } from "./_math.js";

const D = 16;
const SOURCE = ["the", "black", "cat", "sat", "on", "the", "mat", "."];
/** Decoder input (target shifted right) and the word each position is trained to output. */
const DEC_IN = ["<s>", "die", "schwarze", "Katze", "saß", "auf", "der", "Matte", "."];
const DEC_OUT = ["die", "schwarze", "Katze", "saß", "auf", "der", "Matte", ".", "</s>"];
/** Source position that each output word translates. */
const ALIGN = [0, 1, 2, 3, 4, 5, 6, 7, 7];
const MAX_PAD = 4;

const T = {
  en: {
    caption: "Cross-attention of one decoder layer in a toy English → German model: each decoder position (row) attends over the encoder output (columns).",
    step: "decoding step t (row)",
    pad: "source padding tokens",
    mask: "apply the source padding mask",
    heat: "cross-attention weights [L_tgt × L_src]",
    src: "source token (key/value from the encoder output)",
    tgt: "decoder position: input → output",
    weight: "weight",
    row: "row t",
    rowTitle: "weights of row t over the source",
    sum: "sum over real tokens",
    padSum: "weight on padding",
    shapes: (lt: number, ls: number) =>
      `Q [${lt} × ${D}] · Kᵀ [${D} × ${ls}] → weights [${lt} × ${ls}] → · V [${ls} × ${D}] → output [${lt} × ${D}]. K and V: computed once from the encoder output, reused at every step.`,
    future: "rows below t: not generated yet at this step",
  },
  zh: {
    caption: "一个玩具英译德模型中某个解码器层的交叉注意力：每个解码器位置（行）在编码器输出（列）上分配注意力。",
    step: "解码步 t（行）",
    pad: "源序列补齐词元数",
    mask: "使用源序列填充掩码",
    heat: "交叉注意力权重 [L_tgt × L_src]",
    src: "源词元（键/值来自编码器输出）",
    tgt: "解码器位置：输入 → 输出",
    weight: "权重",
    row: "第 t 行",
    rowTitle: "第 t 行在源序列上的权重",
    sum: "真实词元上的权重和",
    padSum: "补齐位上的权重",
    shapes: (lt: number, ls: number) =>
      `Q [${lt} × ${D}] · Kᵀ [${D} × ${ls}] → 权重 [${lt} × ${ls}] → · V [${ls} × ${D}] → 输出 [${lt} × ${D}]。K 和 V 由编码器输出一次算好，每一步都复用。`,
    future: "t 以下的行：这一步还没有生成",
  },
};

/** Inverse of a small square matrix by Gauss–Jordan elimination with partial pivoting. */
function inverse(a: Matrix): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const pivot = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= pivot;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

const WORDS = [...new Set([...SOURCE, "<pad>"])];
const EMB = randomMatrix(WORDS.length, D, 401);
const WQ = randomMatrix(D, D, 402, 1 / Math.sqrt(D));
const WK = randomMatrix(D, D, 403, 1 / Math.sqrt(D));

/** Encoder output for the source plus `pad` padding tokens. */
function memory(pad: number): { tokens: string[]; M: Matrix } {
  const tokens = [...SOURCE, ...Array.from({ length: pad }, () => "<pad>")];
  const M = tokens.map((w, j) => {
    const pe = sinusoidalEncoding(j, D);
    return EMB[WORDS.indexOf(w)].map((v, c) => v + 0.5 * pe[c]);
  });
  return { tokens, M };
}

// Decoder states that "ask for" their aligned source word: H_t·W_Q = K_{a(t)} + noise (std 0.6).
const REAL = memory(0);
const K_REAL = matmul(REAL.M, WK);
const WQ_INV = inverse(WQ);
const H: Matrix = (() => {
  const next = rng(405);
  const wanted = ALIGN.map((a) => K_REAL[a].map((v) => v + 0.6 * normal(next)));
  return matmul(wanted, WQ_INV);
})();
const Q = matmul(H, WQ);

interface Run {
  tokens: string[];
  /** Which source tokens are real words rather than padding. */
  real: boolean[];
  weights: Matrix;
  srcLabels: string[];
}

/** Cross-attention weights of every decoder position over the source plus `pad` padding tokens. */
function crossWeights(pad: number, mask: boolean): Run {
  const { tokens, M } = memory(pad);
  const K = matmul(M, WK);
  const scores = scale(matmul(Q, transpose(K)), 1 / Math.sqrt(D));
  const real = tokens.map((w) => w !== "<pad>");
  const weights = scores.map((row) => softmax(row.map((s, j) => (mask && !real[j] ? -Infinity : s))));
  return { tokens, real, weights, srcLabels: tokens.map((w, j) => `${j} ${w}`) };
}

/** The full [L_tgt × L_src] heatmap, rows after step t dimmed, row t outlined, padding columns marked. */
function heatPlot(t: (typeof T)["en"], run: Run, tRow: number, w: number) {
  const { weights, srcLabels, real } = run;
  const tgtLabels = DEC_IN.map((w, i) => `${i}: ${w} → ${DEC_OUT[i]}`);
  const cells = weights.flatMap((row, i) => row.map((w, j) => ({ i: tgtLabels[i], j: srcLabels[j], w, later: i > tRow })));
  const narrow = w < 500;
  return Plot.plot({
    width: w,
    height: 330,
    marginLeft: narrow ? 112 : 150,
    marginBottom: 56,
    title: t.heat,
    subtitle: t.future,
    x: { domain: srcLabels, label: t.src, tickRotate: narrow ? -50 : -30 },
    y: { domain: tgtLabels, label: t.tgt, tickFormat: (s: string) => (narrow ? s.replace(/ → /g, "→") : s) },
    style: { fontSize: narrow ? "9px" : "10px" },
    color: { type: "linear", scheme: "blues", domain: [0, 1], legend: true, label: t.weight },
    marks: [
      Plot.cell(cells, { x: "j", y: "i", fill: "w", fillOpacity: (d: { later: boolean }) => (d.later ? 0.18 : 1), inset: 0.5, tip: true }),
      Plot.cell(
        cells.filter((c) => c.later),
        { x: "j", y: "i", fill: "currentColor", fillOpacity: 0.1, inset: 0.5 },
      ),
      Plot.cell(
        cells.filter((c) => c.i === tgtLabels[tRow]),
        { x: "j", y: "i", stroke: "currentColor", strokeWidth: 2, fill: "none" },
      ),
      Plot.ruleX(
        srcLabels.filter((_, j) => !real[j]),
        { stroke: "firebrick", strokeDasharray: "2,3", strokeOpacity: 0.6 },
      ),
    ],
  });
}

/** Row t's weights as bars, with the totals on real tokens and on padding. */
function rowPlot(t: (typeof T)["en"], run: Run, tRow: number, w: number) {
  const { weights, srcLabels, real } = run;
  const narrow = w < 500;
  const row = weights[tRow];
  const realSum = row.reduce((s, v, j) => s + (real[j] ? v : 0), 0);
  const padSum = row.reduce((s, v, j) => s + (real[j] ? 0 : v), 0);
  const data = row.map((v, j) => ({ j: srcLabels[j], v, real: real[j] }));
  return Plot.plot({
    width: w,
    height: 220,
    marginBottom: 50,
    title: `${t.rowTitle} — t = ${tRow} (${DEC_IN[tRow]} → ${DEC_OUT[tRow]}): ${t.sum} = ${realSum.toFixed(3)}, ${t.padSum} = ${padSum === 0 ? "0" : padSum.toFixed(3)}`,
    x: { domain: srcLabels, label: null, tickRotate: narrow ? -50 : -30 },
    y: { domain: [0, 1], label: t.weight, grid: true },
    marks: [
      Plot.barY(data, { x: "j", y: "v", fill: (d: { real: boolean }) => (d.real ? "steelblue" : "firebrick"), tip: true }),
      Plot.text(data, { x: "j", y: "v", text: (d: { v: number }) => (d.v === 0 ? "0" : d.v.toFixed(2)), dy: -8, fill: "currentColor" }),
      Plot.ruleY([0]),
    ],
  });
}

export default function crossAttention({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("cross-attention", t.caption);
  const step = Inputs.range([0, DEC_IN.length - 1], { value: 3, step: 1, label: t.step }) as HTMLInputElement & { value: number };
  const pad = Inputs.range([0, MAX_PAD], { value: 2, step: 1, label: t.pad }) as HTMLInputElement & { value: number };
  const useMask = Inputs.toggle({ label: t.mask, value: true }) as HTMLElement & { value: boolean };
  root.append(step, pad, useMask);
  const heat = slot(root);
  const bars = slot(root);
  const note = document.createElement("p");
  note.style.fontSize = "0.85rem";
  root.append(note);

  const render = () => {
    const run = crossWeights(pad.value, useMask.value);
    const w = chartWidth();
    heat(heatPlot(t, run, step.value, w));
    bars(rowPlot(t, run, step.value, w));
    note.textContent = t.shapes(DEC_IN.length, run.tokens.length);
  };
  for (const input of [step, pad, useMask]) input.addEventListener("input", render);
  render();
  return root;
}
