/**
 * Topic 34: the distribution a sampler actually draws from. Eight candidate next tokens with
 * fixed logits; temperature rescales them, top-k and top-p cut the tail, and the survivors
 * are renormalised (the arithmetic is in _sampling.ts). A peaked and a flat context show why
 * top-p adapts where top-k does not.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { entropy } from "./_math.js";
import { samplingDistribution } from "./_sampling.js";

interface Context {
  prompt: { en: string; zh: string };
  tokens: { en: string[]; zh: string[] };
  logits: number[];
}

const CONTEXTS: Context[] = [
  {
    prompt: { en: "“The cat sat on the …” (peaked)", zh: "“小猫坐在……”（分布尖锐）" },
    tokens: {
      en: ["mat", "floor", "sofa", "bed", "roof", "table", "moon", "piano"],
      zh: ["垫子上", "地板上", "沙发上", "床上", "屋顶上", "桌子上", "月亮上", "钢琴上"],
    },
    logits: [3.0, 2.2, 1.8, 1.5, 0.6, 0.3, -1.0, -2.0],
  },
  {
    prompt: { en: "“My favourite colour is …” (flat)", zh: "“我最喜欢的颜色是……”（分布平坦）" },
    tokens: {
      en: ["blue", "green", "red", "purple", "black", "orange", "yellow", "pink"],
      zh: ["蓝色", "绿色", "红色", "紫色", "黑色", "橙色", "黄色", "粉色"],
    },
    logits: [1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5],
  },
];

const T = {
  en: {
    caption:
      "Pick a context and move the knobs: blue bars are the distribution sampled from, grey ones what was cut (at its probability before the cut), and the ticks mark the plain softmax at T = 1.",
    context: "context",
    temperature: "temperature T",
    topK: "top-k",
    topP: "top-p",
    prob: "probability",
    kept: "kept",
    dropped: "cut",
    summary: (n: number, h: number, top: string, p: number) =>
      `${n} of 8 tokens kept · entropy ${h.toFixed(2)} nats · most likely “${top}” at ${(100 * p).toFixed(1)}%`,
  },
  zh: {
    caption: "选择上下文并调节参数：蓝色柱子是实际采样所用的分布，灰色柱子是被截掉的词元（按截断前的概率画出），短横线标出 T = 1 时的普通 softmax。",
    context: "上下文",
    temperature: "温度 T",
    topK: "top-k",
    topP: "top-p",
    prob: "概率",
    kept: "保留",
    dropped: "截掉",
    summary: (n: number, h: number, top: string, p: number) =>
      `8 个词元保留 ${n} 个 · 熵 ${h.toFixed(2)} nats · 最可能的是“${top}”，概率 ${(100 * p).toFixed(1)}%`,
  },
};

export default function sampling({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("sampling", t.caption);
  const context = Inputs.select(CONTEXTS, { label: t.context, format: (c: Context) => c.prompt[lang] }) as HTMLElement & { value: Context };
  const temperature = Inputs.range([0.1, 3], { value: 1, step: 0.05, label: t.temperature }) as HTMLElement & { value: number };
  const topK = Inputs.range([1, 8], { value: 8, step: 1, label: t.topK }) as HTMLElement & { value: number };
  const topP = Inputs.range([0.05, 1], { value: 1, step: 0.01, label: t.topP }) as HTMLElement & { value: number };
  root.append(context, temperature, topK, topP);
  const chart = slot(root);
  const render = () => {
    const c = context.value;
    const plain = samplingDistribution(c.logits, { temperature: 1, topK: 8, topP: 1 }).final;
    const { tempered, final, kept } = samplingDistribution(c.logits, { temperature: temperature.value, topK: topK.value, topP: topP.value });
    // A cut token is drawn at the probability it had before the cut, in grey.
    const data = final.map((p, i) => ({ token: c.tokens[lang][i], p: kept[i] ? p : tempered[i], plain: plain[i], status: kept[i] ? t.kept : t.dropped }));
    const best = final.indexOf(Math.max(...final));
    chart(
      Plot.plot({
        width: chartWidth(),
        height: 240,
        marginLeft: 48,
        title: t.summary(kept.filter(Boolean).length, entropy(final), c.tokens[lang][best], final[best]),
        x: { domain: c.tokens[lang], label: null, tickRotate: chartWidth() < 480 ? -35 : 0 },
        y: { domain: [0, 1], label: t.prob, grid: true },
        color: { domain: [t.kept, t.dropped], range: ["steelblue", "#bbb"], legend: true },
        marks: [
          Plot.barY(data, { x: "token", y: "p", fill: "status", tip: true }),
          Plot.tickY(data, { x: "token", y: "plain", stroke: "currentColor", strokeWidth: 2 }),
          Plot.ruleY([0]),
        ],
      }),
    );
  };
  for (const input of [context, temperature, topK, topP]) input.addEventListener("input", render);
  render();
  return root;
}
