/**
 * Topic 40: what a model trained on L tokens meets at s·L. Left: ALiBi's fixed linear biases,
 * one slope per head, which need no change at any length. Right: RoPE (head width 128, base
 * 10 000) — the score of a vector with itself at distance Δ, and, per rotation pair, the
 * largest angle reached at s·L against the largest seen in training, unscaled or with
 * position interpolation, NTK-aware scaling or YaRN (math/length-bias.ts).
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { alibiBias, alibiSlopes, angleReach, ropeSelfScore, scaledThetas, yarnLogitScale, type RopeScaling } from "./math/length-bias.js";

const D = 128;
const BASE = 10000;
const HEADS = 8;
const METHODS: RopeScaling[] = ["none", "pi", "ntk", "yarn"];
const ALIBI_FLOOR = -16;

const T = {
  en: {
    caption: "Train on L tokens, run on s·L: ALiBi's biases against RoPE unscaled, interpolated, NTK-scaled or with YaRN.",
    s: "scale s (target length / L)",
    method: "RoPE at the target length",
    trainLen: "training length L",
    names: { none: "unscaled (extrapolate)", pi: "position interpolation", ntk: "NTK-aware base", yarn: "YaRN" } as Record<RopeScaling, string>,
    alibi: `ALiBi bias −m·Δ for ${HEADS} heads (clipped at ${ALIBI_FLOOR})`,
    distance: "distance Δ (tokens)",
    bias: "bias added to the score",
    head: (m: string) => `m = ${m}`,
    rope: "RoPE: ⟨x, R_Δ x⟩ / (d/2) for unit pairs",
    score: "score",
    original: "unscaled",
    reach: "per pair: largest angle at s·L ÷ largest seen in training",
    pair: "rotation pair i (fast → slow)",
    ratio: "angle ratio",
    status: { full: "turned a full circle in training", unseen: "reaches angles never seen", seen: "stays within the trained range" },
    readout: (r: Readout) =>
      `At ${r.target} tokens: ${r.unseen} of ${D / 2} pairs reach angles never seen in training. ` +
      (r.method === "ntk"
        ? `NTK-aware base: ${r.base}. `
        : r.method === "yarn"
          ? `YaRN also multiplies the logits by ${r.temp} (√ = 0.1·ln s + 1). `
          : r.method === "pi"
            ? `Neighbouring tokens are now ${r.s}× closer in every pair. `
            : "") +
      `ALiBi needs no change: the steepest head's bias at Δ = ${r.target} is ${r.steep}, the gentlest's ${r.gentle}.`,
  },
  zh: {
    caption: "在 L 个词元上训练、在 s·L 个词元上运行：ALiBi 的偏置，对比不缩放、位置插值、NTK 缩放与 YaRN 下的 RoPE。",
    s: "倍数 s（目标长度 / L）",
    method: "目标长度下的 RoPE",
    trainLen: "训练长度 L",
    names: { none: "不缩放（直接外推）", pi: "位置插值", ntk: "NTK 感知的基数", yarn: "YaRN" } as Record<RopeScaling, string>,
    alibi: `${HEADS} 个头的 ALiBi 偏置 −m·Δ（截断于 ${ALIBI_FLOOR}）`,
    distance: "距离 Δ（词元）",
    bias: "加到分数上的偏置",
    head: (m: string) => `m = ${m}`,
    rope: "RoPE：单位向量对的 ⟨x, R_Δ x⟩ / (d/2)",
    score: "分数",
    original: "不缩放",
    reach: "每一对：s·L 处的最大角度 ÷ 训练中见过的最大角度",
    pair: "旋转对 i（快 → 慢）",
    ratio: "角度之比",
    status: { full: "训练中已转满一圈", unseen: "出现训练中没见过的角度", seen: "仍在训练见过的范围内" },
    readout: (r: Readout) =>
      `在 ${r.target} 个词元处：${D / 2} 对中有 ${r.unseen} 对出现训练中没见过的角度。` +
      (r.method === "ntk"
        ? `NTK 感知的基数：${r.base}。`
        : r.method === "yarn"
          ? `YaRN 还把 logits 乘以 ${r.temp}（其平方根 = 0.1·ln s + 1）。`
          : r.method === "pi"
            ? `相邻词元在每一对中的角度差都缩小为原来的 1/${r.s}。`
            : "") +
      `ALiBi 无需任何改动：Δ = ${r.target} 时最陡的头偏置为 ${r.steep}，最平缓的为 ${r.gentle}。`,
  },
};

interface Readout {
  target: number;
  unseen: number;
  method: RopeScaling;
  base: string;
  temp: string;
  s: number;
  steep: string;
  gentle: string;
}

type Control<V> = HTMLElement & { value: V };

/** Distances from 1 to max, evenly spaced on a log axis. */
const logSpace = (max: number, n = 240) =>
  Array.from({ length: n }, (_, k) => Math.round(Math.exp((k / (n - 1)) * Math.log(max)))).filter((v, k, a) => k === 0 || v !== a[k - 1]);

type Text = (typeof T)["en"];
type Options = { d: number; base: number; s: number; trainLen: number };
type Reach = ReturnType<typeof angleReach>;

/** Pairs whose angle at s·L goes past anything seen in training (a pair that turned a full circle saw every angle). */
const unseenPairs = (reach: Reach) => reach.filter((p) => !p.fullTurn && p.ratio > 1 + 1e-9);

function readoutText(t: Text, method: RopeScaling, o: Options, reach: Reach, slopes: number[]): string {
  const target = o.s * o.trainLen;
  return t.readout({
    target,
    unseen: unseenPairs(reach).length,
    method,
    base: Math.round(BASE * o.s ** (D / (D - 2))).toLocaleString("en-US"),
    temp: yarnLogitScale(o.s).toFixed(3),
    s: o.s,
    steep: alibiBias(slopes[0], target).toLocaleString("en-US"),
    gentle: alibiBias(slopes[HEADS - 1], target).toFixed(1),
  });
}

/** ALiBi: one line per head's slope over the distances, clipped at ALIBI_FLOOR, the training length marked. */
function alibiChart(t: Text, slopes: number[], distances: number[], L: number, width: number) {
  const head = (m: number) => t.head(`1/${Math.round(1 / m)}`);
  const alibi = slopes.flatMap((m) => distances.map((d) => ({ d, bias: Math.max(ALIBI_FLOOR, alibiBias(m, d)), head: head(m) })));
  return Plot.plot({
    width,
    height: 230,
    marginLeft: 48,
    title: t.alibi,
    x: { type: "log", label: t.distance, tickFormat: "~s" },
    y: { label: t.bias, domain: [ALIBI_FLOOR, 0], grid: true },
    color: { legend: true, scheme: "viridis", domain: slopes.map(head) },
    marks: [
      Plot.line(alibi, { x: "d", y: "bias", stroke: "head", strokeWidth: 1.6, tip: true }),
      Plot.ruleX([L], { stroke: "firebrick", strokeDasharray: "4,3" }),
      Plot.text([L], { x: (v: number) => v, frameAnchor: "top", text: () => `L = ${L}`, dy: 8, dx: 4, textAnchor: "start", fill: "firebrick" }),
    ],
  });
}

/** RoPE: the self-score over the distances, unscaled against the chosen scaling. */
function ropeChart(t: Text, method: RopeScaling, o: Options, distances: number[], width: number) {
  const trained = scaledThetas("none", o);
  const scaled = scaledThetas(method, o);
  const curves = [
    ...distances.map((d) => ({ d, score: ropeSelfScore(d, trained), series: t.original })),
    ...distances.map((d) => ({ d, score: ropeSelfScore(d, scaled), series: t.names[method] })),
  ];
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 44,
    subtitle: t.rope,
    x: { type: "log", label: t.distance, tickFormat: "~s" },
    y: { label: t.score, grid: true },
    color: { legend: true, domain: [t.original, t.names[method]], range: ["#bab0ac", "steelblue"] },
    marks: [
      Plot.line(curves, { x: "d", y: "score", stroke: "series", strokeWidth: 1.6, tip: true }),
      Plot.ruleX([o.trainLen], { stroke: "firebrick", strokeDasharray: "4,3" }),
    ],
  });
}

/** Per rotation pair: the largest angle at s·L over the largest seen in training. */
function reachChart(t: Text, reach: Reach, width: number) {
  const points = reach.map((p) => ({ ...p, status: p.fullTurn ? t.status.full : p.ratio > 1 + 1e-9 ? t.status.unseen : t.status.seen }));
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 44,
    subtitle: t.reach,
    x: { label: t.pair },
    y: { type: "log", label: t.ratio, grid: true, domain: [0.5, 32], tickFormat: "~g" },
    color: { legend: true, domain: [t.status.full, t.status.unseen, t.status.seen], range: ["#bab0ac", "firebrick", "steelblue"] },
    marks: [Plot.dot(points, { x: "pair", y: "ratio", fill: "status", r: 3, tip: true }), Plot.ruleY([1], { stroke: "currentColor", strokeDasharray: "3,3" })],
  });
}

function makeControls(t: Text) {
  return {
    s: Inputs.select([1, 2, 4, 8, 16], { value: 4, label: t.s }) as Control<number>,
    method: Inputs.select(METHODS, { value: "ntk", label: t.method, format: (m: RopeScaling) => t.names[m] }) as Control<RopeScaling>,
    trainLen: Inputs.select([2048, 4096], { value: 4096, label: t.trainLen }) as Control<number>,
  };
}

export default function lengthBias({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("length-bias", t.caption);
  const { s, method, trainLen } = makeControls(t);
  root.append(s, method, trainLen);
  const readout = document.createElement("p");
  readout.className = "visual-readout";
  root.append(readout);
  const alibiSlot = slot(root);
  const ropeSlot = slot(root);
  const reachSlot = slot(root);
  const slopes = alibiSlopes(HEADS);

  const render = () => {
    const options: Options = { d: D, base: BASE, s: s.value, trainLen: trainLen.value };
    const w = chartWidth();
    const reach = angleReach(method.value, options);
    readout.textContent = readoutText(t, method.value, options, reach, slopes);
    const distances = logSpace(s.value * trainLen.value);
    alibiSlot(alibiChart(t, slopes, distances, trainLen.value, w));
    ropeSlot(ropeChart(t, method.value, options, distances, w));
    reachSlot(reachChart(t, reach, w));
  };
  for (const c of [s, method, trainLen]) c.addEventListener("input", render);
  render();
  return root;
}
