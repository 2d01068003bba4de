/**
 * Topics 8, 11, 15 and 18: attention masks on a seeded batch of sequences of different
 * lengths. One head, d = 16: scores S = QKᵀ/√d from seeded embeddings and projections; a mask
 * kind (padding, causal, sliding window, dilated, Longformer-style global + window,
 * BigBird-style blocks, Reformer-style LSH buckets, …) gives the [L_q, L_k] mask, and the
 * row-wise softmax over the open keys gives the weights.
 *
 * The preset (topics.json's visualPreset) picks the sequence length, the kinds listed and the
 * extra controls: `padding` adds the fill method (add −1000, replace by −1000, −∞, or the safe
 * `where` that returns zeros for a row with no open key) and a score-scale slider that shows
 * the −1000 recipe leaking; `window` and `families` add the window width and a cost chart.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, rng, sideBySide, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { matmul, randomMatrix, scale, softmax, transpose, type Matrix } from "./_math.js";

type Kind =
  | "none"
  | "hard"
  | "padding"
  | "causal"
  | "causal-padding"
  | "window"
  | "window-causal"
  | "dilated"
  | "strided"
  | "global-window"
  | "bigbird"
  | "lsh";
type Fill = "where" | "add" | "replace" | "inf";
type Side = "right" | "left";
/** Why a cell is open or blocked (the mask heatmap's colour). */
type Reason = "open" | "local" | "global" | "random" | "bucket" | "pad" | "blocked";

const ALL_KINDS: Kind[] = [
  "padding",
  "causal",
  "causal-padding",
  "window",
  "window-causal",
  "dilated",
  "strided",
  "global-window",
  "bigbird",
  "lsh",
  "hard",
  "none",
];

interface Preset {
  kinds: Kind[];
  initial: Kind;
  L: number;
  /** Index of the sequence shown first (0 is the longest, unpadded one). */
  seq: number;
  fill: boolean;
  side: boolean;
  width: boolean;
  cost: boolean;
}

const PRESETS: Record<string, Preset> = {
  padding: { kinds: ["padding", "causal-padding", "none"], initial: "padding", L: 10, seq: 1, fill: true, side: true, width: false, cost: false },
  causal: { kinds: ["causal", "causal-padding", "padding", "none"], initial: "causal", L: 10, seq: 1, fill: false, side: true, width: false, cost: false },
  window: {
    kinds: ["window", "window-causal", "dilated", "global-window", "bigbird", "lsh", "causal", "none"],
    initial: "window",
    L: 32,
    seq: 0,
    fill: false,
    side: false,
    width: true,
    cost: true,
  },
  families: {
    kinds: ["none", "hard", "causal", "window", "dilated", "strided", "global-window", "bigbird", "lsh"],
    initial: "none",
    L: 32,
    seq: 0,
    fill: false,
    side: false,
    width: true,
    cost: true,
  },
};
const DEFAULT: Preset = { kinds: ALL_KINDS, initial: "padding", L: 16, seq: 1, fill: true, side: true, width: true, cost: true };

const D = 16; // head width
const _BATCH = 3;
const DILATION = 2; // dilated window: every 2nd key
const GLOBAL_TOKENS = 2; // Longformer-style: the first two tokens ([CLS] and one task token)
const BLOCK = 4; // BigBird-style block size
const RANDOM_BLOCKS = 1; // random key blocks per query block
const BUCKETS = 4; // LSH buckets
const LEAK = 1e-6; // a blocked cell above this weight is outlined as a leak

const COLORS: Record<Reason, string> = {
  open: "steelblue",
  local: "steelblue",
  global: "seagreen",
  random: "goldenrod",
  bucket: "mediumpurple",
  pad: "darkorange",
  blocked: "gray",
};

const T = {
  en: {
    caption:
      "A seeded batch of three sequences padded to a common length. Pick a mask kind: the mask (rows = queries, columns = keys) and the softmax weights it produces are redrawn.",
    kind: "mask",
    kinds: {
      none: "none (full, global attention)",
      hard: "hard (top-1 key per query)",
      padding: "padding (key columns)",
      causal: "causal (key ≤ query)",
      "causal-padding": "causal AND padding",
      window: "sliding window ±w",
      "window-causal": "causal sliding window (w back)",
      dilated: "dilated window (every 2nd key)",
      strided: "strided (Sparse Transformer)",
      "global-window": "global + window (Longformer)",
      bigbird: "window + global + random blocks (BigBird)",
      lsh: "LSH buckets (Reformer)",
    } as Record<Kind, string>,
    seq: "sequence",
    seqName: (b: number, len: number) => `#${b + 1} (length ${len})`,
    side: "padding side",
    sides: { right: "right", left: "left" } as Record<Side, string>,
    fill: "blocked scores",
    fills: {
      where: "where(mask, s, most negative) — empty row → 0",
      add: "add −1000 (common recipe)",
      replace: "replace by −1000",
      inf: "replace by −∞",
    } as Record<Fill, string>,
    scale: "score scale ×",
    width: "window w",
    batch: "the batch (one row per sequence)",
    position: "position",
    sequence: "sequence",
    real: "token",
    padTok: "padding",
    reasons: {
      open: "attend",
      local: "attend (window)",
      global: "attend (global token)",
      random: "attend (random block)",
      bucket: "attend (same bucket)",
      pad: "blocked: padded key",
      blocked: "blocked by the pattern",
    } as Record<Reason, string>,
    maskTitle: (open: number, total: number) => `mask: ${open} of ${total} cells open (1 = attend)`,
    weightTitle: "softmax weights (a row with an open key sums to 1; blocked cells get 0)",
    query: "query i (row)",
    key: "key j (column)",
    weight: "weight",
    leakLine: (m: number) => `Largest weight on blocked keys in a row with open keys: ${fmt(m)}${m > LEAK ? " — the mask leaks (red outlines)." : "."}`,
    emptyLine: (n: number, fill: Fill) =>
      n === 0
        ? "No row has every key blocked."
        : `${n} row(s) have every key blocked; with this fill they become ${
            {
              where: "all zeros (the course's definition)",
              add: "the softmax of the blocked scores, as if unmasked",
              replace: "uniform over the blocked keys",
              inf: "NaN (−∞ − (−∞)), which poisons the output and every gradient (red ×)",
            }[fill]
          }.`,
    padRows: "Faded rows are padded queries: they are computed but the loss ignores them.",
    leakTitle: "weight leaking onto blocked keys (worst row in the batch) vs score scale",
    leakY: "blocked weight",
    cost: "score cells per head and layer",
    costTitle: "cost of the score matrix vs sequence length n (log–log)",
    full: "full: n²",
    thisPattern: "this mask",
    formula: {
      none: "every pair: n² scores, O(n²·d)",
      hard: "one key per query, but finding it takes all n² scores",
      padding: "n × (number of real keys): still O(n²·d)",
      causal: "n(n+1)/2 scores: half of n², still O(n²·d)",
      "causal-padding": "at most n(n+1)/2 scores, O(n²·d)",
      window: "n(2w+1) scores, O(n·w·d)",
      "window-causal": "n(w+1) scores, O(n·w·d)",
      dilated: "n(2w+1) scores reaching ±2w, O(n·w·d)",
      strided: "about 1.5·n·√n scores with stride √n, O(n√n·d)",
      "global-window": "n(2w+1) + 2gn scores for g global tokens, O(n(w+g)·d)",
      bigbird: "(3 window + 1 global + 1 random) blocks of b keys per query, O(n·b·d)",
      lsh: "about 2c keys per query in chunks of c after an O(n log n) sort (Reformer sorts by bucket; here the buckets are shown in the original order)",
    } as Record<Kind, string>,
    costLine: "This pattern:",
    stop: ".",
  },
  zh: {
    caption: "一个带种子的批次：三条序列被填充到同一长度。选择掩码类型：掩码（行为查询、列为键）及其产生的 softmax 权重会重新绘制。",
    kind: "掩码",
    kinds: {
      none: "无（完整的全局注意力）",
      hard: "硬注意力（每个查询取 top-1 键）",
      padding: "填充掩码（键所在的列）",
      causal: "因果掩码（键 ≤ 查询）",
      "causal-padding": "因果 AND 填充",
      window: "滑动窗口 ±w",
      "window-causal": "因果滑动窗口（向前 w 个）",
      dilated: "空洞窗口（每隔一个键）",
      strided: "跨步模式（Sparse Transformer）",
      "global-window": "全局 + 窗口（Longformer）",
      bigbird: "窗口 + 全局 + 随机块（BigBird）",
      lsh: "LSH 分桶（Reformer）",
    } as Record<Kind, string>,
    seq: "序列",
    seqName: (b: number, len: number) => `#${b + 1}（长度 ${len}）`,
    side: "填充在哪一侧",
    sides: { right: "右侧", left: "左侧" } as Record<Side, string>,
    fill: "被屏蔽的分数",
    fills: { where: "where(mask, s, 最负有限值)——空行 → 0", add: "加上 −1000（流行做法）", replace: "替换为 −1000", inf: "替换为 −∞" } as Record<Fill, string>,
    scale: "分数放大倍数 ×",
    width: "窗口 w",
    batch: "批次（每行一条序列）",
    position: "位置",
    sequence: "序列",
    real: "词元",
    padTok: "填充",
    reasons: {
      open: "可见",
      local: "可见（窗口）",
      global: "可见（全局词元）",
      random: "可见（随机块）",
      bucket: "可见（同一桶）",
      pad: "屏蔽：填充键",
      blocked: "被模式屏蔽",
    } as Record<Reason, string>,
    maskTitle: (open: number, total: number) => `掩码：${total} 个格子中 ${open} 个可见（1 = 可见）`,
    weightTitle: "softmax 权重（有可见键的行之和为 1；被屏蔽的格子为 0）",
    query: "查询 i（行）",
    key: "键 j（列）",
    weight: "权重",
    leakLine: (m: number) => `在仍有可见键的行中，被屏蔽键得到的最大权重：${fmt(m)}${m > LEAK ? "——掩码泄漏了（红框）。" : "。"}`,
    emptyLine: (n: number, fill: Fill) =>
      n === 0
        ? "没有哪一行的键全部被屏蔽。"
        : `有 ${n} 行的键全部被屏蔽；用这种填充方式，它们变成${
            {
              where: "全零（本课程的约定）",
              add: "被屏蔽分数自身的 softmax，等于没加掩码",
              replace: "在被屏蔽键上的均匀分布",
              inf: "NaN（−∞ − (−∞)），会污染输出和所有梯度（红色 ×）",
            }[fill]
          }。`,
    padRows: "颜色变淡的行是填充位置上的查询：它们照样被计算，但损失函数忽略它们。",
    leakTitle: "泄漏到被屏蔽键上的权重（批次中最差的一行）随分数放大倍数的变化",
    leakY: "被屏蔽键的权重",
    cost: "每个头每层的分数格子数",
    costTitle: "分数矩阵的代价随序列长度 n 的变化（双对数坐标）",
    full: "完整：n²",
    thisPattern: "当前掩码",
    formula: {
      none: "所有位置对：n² 个分数，O(n²·d)",
      hard: "每个查询只取一个键，但找出它仍需全部 n² 个分数",
      padding: "n ×（真实键的个数）：仍是 O(n²·d)",
      causal: "n(n+1)/2 个分数：n² 的一半，仍是 O(n²·d)",
      "causal-padding": "至多 n(n+1)/2 个分数，O(n²·d)",
      window: "n(2w+1) 个分数，O(n·w·d)",
      "window-causal": "n(w+1) 个分数，O(n·w·d)",
      dilated: "n(2w+1) 个分数，覆盖 ±2w，O(n·w·d)",
      strided: "步长取 √n 时约 1.5·n·√n 个分数，O(n√n·d)",
      "global-window": "g 个全局词元时为 n(2w+1) + 2gn 个分数，O(n(w+g)·d)",
      bigbird: "每个查询关注（3 个窗口块 + 1 个全局块 + 1 个随机块）× 每块 b 个键，O(n·b·d)",
      lsh: "先做 O(n log n) 的排序，之后每个查询在大小为 c 的块中约看 2c 个键（Reformer 会按桶排序；这里按原始顺序显示各桶）",
    } as Record<Kind, string>,
    costLine: "当前模式：",
    stop: "。",
  },
};

function fmt(x: number): string {
  if (x === 0) return "0";
  if (x < 1e-3) return x.toExponential(1);
  return x.toFixed(3);
}

/** Seeded lengths: the first sequence fills the batch's length L, the others are shorter. */
function batchLengths(L: number): number[] {
  const next = rng(8000 + L);
  const second = Math.round(L * (0.6 + 0.2 * next()));
  const third = Math.max(2, Math.round(L * (0.3 + 0.15 * next())));
  return [L, Math.min(L - 1, second), Math.min(second - 1, third)];
}

interface Sequence {
  len: number;
  scores: Matrix; // [L, L], QKᵀ/√d
  shared: Matrix; // [L, L], q_i · q̂_j (Reformer's shared-QK scores)
  bucket: number[]; // LSH bucket of each position
}

function makeBatch(L: number): Sequence[] {
  const wq = randomMatrix(D, D, 71, 1 / Math.sqrt(D));
  const wk = randomMatrix(D, D, 73, 1 / Math.sqrt(D));
  // Angular LSH (Kitaev et al., 2020): h(x) = argmax [xR ; −xR] with a random R of d × (buckets/2).
  const R = randomMatrix(D, BUCKETS / 2, 79);
  return batchLengths(L).map((len, b) => {
    const x = randomMatrix(L, D, 100 + b);
    const q = matmul(x, wq);
    const k = matmul(x, wk);
    const unit = q.map((row) => {
      const n = Math.hypot(...row);
      return row.map((v) => v / n);
    });
    const bucket = matmul(unit, R).map((proj) => {
      const both = [...proj, ...proj.map((v) => -v)];
      return both.indexOf(Math.max(...both));
    });
    return { len, scores: scale(matmul(q, transpose(k)), 1 / Math.sqrt(D)), shared: matmul(q, transpose(unit)), bucket };
  });
}

/** Random key blocks for each query block (BigBird), seeded. */
function randomBlocks(L: number): number[][] {
  const nb = Math.ceil(L / BLOCK);
  const next = rng(4242 + L);
  return Array.from({ length: nb }, (_, qb) => {
    const candidates = Array.from({ length: nb }, (_, kb) => kb).filter((kb) => Math.abs(kb - qb) > 1 && kb !== 0);
    const picked: number[] = [];
    for (let r = 0; r < RANDOM_BLOCKS && candidates.length > 0; r++) picked.push(candidates.splice(Math.floor(next() * candidates.length), 1)[0]);
    return picked;
  });
}

interface Ctx {
  L: number;
  len: number;
  side: Side;
  w: number;
  seq: Sequence;
  random: number[][];
}

const isPad = (p: number, c: Ctx) => (c.side === "right" ? p >= c.len : p < c.L - c.len);

/** The reason cell (i, j) is open or blocked, for query i and key j. */
function reasonFor(kind: Kind, i: number, j: number, c: Ctx): Reason {
  if (kind === "none") return "open";
  if (kind === "causal") return j <= i ? "open" : "blocked";
  if (isPad(j, c)) return "pad";
  const d = i - j;
  switch (kind) {
    case "padding":
      return "open";
    case "causal-padding":
      return j <= i ? "open" : "blocked";
    case "hard": {
      const row = c.seq.scores[i];
      let best = -1;
      for (let k = 0; k < c.L; k++) if (!isPad(k, c) && (best < 0 || row[k] > row[best])) best = k;
      return j === best ? "open" : "blocked";
    }
    case "window":
      return Math.abs(d) <= c.w ? "local" : "blocked";
    case "window-causal":
      return d >= 0 && d <= c.w ? "local" : "blocked";
    case "dilated":
      return Math.abs(d) <= c.w * DILATION && d % DILATION === 0 ? "local" : "blocked";
    case "strided": {
      const s = Math.max(2, Math.round(Math.sqrt(c.L)));
      return d >= 0 && (d < s || d % s === 0) ? "local" : "blocked";
    }
    case "global-window":
      if (i < GLOBAL_TOKENS || j < GLOBAL_TOKENS) return "global";
      return Math.abs(d) <= c.w ? "local" : "blocked";
    case "bigbird": {
      const qb = Math.floor(i / BLOCK);
      const kb = Math.floor(j / BLOCK);
      if (qb === 0 || kb === 0) return "global";
      if (Math.abs(qb - kb) <= 1) return "local";
      return c.random[qb].includes(kb) ? "random" : "blocked";
    }
    case "lsh": {
      if (c.seq.bucket[i] !== c.seq.bucket[j]) return "blocked";
      if (i !== j) return "bucket";
      // Reformer: a position attends to itself only when its bucket offers nothing else.
      const others = c.seq.bucket.some((b, k) => k !== i && b === c.seq.bucket[i] && !isPad(k, c));
      return others ? "blocked" : "bucket";
    }
  }
}

/** One row of weights under a fill method. `where` is the safe one (a row with no open key → zeros). */
function weightRow(s: number[], open: boolean[], fill: Fill): number[] {
  switch (fill) {
    case "where":
      // where(mask, s, most negative value), exp × mask, divide by max(sum, tiny): the blocked
      // keys get exactly 0 and an empty row is all zeros — what _math's softmax does with −∞.
      return softmax(s.map((v, j) => (open[j] ? v : -Infinity)));
    case "add":
      return softmax(s.map((v, j) => (open[j] ? v : v - 1000)));
    case "replace":
      return softmax(s.map((v, j) => (open[j] ? v : -1000)));
    case "inf":
      // The naive softmax: with every entry −∞, max = −∞ and exp(−∞ − (−∞)) = exp(NaN).
      return open.some(Boolean) ? softmax(s.map((v, j) => (open[j] ? v : -Infinity))) : s.map(() => NaN);
  }
}

interface Result {
  reasons: Reason[][];
  weights: Matrix;
  open: number;
  leak: number;
  empty: number;
}

function compute(kind: Kind, c: Ctx, fill: Fill, scoreScale: number): Result {
  const base = kind === "lsh" ? c.seq.shared : c.seq.scores;
  const reasons = base.map((_, i) => base.map((__, j) => reasonFor(kind, i, j, c)));
  let open = 0;
  let leak = 0;
  let empty = 0;
  const weights = base.map((row, i) => {
    const mask = reasons[i].map((r) => r !== "pad" && r !== "blocked");
    const n = mask.filter(Boolean).length;
    open += n;
    if (n === 0) empty++;
    const w = weightRow(
      row.map((v) => v * scoreScale),
      mask,
      fill,
    );
    if (n > 0)
      leak = Math.max(
        leak,
        w.reduce((a, v, j) => a + (mask[j] ? 0 : v), 0),
      );
    return w;
  });
  return { reasons, weights, open, leak, empty };
}

/** Score cells per head for a sequence of length n: the formula behind each pattern. */
function cost(kind: Kind, n: number, w: number): number {
  switch (kind) {
    case "none":
    case "padding":
    case "hard": // the argmax still needs every score
      return n * n;
    case "causal":
    case "causal-padding":
      return (n * (n + 1)) / 2;
    case "window":
    case "dilated":
      return n * (2 * w + 1);
    case "window-causal":
      return n * (w + 1);
    case "strided": {
      const s = Math.sqrt(n);
      return n * (s + n / (2 * s)); // s local keys + on average n/(2s) strided ones: O(n√n)
    }
    case "global-window":
      return n * (2 * w + 1) + 2 * GLOBAL_TOKENS * n;
    case "bigbird":
      return n * BLOCK * (3 + 1 + RANDOM_BLOCKS) + BLOCK * n; // window + global + random blocks, and the global block's rows
    case "lsh":
      return n * 2 * 64; // each query: its chunk and the previous one, chunk 64 (plus an n·log n sort)
  }
}

type Words = (typeof T)[Lang];
type Cell = { i: number; j: number; reason: Reason; label: string; v: number; padQ: boolean };
const WINDOWED: Kind[] = ["window", "window-causal", "dilated", "global-window"];

/** The batch: which positions hold tokens and which hold padding, the selected sequence outlined. */
function batchStrip(batch: Sequence[], ctx: (b: number) => Ctx, selected: number, L: number, ticks: (i: number) => string, t: Words) {
  const strip = batch.flatMap((q, b) =>
    Array.from({ length: L }, (_, pos) => ({ b: t.seqName(b, q.len), pos, kind: isPad(pos, ctx(b)) ? t.padTok : t.real, sel: b === selected })),
  );
  return Plot.plot({
    width: chartWidth(),
    height: 120,
    marginLeft: 90,
    title: t.batch,
    x: { label: t.position, tickFormat: ticks },
    y: { label: null },
    color: { domain: [t.real, t.padTok], range: ["steelblue", "darkorange"], legend: true },
    marks: [
      Plot.cell(strip, { x: "pos", y: "b", fill: "kind", fillOpacity: (d: { sel: boolean }) => (d.sel ? 1 : 0.35), inset: 1 }),
      Plot.cell(
        strip.filter((d) => d.sel),
        { x: "pos", y: "b", stroke: "currentColor", fill: "none", inset: 0.5 },
      ),
    ],
  });
}

/** The mask (why each cell is open or blocked) and the attention weights it leads to, side by side where there is room. */
function maskAndWeights(r: Result, c: Ctx, L: number, ticks: (i: number) => string, t: Words): HTMLElement {
  const cw = chartWidth();
  const size = cw >= 560 ? Math.floor((cw - 8) / 2) : cw;
  const cells: Cell[] = r.reasons.flatMap((row, i) =>
    row.map((reason, j) => ({ i, j, reason, label: t.reasons[reason], v: r.weights[i][j], padQ: isPad(i, c) })),
  );
  const present = (Object.keys(COLORS) as Reason[]).filter((reason) => cells.some((d) => d.reason === reason));
  const square = {
    width: size,
    height: size + 40,
    marginLeft: 40,
    x: { label: t.key, tickFormat: ticks, axis: "top" as const },
    y: { label: t.query, tickFormat: ticks },
  };
  const maskPlot = Plot.plot({
    ...square,
    title: t.maskTitle(r.open, L * L),
    color: { domain: present.map((x) => t.reasons[x]), range: present.map((x) => COLORS[x]), legend: true },
    marks: [
      Plot.cell(cells, {
        x: "j",
        y: "i",
        fill: "label",
        fillOpacity: (d: { reason: Reason }) => (d.reason === "pad" || d.reason === "blocked" ? 0.3 : 1),
        inset: 0.5,
        tip: true,
      }),
    ],
  });
  const finite = cells.filter((d) => Number.isFinite(d.v));
  const weightPlot = Plot.plot({
    ...square,
    title: t.weightTitle,
    // A light-to-medium blue ramp: both ends stay visible on a light and on a dark page.
    color: { type: "sqrt", range: ["#d4e5f4", "#1f6fb4"], interpolate: "hcl", domain: [0, 1], legend: true, label: t.weight, ticks: [0.05, 0.25, 0.5, 1] },
    marks: [
      Plot.cell(cells, { x: "j", y: "i", fill: "none", stroke: "currentColor", strokeOpacity: 0.1 }),
      Plot.cell(
        finite.filter((d) => d.v > 0),
        { x: "j", y: "i", fill: "v", fillOpacity: (d: { padQ: boolean }) => (d.padQ ? 0.35 : 1), inset: 0.5, tip: true },
      ),
      Plot.cell(
        finite.filter((d) => (d.reason === "pad" || d.reason === "blocked") && d.v > LEAK),
        { x: "j", y: "i", fill: "none", stroke: "red", strokeWidth: 1.5 },
      ),
      Plot.dot(
        cells.filter((d) => Number.isNaN(d.v)),
        { x: "j", y: "i", symbol: "times", stroke: "red", r: Math.max(2, size / L / 4) },
      ),
    ],
  });
  // A figure is as wide as its title: keep each one to its chart's width so the two fit side by side.
  for (const fig of [maskPlot, weightPlot]) (fig as HTMLElement).style.maxWidth = `${size}px`;
  return sideBySide(8, maskPlot, weightPlot);
}

/** Sweep the score scale for each fill: the worst row's leak over the whole batch. */
function leakSweep(k: Kind, batch: Sequence[], ctx: (b: number) => Ctx, scale: number, t: Words) {
  const grid = Array.from({ length: 41 }, (_, g) => Math.exp((g / 40) * Math.log(3000)));
  const fills: Fill[] = ["add", "replace", "where"];
  const curve = fills.flatMap((fl) => grid.map((x) => ({ x, fill: t.fills[fl], y: Math.max(...batch.map((_, b) => compute(k, ctx(b), fl, x).leak)) })));
  return Plot.plot({
    width: chartWidth(),
    height: 220,
    title: t.leakTitle,
    x: { type: "log", label: t.scale },
    y: { domain: [0, 1], label: t.leakY, grid: true },
    color: { domain: fills.map((fl) => t.fills[fl]), range: ["firebrick", "darkorange", "steelblue"], legend: true },
    marks: [
      Plot.line(
        curve.filter((d) => d.fill !== t.fills.where),
        { x: "x", y: "y", stroke: "fill", strokeWidth: 2, tip: true },
      ),
      Plot.line(
        curve.filter((d) => d.fill === t.fills.where),
        { x: "x", y: "y", stroke: "fill", strokeWidth: 2.5, strokeDasharray: "5,4", tip: true },
      ),
      Plot.ruleX([scale], { stroke: "currentColor", strokeDasharray: "3,3" }),
    ],
  });
}

/** The pattern's cost against full attention's n², for n from 256 to 128k. */
function costCurve(k: Kind, w: number, t: Words) {
  const ns = Array.from({ length: 10 }, (_, g) => 256 * 2 ** g);
  const name = `${t.thisPattern}: ${t.kinds[k]}${WINDOWED.includes(k) ? `, w = ${w}` : ""}`;
  const lines = [...ns.map((n) => ({ n, c: n * n, what: t.full })), ...ns.map((n) => ({ n, c: cost(k, n, w), what: name }))];
  return Plot.plot({
    width: chartWidth(),
    height: 240,
    marginLeft: 60,
    title: t.costTitle,
    x: { type: "log", label: "n" },
    y: { type: "log", label: t.cost, grid: true },
    color: { legend: true, domain: [t.full, name], range: ["gray", "steelblue"] },
    marks: [Plot.line(lines, { x: "n", y: "c", stroke: "what", strokeWidth: 2, tip: true }), Plot.dot(lines, { x: "n", y: "c", fill: "what", r: 2.5 })],
  });
}

export default function masks({ lang, preset }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const p = (preset && PRESETS[preset]) || DEFAULT;
  const L = p.L;
  const batch = makeBatch(L);
  const random = randomBlocks(L);
  const root = container("masks", t.caption);

  // The first control is the mask kind: changing it redraws both heatmaps.
  const kind = Inputs.select(p.kinds, { value: p.initial, label: t.kind, format: (k: Kind) => t.kinds[k] });
  const seq = Inputs.select([0, 1, 2], { value: p.seq, label: t.seq, format: (b: number) => t.seqName(b, batch[b].len) });
  root.append(kind, seq);
  const side = p.side ? Inputs.radio(["right", "left"] as Side[], { value: "right", label: t.side, format: (s: Side) => t.sides[s] }) : null;
  const fill = p.fill ? Inputs.select(["where", "add", "replace", "inf"] as Fill[], { value: "where", label: t.fill, format: (f: Fill) => t.fills[f] }) : null;
  const scoreScale = p.fill ? Inputs.range([1, 3000], { value: 1, step: 1, transform: Math.log, label: t.scale }) : null;
  const width = p.width ? Inputs.range([1, 8], { value: 3, step: 1, label: t.width }) : null;
  for (const c of [side, fill, scoreScale, width]) if (c) root.append(c);

  const batchChart = slot(root);
  const heatmaps = slot(root);
  const summary = el("p", { class: "visual-summary" });
  root.append(summary);
  const extra = slot(root);

  const render = () => {
    const k = kind.value;
    const s = seq.value;
    const f: Fill = fill?.value ?? "where";
    const w = width?.value ?? 3;
    if (width) for (const input of width.querySelectorAll("input")) input.disabled = !WINDOWED.includes(k);
    const ctx = (b: number): Ctx => ({ L, len: batch[b].len, side: side?.value ?? "right", w, seq: batch[b], random });
    const c = ctx(s);
    const r = compute(k, c, f, scoreScale?.value ?? 1);
    const ticks = (i: number) => (L <= 12 || i % 4 === 0 ? String(i) : "");
    batchChart(batchStrip(batch, ctx, s, L, ticks, t));
    heatmaps(maskAndWeights(r, c, L, ticks, t));
    const padQueries = Array.from({ length: L }, (_, i) => i).some((i) => isPad(i, c));
    summary.textContent = [p.cost ? `${t.costLine} ${t.formula[k]}${t.stop}` : "", t.leakLine(r.leak), t.emptyLine(r.empty, f), padQueries ? t.padRows : ""]
      .filter(Boolean)
      .join(" ");
    if (p.fill && scoreScale) extra(leakSweep(k, batch, ctx, scoreScale.value, t));
    else if (p.cost) extra(costCurve(k, w, t));
    else extra(el("div"));
  };
  for (const c of [kind, seq, side, fill, scoreScale, width]) c?.addEventListener("input", render);
  render();
  return root;
}
