/**
 * The gqa exercise: which KV head each of 8 query heads reads, in the contract's
 * repeat-interleave order or in the tiled order of the common bug, and how much smaller the
 * KV cache gets (math in kv-head-map-math.ts). Model: LLaMA-2-70B's 80 layers, head width 128.
 */
import * as Inputs from "../vendor/inputs.js";
import { svgEl } from "../dom.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { headMap, kvCacheBytes, type HeadOrder } from "./kv-head-map-math.js";

const HEADS = 8;
const COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7"];

const T = {
  en: {
    caption: "Grouped-query attention: 8 query heads share fewer key/value heads. Each line joins a query head to the KV head it reads.",
    kv: "KV heads",
    order: "order",
    orders: { interleave: "repeat-interleave (the contract)", tile: "tile (a bug)" } as Record<HeadOrder, string>,
    q: (j: number) => `Q${j}`,
    k: (j: number) => `KV${j}`,
    readout: (map: number[], kv: number, per: string) =>
      `Query heads read KV heads ${map.join(", ")}. ${kv === HEADS ? "This is plain MHA." : kv === 1 ? "This is multi-query attention (MQA)." : `Groups of ${HEADS / kv}.`} KV cache per token at LLaMA-2-70B's size (80 layers, 8× this head count, width 128, float16): ${per}.`,
  },
  zh: {
    caption: "分组查询注意力：8 个查询头共享更少的键/值头。每条线把一个查询头连到它读取的 KV 头。",
    kv: "KV 头数",
    order: "顺序",
    orders: { interleave: "repeat-interleave（契约要求）", tile: "tile（错误）" } as Record<HeadOrder, string>,
    q: (j: number) => `Q${j}`,
    k: (j: number) => `KV${j}`,
    readout: (map: number[], kv: number, per: string) =>
      `各查询头读取的 KV 头依次为 ${map.join("、")}。${kv === HEADS ? "这就是普通的 MHA。" : kv === 1 ? "这就是多查询注意力（MQA）。" : `每组 ${HEADS / kv} 个查询头。`}按 LLaMA-2-70B 的规模（80 层、头数为此处的 8 倍、头宽 128、float16），每个词元的 KV 缓存为 ${per}。`,
  },
};

function diagram(map: number[], kv: number, t: (typeof T)["en"]): SVGSVGElement {
  const w = Math.min(chartWidth(), 560);
  const h = 150;
  const svg = svgEl("svg", {
    width: w,
    height: h,
    viewBox: `0 0 ${w} ${h}`,
    role: "img",
    "font-family": "var(--sans-serif)",
    "font-size": 12,
    fill: "currentColor",
  });
  svg.style.maxWidth = "100%";
  const qx = (j: number) => ((j + 0.5) * w) / HEADS;
  const kx = (i: number) => ((i + 0.5) * w) / kv;
  map.forEach((i, j) => void svg.append(svgEl("line", { x1: qx(j), y1: 40, x2: kx(i), y2: 108, stroke: COLORS[i], "stroke-width": 2 })));
  for (let j = 0; j < HEADS; j++) {
    svg.append(svgEl("rect", { x: qx(j) - 18, y: 18, width: 36, height: 22, rx: 4, fill: COLORS[map[j]], "fill-opacity": 0.25, stroke: COLORS[map[j]] }));
    svg.append(svgEl("text", { x: qx(j), y: 33, "text-anchor": "middle" }, t.q(j)));
  }
  for (let i = 0; i < kv; i++) {
    svg.append(svgEl("rect", { x: kx(i) - 22, y: 108, width: 44, height: 22, rx: 4, fill: COLORS[i], "fill-opacity": 0.6, stroke: COLORS[i] }));
    svg.append(svgEl("text", { x: kx(i), y: 123, "text-anchor": "middle" }, t.k(i)));
  }
  return svg;
}

export default function kvHeadMap({ lang }: { lang: Lang }): HTMLElement {
  const t = T[lang];
  const root = container("kv-head-map", t.caption);
  const kv = Inputs.radio([8, 4, 2, 1], { value: 2, label: t.kv });
  const order = Inputs.radio(["interleave", "tile"] as HeadOrder[], { value: "interleave", label: t.order, format: (o: HeadOrder) => t.orders[o] });
  root.append(kv, order);
  const readout = document.createElement("p");
  readout.className = "visual-readout";
  root.append(readout);
  const picture = slot(root);
  const render = () => {
    const map = headMap(HEADS, kv.value, order.value);
    const per = kvCacheBytes({ layers: 80, numKvHeads: kv.value * 8, headDim: 128, tokens: 1, bytes: 2 });
    readout.textContent = t.readout(map, kv.value, `${per / 1024} KiB`);
    picture(diagram(map, kv.value, t));
  };
  kv.addEventListener("input", render);
  order.addEventListener("input", render);
  render();
  return root;
}
