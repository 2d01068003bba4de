/**
 * Topic 35: byte-pair encoding learned on one short text and replayed on it. The slider sets
 * how many merges are applied; the chips show the tokens, the list the merges in the order
 * they were learned, and the chart the trade-off — every merge adds one vocabulary entry and
 * removes as many tokens from the text as the pair occurred. Byte-level mode starts from
 * UTF-8 bytes, as GPT-2 does, so a Chinese character begins as three tokens.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { displaySymbol, encode, learnMerges, pretokenise, wordCounts } from "./_bpe.js";

const SAMPLES = ["low lower lowest, new newer newest, wide wider widest", "机器学习，学习机器，机器学会学习", "naïve café, naïve cafés"];
const MAX_MERGES = 30;

const T = {
  en: {
    caption: "Learn BPE on the text itself, then move the slider: each merge fuses the most frequent adjacent pair into one new token.",
    merges: "merges applied",
    text: "text",
    bytes: "byte-level (start from UTF-8 bytes)",
    stats: (k: number, learned: number, vocab: number, tokens: number) =>
      `${k} merge${k === 1 ? "" : "s"}${k > learned ? ` (only ${learned} exist: every word is one token)` : ""} · vocabulary ${vocab} · ${tokens} tokens`,
    list: "Merges, in the order learned (count = occurrences of the pair)",
    tokens: "tokens in the text",
    vocab: "vocabulary size",
    x: "merges",
    y: "count",
  },
  zh: {
    caption: "在这段文本上训练 BPE，然后拖动滑块：每次合并都把出现最频繁的相邻符号对融合成一个新词元。",
    merges: "已应用的合并数",
    text: "文本",
    bytes: "字节级（从 UTF-8 字节开始）",
    stats: (k: number, learned: number, vocab: number, tokens: number) =>
      `${k} 次合并${k > learned ? `（只学到 ${learned} 次：每个词都已是一个词元）` : ""} · 词表大小 ${vocab} · 共 ${tokens} 个词元`,
    list: "按学习顺序排列的合并（次数 = 该符号对出现的次数）",
    tokens: "文本中的词元数",
    vocab: "词表大小",
    x: "合并次数",
    y: "数量",
  },
};

function chip(text: string): HTMLSpanElement {
  const span = document.createElement("span");
  span.textContent = text;
  span.style.cssText =
    "display:inline-block;margin:2px;padding:1px 5px;border:1px solid var(--theme-foreground-faint);border-radius:4px;font:13px var(--monospace);background:var(--theme-background-alt)";
  return span;
}

/** One group of chips per word: a word moves to the next line whole, unless it is wider than the line. */
function chips(tokens: string[][], byteLevel: boolean): HTMLElement {
  const box = document.createElement("div");
  box.dataset.testid = "bpe-tokens";
  box.style.lineHeight = "1.9";
  for (const word of tokens) {
    const group = document.createElement("span");
    group.style.cssText = "display:inline-block;max-width:100%;margin-right:10px";
    group.append(...word.map((s) => chip(displaySymbol(s, byteLevel))));
    box.append(group);
  }
  return box;
}

export default function bpeMerges({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("bpe-merges", t.caption);
  const merges = Inputs.range([0, MAX_MERGES], { value: 6, step: 1, label: t.merges }) as HTMLElement & { value: number };
  const sample = Inputs.select(SAMPLES, { label: t.text }) as HTMLElement & { value: string };
  const bytes = Inputs.toggle({ label: t.bytes, value: false }) as HTMLElement & { value: boolean };
  root.append(merges, sample, bytes);
  const stats = slot(root);
  const tokensOut = slot(root);
  const chart = slot(root);
  const listOut = slot(root);
  const render = () => {
    const byteLevel = bytes.value;
    const words = pretokenise(sample.value);
    const corpus = wordCounts(words, byteLevel);
    const learned = learnMerges(corpus, MAX_MERGES);
    const base = new Set(corpus.flatMap((w) => w.symbols)).size;
    const k = merges.value;
    const tokens = encode(words, learned.slice(0, k), byteLevel);
    const p = document.createElement("p");
    p.textContent = t.stats(k, learned.length, base + Math.min(k, learned.length), tokens.flat().length);
    stats(p);
    tokensOut(chips(tokens, byteLevel));
    const curve = learned
      .map((_, i) => i + 1)
      .concat([0])
      .sort((a, b) => a - b);
    const series = curve.flatMap((m) => [
      { m, v: encode(words, learned.slice(0, m), byteLevel).flat().length, s: t.tokens },
      { m, v: base + m, s: t.vocab },
    ]);
    chart(
      Plot.plot({
        width: chartWidth(),
        height: 200,
        x: { label: t.x },
        y: { label: t.y, grid: true, zero: true },
        color: { domain: [t.tokens, t.vocab], range: ["steelblue", "darkorange"], legend: true },
        marks: [
          Plot.line(series, { x: "m", y: "v", stroke: "s", strokeWidth: 2, tip: true }),
          Plot.ruleX([Math.min(k, learned.length)], { strokeDasharray: "3,3" }),
        ],
      }),
    );
    const list = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = t.list;
    const ol = document.createElement("ol");
    learned.forEach((m, i) => {
      const li = document.createElement("li");
      li.textContent = `${displaySymbol(m.left, byteLevel)} + ${displaySymbol(m.right, byteLevel)} → ${displaySymbol(m.left + m.right, byteLevel)} (${m.count})`;
      if (i >= k) li.style.opacity = "0.45";
      ol.append(li);
    });
    list.append(summary, ol);
    listOut(list);
  };
  for (const input of [merges, sample, bytes]) input.addEventListener("input", render);
  render();
  return root;
}
