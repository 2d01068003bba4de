/**
 * Topic 41: one sentence under four pre-training objectives. The strip shows what each position
 * is fed and which token it is trained to predict (none where there is no loss); the grid
 * shows which keys each query may attend to (math/objectives.ts).
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, rng, slot, type Lang } from "./_shared.js";
import { causalLayout, lossCoverage, maskedLayout, prefixLayout, spanLayout, type Layout, type Objective } from "./math/objectives.js";

const WORDS = "the cat sat on the mat and then it slept in the sun".split(" ");
const VOCABULARY = ["dog", "ran", "blue", "under", "a", "tree", "slowly"];
// Two spans, as in the examples of the T5 paper: "sat on" and "slept".
const SPANS: [number, number][] = [
  [2, 2],
  [9, 1],
];
const OBJECTIVES: Objective[] = ["causal", "masked", "prefix", "span"];

const T = {
  en: {
    caption: "One sentence, four objectives: what each position is fed, what it must predict, and what it may look at.",
    objective: "objective",
    names: { causal: "causal LM (GPT)", masked: "masked LM (BERT)", prefix: "prefix LM", span: "encoder–decoder, span corruption (T5)" } as Record<
      Objective,
      string
    >,
    prefix: "prefix length (prefix LM)",
    seed: "masking draw (masked LM)",
    fed: "fed",
    predicts: "predicts",
    none: "—",
    encoder: "encoder",
    decoder: "decoder",
    query: "query position",
    key: "key position",
    cats: { self: "may attend", cross: "may attend (cross-attention)", blocked: "blocked" },
    corruption: { mask: "chosen → [MASK]", random: "chosen → random word", kept: "chosen, left unchanged" },
    readout: (trained: number, total: number, extra: string) =>
      `${trained} of ${total} positions carry a loss term (${Math.round((100 * trained) / total)}%). ${extra}`,
    extras: {
      causal: "Each position sees itself and the past: one forward pass yields every next-token prediction.",
      masked: "Every position sees every other, so a chosen token must be inferred from both sides; the other 85% get no loss.",
      prefix: "Inside the prefix attention is bidirectional; from the prefix's last position on, it is causal and trained.",
      span: "The encoder sees the corrupted sentence both ways; the decoder writes each sentinel and the span it hides, causally, cross-attending to the encoder.",
    } as Record<Objective, string>,
  },
  zh: {
    caption: "同一个句子，四种训练目标：每个位置输入什么、要预测什么、能看到哪些位置。",
    objective: "训练目标",
    names: { causal: "因果语言模型（GPT）", masked: "掩码语言模型（BERT）", prefix: "前缀语言模型", span: "编码器–解码器，片段破坏（T5）" } as Record<
      Objective,
      string
    >,
    prefix: "前缀长度（前缀 LM）",
    seed: "掩码抽样（掩码 LM）",
    fed: "输入",
    predicts: "预测",
    none: "—",
    encoder: "编码器",
    decoder: "解码器",
    query: "查询位置",
    key: "键位置",
    cats: { self: "可以关注", cross: "可以关注（交叉注意力）", blocked: "被屏蔽" },
    corruption: { mask: "被选中 → [MASK]", random: "被选中 → 随机词", kept: "被选中，保持原样" },
    readout: (trained: number, total: number, extra: string) =>
      `${total} 个位置中有 ${trained} 个带损失项（${Math.round((100 * trained) / total)}%）。${extra}`,
    extras: {
      causal: "每个位置只看到自己和过去：一次前向传播就得到每个位置对下一个词元的预测。",
      masked: "每个位置都能看到所有其他位置，被选中的词元要靠两侧上下文推断；其余 85% 的位置没有损失。",
      prefix: "前缀内部是双向注意力；从前缀的最后一个位置起改为因果注意力，并开始计入损失。",
      span: "编码器双向地看被破坏的句子；解码器因果地依次写出每个哨兵及其遮住的片段，并通过交叉注意力看编码器。",
    } as Record<Objective, string>,
  },
};

type Control<V> = HTMLElement & { value: V };

function layoutFor(objective: Objective, prefixLen: number, seed: number): Layout {
  switch (objective) {
    case "causal":
      return causalLayout(WORDS);
    case "masked":
      return maskedLayout(WORDS, rng(seed), VOCABULARY);
    case "prefix":
      return prefixLayout(WORDS, prefixLen);
    case "span":
      return spanLayout(WORDS, SPANS);
  }
}

/** The token strip: one chip per position, wrapping on narrow screens. */
function strip(layout: Layout, t: (typeof T)["en"]): HTMLElement {
  const box = document.createElement("div");
  box.className = "objective-strip";
  box.style.cssText = "display:flex;flex-wrap:wrap;gap:4px;margin:0.5rem 0;font-size:12px";
  let side = "";
  layout.positions.forEach((p, i) => {
    if (p.side !== "single" && p.side !== side) {
      side = p.side;
      const label = document.createElement("div");
      label.style.cssText = "flex-basis:100%;font-weight:600;margin-top:4px";
      label.textContent = p.side === "encoder" ? t.encoder : t.decoder;
      box.append(label);
    }
    const chip = document.createElement("div");
    const trained = p.target !== null;
    chip.style.cssText = `border:1px solid ${trained ? "steelblue" : "var(--theme-foreground-faint)"};border-radius:4px;padding:2px 5px;text-align:center;min-width:2.2em;${trained ? "background:color-mix(in srgb, steelblue 15%, transparent)" : ""}`;
    if (p.corruption) chip.title = t.corruption[p.corruption];
    const pos = document.createElement("div");
    pos.style.cssText = "opacity:0.6;font-size:10px";
    pos.textContent = String(i);
    const fed = document.createElement("div");
    fed.textContent = p.input;
    if (p.corruption) fed.style.color = "firebrick";
    const target = document.createElement("div");
    target.style.cssText = `font-weight:600;${trained ? "" : "opacity:0.4"}`;
    target.textContent = `→ ${p.target ?? t.none}`;
    chip.append(pos, fed, target);
    box.append(chip);
  });
  return box;
}

export default function objectives({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("objectives", t.caption);
  const objective = Inputs.select(OBJECTIVES, { value: "causal", label: t.objective, format: (o: Objective) => t.names[o] }) as Control<Objective>;
  const prefixLen = Inputs.range([1, WORDS.length], { value: 5, step: 1, label: t.prefix }) as Control<number>;
  const seed = Inputs.range([1, 30], { value: 3, step: 1, label: t.seed }) as Control<number>;
  root.append(objective, prefixLen, seed);
  const readout = document.createElement("p");
  readout.className = "visual-readout";
  root.append(readout);
  const tokens = slot(root);
  const grid = slot(root);

  const render = () => {
    const o = objective.value;
    const layout = layoutFor(o, prefixLen.value, seed.value);
    const { trained, total } = lossCoverage(layout);
    readout.textContent = t.readout(trained, total, t.extras[o]);
    tokens(strip(layout, t));
    const n = layout.positions.length;
    const cells = layout.attend.flatMap((row, i) =>
      row.map((ok, j) => ({
        i,
        j,
        state: !ok ? t.cats.blocked : layout.positions[i].side === "decoder" && layout.positions[j].side === "encoder" ? t.cats.cross : t.cats.self,
      })),
    );
    const side = Math.min(chartWidth(), 420);
    grid(
      Plot.plot({
        width: side,
        height: side + 40,
        marginLeft: 40,
        marginBottom: 40,
        x: { domain: Array.from({ length: n }, (_, j) => j), label: t.key, ticks: Array.from({ length: n }, (_, j) => j).filter((j) => j % 2 === 0) },
        y: { domain: Array.from({ length: n }, (_, i) => i), label: t.query, ticks: Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 0) },
        color: { legend: true, domain: [t.cats.self, t.cats.cross, t.cats.blocked], range: ["steelblue", "#59a14f", "#bab0ac"] },
        marks: [
          Plot.cell(cells, {
            x: "j",
            y: "i",
            fill: "state",
            fillOpacity: (d: { state: string }) => (d.state === t.cats.blocked ? 0.35 : 1),
            inset: 0.5,
            tip: true,
          }),
          Plot.frame({ stroke: "currentColor", strokeOpacity: 0.3 }),
        ],
      }),
    );
  };
  for (const c of [objective, prefixLen, seed]) c.addEventListener("input", render);
  render();
  return root;
}
