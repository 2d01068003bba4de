/**
 * The `positional` exercise's visual: the same encoding table drawn in both layouts, so
 * the learner sees that "concat" is a column permutation of "interleaved" and where the
 * fast (short-wavelength) pairs sit in each.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "../visuals/_shared.js";
import { encodingTable, wavelength, type Layout } from "./positional-math.js";

const T = {
  en: {
    caption:
      "sinusoidalEncoding(seqLen, dModel) in both layouts: rows are positions, columns dimensions, colour the value (−1 blue, +1 red). Hover a cell for its pair and wavelength.",
    dModel: "dModel",
    seqLen: "seqLen",
    offset: "offset",
    position: "position",
    dim: "column",
    titles: { interleaved: 'layout "interleaved": sin, cos, sin, cos, …', concat: 'layout "concat": all sines, then all cosines' } as Record<Layout, string>,
    wave: "wavelength",
  },
  zh: {
    caption: "两种布局下的 sinusoidalEncoding(seqLen, dModel)：行是位置，列是维度，颜色表示取值（−1 蓝，+1 红）。把鼠标移到格子上可看到所属的对及其波长。",
    dModel: "dModel",
    seqLen: "seqLen",
    offset: "offset",
    position: "位置",
    dim: "列",
    titles: { interleaved: '布局 "interleaved"：sin, cos, sin, cos, …', concat: '布局 "concat"：先全部正弦，再全部余弦' } as Record<Layout, string>,
    wave: "波长",
  },
};

export function positionalLayouts({ lang }: { lang: Lang }): HTMLElement {
  const t = T[lang];
  const root = container("positional-layouts", t.caption);
  const dModel = Inputs.range([2, 64], { value: 16, step: 2, label: t.dModel }) as HTMLElement & { value: number };
  const seqLen = Inputs.range([4, 64], { value: 32, step: 1, label: t.seqLen }) as HTMLElement & { value: number };
  const offset = Inputs.range([0, 3000], { value: 0, step: 1, label: t.offset }) as HTMLElement & { value: number };
  root.append(dModel, seqLen, offset);
  const charts = (["interleaved", "concat"] as Layout[]).map((layout) => ({ layout, draw: slot(root) }));
  const render = () => {
    const d = Math.round(dModel.value);
    for (const { layout, draw } of charts) {
      const table = encodingTable(Math.round(seqLen.value), d, layout, Math.round(offset.value));
      const cells = table.flatMap((row, p) =>
        row.map((value, col) => ({ position: p + Math.round(offset.value), col, value, wave: wavelength(col, d, layout) })),
      );
      draw(
        Plot.plot({
          title: t.titles[layout],
          width: chartWidth(),
          height: 220,
          padding: 0,
          x: { label: t.dim, ticks: [] },
          y: { label: t.position, ticks: [] },
          color: { type: "linear", scheme: "RdBu", reverse: true, domain: [-1, 1] },
          marks: [Plot.cell(cells, { x: "col", y: "position", fill: "value", inset: 0, tip: { channels: { [t.wave]: "wave" } } })],
        }),
      );
    }
  };
  for (const control of [dModel, seqLen, offset]) control.addEventListener("input", render);
  render();
  return root;
}
