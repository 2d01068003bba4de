/**
 * Topic 27: the four families built from the 2017 Transformer — encoder–decoder, encoder-only,
 * decoder-only and ViT. For each: a block diagram with the tensor shapes from input to output,
 * the attention masks its layers use (1 = attend, drawn filled; 0 = blocked) on a small
 * example, the training objective and example models.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang, diagramCanvas, fittedText } from "./_shared.js";
import { svgEl } from "../dom.js";

type Family = "encdec" | "enc" | "dec" | "vit";
const FAMILIES: Family[] = ["encdec", "enc", "dec", "vit"];

interface Box {
  /** One or more lines. */
  label: string | string[];
  shape?: string;
  kind: "io" | "embed" | "stack" | "head";
}
interface Column {
  title: string;
  boxes: Box[]; // bottom to top
}
interface Mask {
  title: string;
  rows: string[]; // query tokens
  cols: string[]; // key tokens
  allowed: (i: number, j: number) => boolean;
}
interface Info {
  columns: Column[];
  /** An arrow from the top box of column `from` into box `toBox` of column `to` (cross-attention's K, V). */
  cross?: { from: number; to: number; toBox: number; label: string };
  masks: Mask[];
  objective: string;
  examples: string;
}

const full = () => true;
const causal = (i: number, j: number) => j <= i;

const SRC = ["le", "chat", "dort", "</s>"];
const TGT_IN = ["<s>", "the", "cat", "sleeps"];
const BERT = ["[CLS]", "my", "cat", "[MASK]", "on", "the", "mat", "[SEP]"];
const GPT = ["the", "cat", "sat", "on", "a", "mat"];
const VIT = ["[class]", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"];

// function-length: data table
function families(lang: Lang): Record<Family, Info> {
  const en = lang === "en";
  const emb = en ? "embedding ×√d + PE" : "嵌入 ×√d + 位置编码";
  const V = "|V|";
  return {
    encdec: {
      columns: [
        {
          title: en ? "encoder" : "编码器",
          boxes: [
            { label: en ? "source token ids" : "源序列词元 id", shape: "[B, S]", kind: "io" },
            { label: emb, shape: "[B, S, d]", kind: "embed" },
            { label: en ? ["N × encoder layer:", "self-attention, FFN"] : ["N × 编码器层：", "自注意力、FFN"], shape: "[B, S, d]", kind: "stack" },
          ],
        },
        {
          title: en ? "decoder" : "解码器",
          boxes: [
            { label: en ? "target ids, shifted right" : "目标 id，右移一位", shape: "[B, T]", kind: "io" },
            { label: emb, shape: "[B, T, d]", kind: "embed" },
            {
              label: en ? ["N × decoder layer:", "masked self-attn,", "cross-attn, FFN"] : ["N × 解码器层：", "掩码自注意力、", "交叉注意力、FFN"],
              shape: "[B, T, d]",
              kind: "stack",
            },
            { label: en ? ["linear (tied to the", "embedding) + softmax"] : ["线性层（与嵌入", "共享）+ softmax"], shape: `[B, T, ${V}]`, kind: "head" },
          ],
        },
      ],
      cross: { from: 0, to: 1, toBox: 2, label: en ? "K, V [B, S, d]" : "K、V [B, S, d]" },
      masks: [
        { title: en ? "encoder self-attention (S × S)" : "编码器自注意力（S × S）", rows: SRC, cols: SRC, allowed: full },
        { title: en ? "decoder masked self-attention (T × T)" : "解码器掩码自注意力（T × T）", rows: TGT_IN, cols: TGT_IN, allowed: causal },
        { title: en ? "cross-attention (T × S)" : "交叉注意力（T × S）", rows: TGT_IN, cols: SRC, allowed: full },
      ],
      objective: en
        ? "Predict the target sequence given the source: cross-entropy on each next target token, with teacher forcing (translation in the 2017 paper). T5 pre-trains with span corruption (the decoder writes out spans replaced by sentinel tokens); BART with denoising (reconstruct text that was masked, shuffled or had spans deleted)."
        : "在给定源序列的条件下预测目标序列：对每个下一个目标词元做交叉熵，并用教师强制（2017 年论文做的是翻译）。T5 用片段破坏（span corruption）预训练：解码器写出被哨兵词元替换掉的片段；BART 用去噪：还原被遮盖、打乱或删去片段的文本。",
      examples: en
        ? "Transformer (Vaswani et al., 2017), T5 (Raffel et al., 2020), BART (Lewis et al., 2020)"
        : "Transformer（Vaswani 等，2017）、T5（Raffel 等，2020）、BART（Lewis 等，2020）",
    },
    enc: {
      columns: [
        {
          title: en ? "encoder only" : "仅编码器",
          boxes: [
            { label: en ? ["token ids, some", "replaced by [MASK]"] : ["词元 id，部分", "替换为 [MASK]"], shape: "[B, L]", kind: "io" },
            { label: en ? "embedding + position + segment" : "词嵌入 + 位置 + 句段嵌入", shape: "[B, L, d]", kind: "embed" },
            { label: en ? ["N × layer:", "bidirectional self-attn, FFN"] : ["N × 层：", "双向自注意力、FFN"], shape: "[B, L, d]", kind: "stack" },
            {
              label: en ? ["MLM head at masked positions;", "[CLS] output for classification"] : ["被遮位置上的 MLM 头；", "[CLS] 的输出用于分类"],
              shape: `[B, L, ${V}]`,
              kind: "head",
            },
          ],
        },
      ],
      masks: [{ title: en ? "bidirectional self-attention (L × L)" : "双向自注意力（L × L）", rows: BERT, cols: BERT, allowed: full }],
      objective: en
        ? "Masked language modelling: 15% of the positions are selected; of those, 80% become [MASK], 10% a random token and 10% stay unchanged; the model predicts the original token at each selected position, seeing context on both sides. BERT added next-sentence prediction, which RoBERTa dropped. Good for understanding tasks, not for open-ended generation."
        : "掩码语言建模：随机选出 15% 的位置，其中 80% 换成 [MASK]、10% 换成随机词元、10% 保持不变；模型同时看两侧的上下文，预测这些位置上的原词元。BERT 还加了下一句预测，RoBERTa 去掉了它。适合理解类任务，不适合开放式生成。",
      examples: en ? "BERT (Devlin et al., 2019), RoBERTa (Liu et al., 2019)" : "BERT（Devlin 等，2019）、RoBERTa（Liu 等，2019）",
    },
    dec: {
      columns: [
        {
          title: en ? "decoder only" : "仅解码器",
          boxes: [
            { label: en ? "token ids" : "词元 id", shape: "[B, T]", kind: "io" },
            { label: en ? "embedding + position" : "词嵌入 + 位置", shape: "[B, T, d]", kind: "embed" },
            {
              label: en ? ["N × layer:", "causal self-attn, FFN", "(no cross-attention)"] : ["N × 层：", "因果自注意力、FFN", "（无交叉注意力）"],
              shape: "[B, T, d]",
              kind: "stack",
            },
            { label: en ? "linear + softmax: next token" : "线性层 + softmax：下一个词元", shape: `[B, T, ${V}]`, kind: "head" },
          ],
        },
      ],
      masks: [{ title: en ? "causal self-attention (T × T)" : "因果自注意力（T × T）", rows: GPT, cols: GPT, allowed: causal }],
      objective: en
        ? "Causal language modelling: maximise Σ_t log p(x_t | x_<t). Every position is a training example in the same forward pass, thanks to the causal mask; at inference the model generates one token at a time."
        : "因果语言建模：最大化 Σ_t log p(x_t | x_<t)。借助因果掩码，同一次前向中每个位置都是一个训练样本；推理时模型逐个生成词元。",
      examples: en
        ? "GPT (Radford et al., 2018), GPT-2, GPT-3 (Brown et al., 2020), LLaMA (Touvron et al., 2023)"
        : "GPT（Radford 等，2018）、GPT-2、GPT-3（Brown 等，2020）、LLaMA（Touvron 等，2023）",
    },
    vit: {
      columns: [
        {
          title: "ViT",
          boxes: [
            { label: en ? "image, cut into P × P patches" : "图像，切成 P × P 的图块", shape: "[B, 3, H, W]", kind: "io" },
            { label: en ? "flatten + linear projection of each patch" : "每个图块展平 + 线性投影", shape: "[B, HW/P², d]", kind: "embed" },
            { label: en ? "prepend [class] + learned position emb." : "前置 [class] + 可学习位置嵌入", shape: "[B, 1 + HW/P², d]", kind: "embed" },
            { label: en ? ["N × layer:", "bidirectional self-attn, FFN"] : ["N × 层：", "双向自注意力、FFN"], shape: "[B, 1 + HW/P², d]", kind: "stack" },
            { label: en ? "MLP head on the [class] token" : "[class] 词元上的 MLP 头", shape: "[B, classes]", kind: "head" },
          ],
        },
      ],
      masks: [{ title: en ? "bidirectional over [class] + 9 patches" : "对 [class] + 9 个图块双向注意", rows: VIT, cols: VIT, allowed: full }],
      objective: en
        ? "Supervised image classification from the [class] token's output, pre-trained on large labelled sets (ImageNet-21k, JFT-300M) and fine-tuned. A 224 × 224 image with 16 × 16 patches gives 196 patch tokens of 16·16·3 = 768 values each, plus [class]: 197 tokens."
        : "用 [class] 词元的输出做有监督图像分类：先在大型标注数据集（ImageNet-21k、JFT-300M）上预训练，再微调。224 × 224 的图像切成 16 × 16 的图块，得到 196 个图块词元，每个含 16·16·3 = 768 个数值，加上 [class] 共 197 个词元。",
      examples: en ? "ViT-B/16, ViT-L/16 (Dosovitskiy et al., 2021)" : "ViT-B/16、ViT-L/16（Dosovitskiy 等，2021）",
    },
  };
}

const T = {
  en: {
    caption: "Pick a family: the diagram, the attention masks (filled = may attend, empty = blocked) and the objective change with it.",
    family: "family",
    names: { encdec: "encoder–decoder", enc: "encoder-only", dec: "decoder-only", vit: "ViT (image patches)" } as Record<Family, string>,
    query: "query",
    key: "key",
    attend: "attend",
    blocked: "blocked",
    objective: "Training objective",
    examples: "Example models",
  },
  zh: {
    caption: "选择一种架构：结构图、注意力掩码（实心 = 可以关注，空白 = 被屏蔽）和训练目标都会随之改变。",
    family: "架构",
    names: { encdec: "编码器–解码器", enc: "仅编码器", dec: "仅解码器", vit: "ViT（图像块）" } as Record<Family, string>,
    query: "查询",
    key: "键",
    attend: "可关注",
    blocked: "屏蔽",
    objective: "训练目标",
    examples: "代表模型",
  },
};

let uid = 0;

const LINE = 14;
const GAP = 22;
const BOX_COLOUR = { io: "gray", embed: "goldenrod", stack: "steelblue", head: "seagreen" } as const;
const boxLines = (b: Box) => (Array.isArray(b.label) ? b.label : [b.label]);
const boxH = (b: Box) => 12 + LINE * boxLines(b).length + (b.shape ? LINE : 0);

/** Where the columns and their boxes sit in a diagram `width` wide. */
function diagramLayout(cols: Column[], width: number) {
  const colH = (c: Column) => c.boxes.reduce((h, b) => h + boxH(b), 0) + GAP * (c.boxes.length - 1);
  const height = 26 + Math.max(...cols.map(colH)) + 10;
  const gutter = cols.length > 1 ? 28 : 0;
  const colW = Math.min(300, (width - gutter * (cols.length - 1) - 4) / cols.length);
  const x0 = (c: number) => 2 + c * (colW + gutter);
  // Box tops, stacked from the bottom of the figure upwards.
  const tops = cols.map((c) => {
    let y = height - 10;
    return c.boxes.map((b) => {
      y -= boxH(b);
      const top = y;
      y -= GAP;
      return top;
    });
  });
  return { height, gutter, colW, x0, tops };
}

type Layout = ReturnType<typeof diagramLayout>;
type DrawText = (x: number, y: number, s: string, attrs: Record<string, string | number>, maxWidth: number) => void;

/** One column: its title, its boxes (label lines and shape) and the arrows between them. */
function drawColumn(svg: SVGSVGElement, text: DrawText, col: Column, c: number, layout: Layout, markerId: string): void {
  const { colW, x0, tops } = layout;
  const cx = x0(c) + colW / 2;
  text(cx, 14, col.title, { "text-anchor": "middle", "font-weight": 700, "font-size": 12.5 }, colW);
  col.boxes.forEach((b, i) => {
    const y = tops[c][i];
    svg.append(
      svgEl("rect", {
        x: x0(c),
        y,
        width: colW,
        height: boxH(b),
        rx: 5,
        fill: BOX_COLOUR[b.kind],
        "fill-opacity": b.kind === "io" ? 0.08 : 0.2,
        stroke: BOX_COLOUR[b.kind],
        "stroke-width": b.kind === "stack" ? 2.2 : 1.2,
      }),
    );
    boxLines(b).forEach(
      (line, j) => void text(cx, y + 18 + LINE * j, line, { "text-anchor": "middle", "font-weight": b.kind === "stack" && j === 0 ? 700 : 500 }, colW - 10),
    );
    if (b.shape)
      text(
        cx,
        y + 18 + LINE * boxLines(b).length,
        b.shape,
        { "text-anchor": "middle", "font-family": "var(--monospace)", "font-size": 10.5, "fill-opacity": 0.85 },
        colW - 10,
      );
    if (i < col.boxes.length - 1) {
      const next = col.boxes[i + 1];
      svg.append(
        svgEl("line", {
          x1: cx,
          y1: y,
          x2: cx,
          y2: tops[c][i + 1] + boxH(next) + 1,
          stroke: "currentColor",
          "stroke-width": 1.4,
          "marker-end": `url(#${markerId})`,
        }),
      );
    }
  });
}

/** The cross-attention arrow: from the top of the encoder column, across to the side of the decoder's stack. */
function drawCross(svg: SVGSVGElement, text: DrawText, cross: NonNullable<Info["cross"]>, cols: Column[], layout: Layout, markerId: string): void {
  const { gutter, colW, x0, tops } = layout;
  const { from, to, toBox, label } = cross;
  const src = cols[from].boxes.length - 1;
  const xs = x0(from) + colW;
  const ys = tops[from][src] + boxH(cols[from].boxes[src]) / 2;
  const xt = x0(to);
  const yt = tops[to][toBox] + boxH(cols[to].boxes[toBox]) / 2;
  svg.append(
    svgEl("path", {
      d: `M${xs},${ys} C${xs + gutter},${ys} ${xt - gutter},${yt} ${xt - 1},${yt}`,
      fill: "none",
      stroke: "darkorange",
      "stroke-width": 2,
      "marker-end": `url(#${markerId})`,
    }),
  );
  text(xs - 4, tops[from][src] - 6, label, { "text-anchor": "end", "font-size": 10.5, fill: "darkorange", "font-weight": 600 }, colW);
}

function diagram(info: Info, width: number, markerId: string): SVGSVGElement {
  const cols = info.columns;
  const layout = diagramLayout(cols, width);
  const svg = diagramCanvas(width, layout.height, 11.5, markerId);
  const text: DrawText = (x, y, s, attrs, maxWidth) => void svg.append(fittedText(x, y, s, attrs, maxWidth, { size: 11.5, latinEm: 0.58 }));
  for (const [c, col] of cols.entries()) drawColumn(svg, text, col, c, layout, markerId);
  if (info.cross) drawCross(svg, text, info.cross, cols, layout, markerId);
  return svg;
}

function maskChart(m: Mask, t: (typeof T)["en"], size: number): SVGSVGElement | HTMLElement {
  const cells = m.rows.flatMap((_, i) => m.cols.map((_, j) => ({ i, j, a: m.allowed(i, j) ? t.attend : t.blocked })));
  const longest = Math.max(...m.rows.map((r) => r.length));
  const figure = Plot.plot({
    width: size,
    height: size - 10,
    marginLeft: 26 + 6.5 * longest,
    marginBottom: 44,
    marginTop: 36,
    subtitle: m.title,
    x: { domain: m.cols.map((_, j) => j), tickFormat: (j: number) => m.cols[j], tickRotate: -45, label: t.key },
    y: { domain: m.rows.map((_, i) => i), tickFormat: (i: number) => m.rows[i], label: t.query },
    color: { domain: [t.attend, t.blocked], range: ["steelblue", "transparent"] },
    marks: [
      Plot.cell(cells, { x: "j", y: "i", fill: "a", stroke: "currentColor", strokeOpacity: 0.25, inset: 0.5, tip: true }),
      Plot.frame({ strokeOpacity: 0.3 }),
    ],
  });
  // A figure (svg + subtitle) never wider than its chart, so that several fit on one row.
  figure.style.maxWidth = `${size}px`;
  figure.style.margin = "0";
  return figure;
}

export default function architectureFamilies({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const all = families(lang);
  const root = container("architecture-families", t.caption);
  const family = Inputs.select(FAMILIES, { label: t.family, value: "encdec", format: (f: Family) => t.names[f] }) as HTMLElement & { value: Family };
  root.append(family);
  const blocks = slot(root);
  const masks = slot(root);
  const notes = slot(root);
  const markerId = `fam-arrow-${++uid}`;
  const render = () => {
    const info = all[family.value];
    const w = chartWidth();
    blocks(diagram(info, w, markerId));
    const row = document.createElement("div");
    row.style.display = "flex";
    row.style.flexWrap = "wrap";
    row.style.gap = "8px";
    row.style.alignItems = "flex-end";
    const k = info.masks.length;
    const size = k > 1 ? Math.max(180, Math.min(260, (w - 8 * (k - 1)) / k)) : Math.min(320, w);
    for (const m of info.masks) row.append(maskChart(m, t, size));
    masks(row);
    const dl = document.createElement("dl");
    dl.style.maxWidth = `${w}px`;
    for (const [term, def] of [
      [t.objective, info.objective],
      [t.examples, info.examples],
    ]) {
      const dt = document.createElement("dt");
      dt.style.fontWeight = "600";
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.style.margin = "0 0 0.6rem 0";
      dd.textContent = def;
      dl.append(dt, dd);
    }
    notes(dl);
  };
  family.addEventListener("input", render);
  render();
  return root;
}
