/**
 * Topic 22: the receptive field of the centre pixel of a 32 × 32 image.
 * - CNN: L stacked k × k convolutions, stride 1, no dilation. The receptive field has side
 *   1 + L(k − 1); inside it, the shading is the number of input→output paths (the L-fold
 *   convolution of a box of width k with itself, in each axis), which piles up in the middle —
 *   the "effective" receptive field.
 * - Self-attention: one layer, one head with seeded random features and weights. The centre
 *   query's softmax gives every one of the 1024 pixels a non-zero weight.
 * Plus the receptive-field side vs depth for several k, against attention's full image from layer 1.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { matmul, randomMatrix, softmax } from "./_math.js";

const SIZE = 32;
const CENTRE = SIZE / 2;
const FEATURES = 16;
const KS = [3, 5, 7, 9];
const MAX_L = 16;

const T = {
  en: {
    caption: "Which pixels can influence the output at the centre of a 32 × 32 image: a stack of stride-1 convolutions vs one self-attention layer.",
    depth: "depth L (layers)",
    kernel: "kernel size k",
    cnn: (l: number, k: number) => `CNN, ${l} layer${l > 1 ? "s" : ""} of ${k}×${k}`,
    attn: "self-attention, 1 layer (one random head)",
    paths: "paths to the centre (relative)",
    weight: "attention weight (log scale)",
    readout: (r: number, covered: number, half: number, minW: string) =>
      `CNN: receptive field ${r} × ${r} pixels, reaching ${covered} of 1024 pixels (${((100 * covered) / 1024).toFixed(1)}%); ` +
      `half of all paths start in the central ${half} × ${half}. Self-attention: all 1024 pixels after one layer, the smallest weight being ${minW}.`,
    plot: "receptive-field side vs depth",
    side: "receptive field side (pixels)",
    layers: "depth L",
    image: "image side = 32",
    attnLine: "self-attention",
    cnnLine: (k: number) => `CNN k = ${k}`,
  },
  zh: {
    caption: "32 × 32 图像中，哪些像素能影响中心位置的输出：步长为 1 的卷积堆叠 vs 一层自注意力。",
    depth: "深度 L（层数）",
    kernel: "核大小 k",
    cnn: (l: number, k: number) => `CNN，${l} 层 ${k}×${k} 卷积`,
    attn: "自注意力，1 层（一个随机头）",
    paths: "到中心的路径数（相对值）",
    weight: "注意力权重（对数刻度）",
    readout: (r: number, covered: number, half: number, minW: string) =>
      `CNN：感受野 ${r} × ${r} 像素，覆盖 1024 个像素中的 ${covered} 个（${((100 * covered) / 1024).toFixed(1)}%）；` +
      `一半的路径起点落在中心 ${half} × ${half} 区域内。自注意力：一层之后即覆盖全部 1024 个像素，最小的权重也有 ${minW}。`,
    plot: "感受野边长随深度的变化",
    side: "感受野边长（像素）",
    layers: "深度 L",
    image: "图像边长 = 32",
    attnLine: "自注意力",
    cnnLine: (k: number) => `CNN k = ${k}`,
  },
};

/** Number of paths along one axis: the L-fold convolution of a box of width k, length 1 + L(k − 1). */
function pathCounts(L: number, k: number): number[] {
  let c = [1];
  for (let l = 0; l < L; l++) {
    const next = new Array<number>(c.length + k - 1).fill(0);
    c.forEach((v, i) => {
      for (let j = 0; j < k; j++) next[i + j] += v;
    });
    c = next;
  }
  return c;
}

/** Smallest odd centred width whose 1-D path mass m satisfies m² ≥ ½ (half the 2-D mass in the square). */
function halfMassWidth(c: number[]): number {
  const total = c.reduce((a, b) => a + b, 0);
  const mid = (c.length - 1) / 2;
  let mass = c[mid];
  let w = 0;
  while ((mass / total) ** 2 < 0.5 && w < mid) {
    w++;
    mass += c[mid - w] + c[mid + w];
  }
  return 2 * w + 1;
}

/** The centre query's attention weights over all 1024 pixels, for seeded random features and projections. */
function attentionWeights(): number[] {
  const x = randomMatrix(SIZE * SIZE, FEATURES, 22);
  const wq = randomMatrix(FEATURES, FEATURES, 23, 1 / Math.sqrt(FEATURES));
  const wk = randomMatrix(FEATURES, FEATURES, 24, 1 / Math.sqrt(FEATURES));
  const q = matmul([x[CENTRE * SIZE + CENTRE]], wq)[0];
  const k = matmul(x, wk);
  return softmax(k.map((row) => row.reduce((s, v, i) => s + v * q[i], 0) / Math.sqrt(FEATURES)));
}

type Words = (typeof T)[Lang];
type GridCell = { x: number; y: number; v: number };

/** One SIZE × SIZE grid of cells, the output pixel outlined at the centre. */
function influenceGrid(side: number, title: string, cells: GridCell[], color: object, extra: Plot.Markish[]) {
  return Plot.plot({
    width: side,
    height: side,
    marginTop: 4,
    marginLeft: 4,
    marginRight: 4,
    marginBottom: 4,
    subtitle: title,
    x: { domain: [0, SIZE], axis: null },
    y: { domain: [0, SIZE], axis: null, reverse: true },
    color,
    marks: [
      Plot.rect(cells, { x1: "x", x2: (d: { x: number }) => d.x + 1, y1: "y", y2: (d: { y: number }) => d.y + 1, fill: "v", inset: 0 }),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.5 }),
      ...extra,
      Plot.rect([0], { x1: CENTRE, x2: CENTRE + 1, y1: CENTRE, y2: CENTRE + 1, stroke: "currentColor", strokeWidth: 2, fill: "none" }),
    ],
  });
}

/** The CNN's influence on the centre pixel after L layers of k × k kernels: the number of paths from each input, normalised. */
function cnnInfluence(c: number[]): GridCell[] {
  const R = (c.length - 1) / 2;
  const max = c[R] * c[R];
  const cells: GridCell[] = [];
  for (let y = Math.max(0, CENTRE - R); y <= Math.min(SIZE - 1, CENTRE + R); y++)
    for (let x = Math.max(0, CENTRE - R); x <= Math.min(SIZE - 1, CENTRE + R); x++) cells.push({ x, y, v: (c[y - CENTRE + R] * c[x - CENTRE + R]) / max });
  return cells;
}

/** The receptive field's side against depth for every kernel size, and attention's (the whole image from layer 1). */
function growthChart(L: number, k: number, w: number, t: Words) {
  const Ls = Array.from({ length: MAX_L }, (_, i) => i + 1);
  const lines = [
    ...KS.flatMap((kk) => Ls.map((l) => ({ L: l, r: 1 + l * (kk - 1), s: t.cnnLine(kk), current: kk === k }))),
    ...Ls.map((l) => ({ L: l, r: SIZE, s: t.attnLine, current: true })),
  ];
  return Plot.plot({
    width: w,
    height: 240,
    marginLeft: 50,
    title: t.plot,
    x: { label: t.layers, domain: [1, MAX_L], ticks: 8 },
    y: { label: t.side, grid: true, domain: [0, 1 + MAX_L * 8] },
    color: { domain: [...KS.map((kk) => t.cnnLine(kk)), t.attnLine], scheme: "tableau10", legend: true },
    marks: [
      Plot.ruleY([SIZE], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.text([SIZE], { y: (v: number) => v, text: () => t.image, frameAnchor: "right", dy: -7, fill: "currentColor" }),
      Plot.line(
        lines.filter((d) => !d.current),
        { x: "L", y: "r", z: "s", stroke: "s", strokeWidth: 1, strokeOpacity: 0.5 },
      ),
      Plot.line(
        lines.filter((d) => d.current),
        { x: "L", y: "r", z: "s", stroke: "s", strokeWidth: 3 },
      ),
      Plot.dot([{ L, r: 1 + L * (k - 1) }], { x: "L", y: "r", fill: "currentColor", r: 4 }),
    ],
  });
}

export default function receptiveField({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("receptive-field", t.caption);
  const depth = Inputs.range([1, MAX_L], { value: 3, step: 1, label: t.depth });
  const kernel = Inputs.range([3, 9], { value: 3, step: 2, label: t.kernel });
  const readout = el("p", { class: "visual-readout" });
  root.append(depth, kernel, readout);
  const grids = slot(root);
  const curve = slot(root);

  const weights = attentionWeights();
  const attnCells = weights.map((v, idx) => ({ x: idx % SIZE, y: Math.floor(idx / SIZE), v }));
  const minWeight = Math.min(...weights);

  const render = () => {
    const L = depth.value;
    const k = kernel.value;
    const c = pathCounts(L, k);
    const R = (c.length - 1) / 2;
    const cnnCells = cnnInfluence(c);
    readout.textContent = t.readout(c.length, cnnCells.length, halfMassWidth(c), minWeight.toExponential(1));
    const w = chartWidth();
    const side = w >= 560 ? Math.floor((w - 16) / 2) : w;
    // The CNN's receptive field, dashed (clipped to the image).
    const outline = Plot.rect([0], {
      x1: Math.max(0, CENTRE - R),
      x2: Math.min(SIZE, CENTRE + R + 1),
      y1: Math.max(0, CENTRE - R),
      y2: Math.min(SIZE, CENTRE + R + 1),
      stroke: "currentColor",
      strokeDasharray: "4,3",
      fill: "none",
    });
    grids(
      sideBySide(
        16,
        influenceGrid(side, t.cnn(L, k), cnnCells, { scheme: "viridis", domain: [0, 1], legend: true, label: t.paths, marginLeft: 12, marginRight: 12 }, [
          outline,
        ]),
        influenceGrid(side, t.attn, attnCells, { type: "log", scheme: "viridis", legend: true, label: t.weight, marginLeft: 12, marginRight: 12 }, []),
      ),
    );
    curve(growthChart(L, k, w, t));
  };
  depth.addEventListener("input", render);
  kernel.addEventListener("input", render);
  render();
  return root;
}
