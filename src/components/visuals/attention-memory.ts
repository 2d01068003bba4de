/**
 * The flash exercise: memory of one attention call as the sequence grows, the full score
 * matrix against the state of attention by key blocks (math in attention-memory-math.ts).
 * B = 32 (a batch of 1 with 32 heads), d_v = 128, float16 — a 7B-class layer.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { memoryCurve } from "./attention-memory-math.js";

const BATCH = 32;
const DV = 128;
const BYTES = 2;
const LENGTHS = Array.from({ length: 4 * 9 + 1 }, (_, k) => Math.round(2 ** (9 + k / 4)));

const T = {
  en: {
    caption:
      "Memory of one attention call (32 heads, d_v = 128, float16) as the sequence grows: the full score matrix vs the state of attention by key blocks.",
    block: "block size",
    length: "sequence length L (Lq = Lk)",
    bytes: "bytes held",
    full: "full score matrix [B, L, L]",
    tiled: "one block + running output, max, sum",
    readout: (l: string, full: string, tiled: string) =>
      `At L = ${l}: the score matrix needs ${full}; tiling holds ${tiled}. Both do the same FLOPs — tiling saves memory (and, on a GPU, trips to slow memory), not arithmetic.`,
  },
  zh: {
    caption: "一次注意力调用的内存（32 个头，d_v = 128，float16）随序列变长的变化：完整分数矩阵 vs 按键分块时的状态。",
    block: "块大小",
    length: "序列长度 L（Lq = Lk）",
    bytes: "占用字节",
    full: "完整分数矩阵 [B, L, L]",
    tiled: "一块分数 + 累积输出、最大值、和",
    readout: (l: string, full: string, tiled: string) =>
      `L = ${l} 时：分数矩阵需要 ${full}；分块只需 ${tiled}。两者的 FLOPs 相同——分块节省的是内存（在 GPU 上还有对慢速显存的读写），而不是计算量。`,
  },
};

function bytes(b: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) (b /= 1024), i++;
  return `${Number(b.toPrecision(3))} ${units[i]}`;
}

export default function attentionMemory({ lang }: { lang: Lang }): HTMLElement {
  const t = T[lang];
  const root = container("attention-memory", t.caption);
  const block = Inputs.select([32, 64, 128, 256], { value: 64, label: t.block });
  root.append(block);
  const readout = document.createElement("p");
  readout.className = "visual-readout";
  root.append(readout);
  const chart = slot(root);
  const render = () => {
    const curve = memoryCurve(LENGTHS, { batch: BATCH, blockSize: block.value, dv: DV, bytes: BYTES });
    const long = curve[curve.length - 1];
    readout.textContent = t.readout(long.length.toLocaleString("en-US"), bytes(long.full), bytes(long.tiled));
    const series = curve.flatMap((p) => [
      { L: p.length, b: p.full, kind: t.full },
      { L: p.length, b: p.tiled, kind: t.tiled },
    ]);
    chart(
      Plot.plot({
        width: chartWidth(),
        height: 260,
        marginLeft: 60,
        x: { type: "log", label: t.length, tickFormat: "~s" },
        y: { type: "log", label: t.bytes, grid: true, tickFormat: "~s" },
        color: { domain: [t.full, t.tiled], range: ["#e15759", "#4e79a7"], legend: true },
        marks: [Plot.line(series, { x: "L", y: "b", stroke: "kind", strokeWidth: 2, tip: true })],
      }),
    );
  };
  block.addEventListener("input", render);
  render();
  return root;
}
