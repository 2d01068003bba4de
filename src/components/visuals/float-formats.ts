/**
 * Topic 37: fp32, bf16, fp16 and the two FP8 formats on one logarithmic number line — the
 * range each covers (subnormal and normal) — and what a chosen value becomes in each: kept,
 * rounded, flushed to zero or overflowed. A close-up of [1, 1.25] shows the precision side:
 * how many values each format has there. Rounding is exact (_floats.ts).
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { FORMATS, land, maxFinite, minNormal, minSubnormal, valuesBetween, type Landing } from "./_floats.js";

interface Preset {
  x: number;
  label: { en: string; zh: string };
}

const PRESETS: Preset[] = [
  { x: -3.4e38, label: { en: "−3.4e38: the float32 mask fill", zh: "−3.4e38：float32 的掩码填充值" } },
  { x: -1e9, label: { en: "−1e9: a common mask fill", zh: "−1e9：常见的掩码填充值" } },
  { x: 70000, label: { en: "70000: an activation that grew", zh: "70000：一个变大的激活值" } },
  { x: 1.0001, label: { en: "1.0001: a weight plus a small update", zh: "1.0001：权重加上一次很小的更新" } },
  { x: 1e-8, label: { en: "1e-8: a small gradient", zh: "1e-8：一个很小的梯度" } },
  { x: 1e-8 * 65536, label: { en: "1e-8 × 65536: the same gradient, loss-scaled", zh: "1e-8 × 65536：同一个梯度，损失缩放之后" } },
];

const T = {
  en: {
    caption: "Pick a value: the number line shows where each format can represent magnitudes (pale: subnormal), the table what the value becomes.",
    value: "value",
    line: "magnitudes each format can represent (log scale)",
    closeUp: (counts: string) => `representable values in [1, 1.25]: ${counts}`,
    cols: { format: "format", stored: "stored as", kind: "what happened", error: "relative error" },
    kinds: { exact: "exact", rounded: "rounded", subnormal: "subnormal (precision lost)", underflow: "underflow → 0", overflow: "overflow" } as Record<
      Landing["kind"],
      string
    >,
    range: { subnormal: "subnormal", normal: "normal" },
  },
  zh: {
    caption: "选择一个数值：数轴显示每种格式能表示的数量级范围（浅色为次正规数），表格显示这个值存进去之后变成了什么。",
    value: "数值",
    line: "每种格式能表示的数量级（对数刻度）",
    closeUp: (counts: string) => `[1, 1.25] 之间可表示的数：${counts}`,
    cols: { format: "格式", stored: "存储结果", kind: "发生了什么", error: "相对误差" },
    kinds: { exact: "精确", rounded: "舍入", subnormal: "次正规数（精度下降）", underflow: "下溢 → 0", overflow: "上溢" } as Record<Landing["kind"], string>,
    range: { subnormal: "次正规", normal: "正规" },
  },
};

function rangeBands(t: (typeof T)["en"]) {
  return FORMATS.flatMap((f) => [
    { format: f.name, from: minSubnormal(f), to: minNormal(f), part: t.range.subnormal },
    { format: f.name, from: minNormal(f), to: maxFinite(f), part: t.range.normal },
  ]);
}

function landingTable(x: number, t: (typeof T)["en"]): HTMLTableElement {
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const c of [t.cols.format, t.cols.stored, t.cols.kind, t.cols.error]) head.insertCell().textContent = c;
  const body = table.createTBody();
  for (const f of FORMATS) {
    const l = land(f, x);
    const row = body.insertRow();
    row.insertCell().textContent = f.name;
    row.insertCell().textContent = Number.isNaN(l.value)
      ? "NaN"
      : Number.isFinite(l.value)
        ? l.value.toPrecision(8).replace(/\.?0+(e|$)/, "$1")
        : l.value > 0
          ? "+∞"
          : "−∞";
    row.insertCell().textContent = t.kinds[l.kind];
    row.insertCell().textContent = Number.isFinite(l.relativeError) ? l.relativeError.toExponential(2) : "—";
  }
  return table;
}

export default function floatFormats({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("float-formats", t.caption);
  const value = Inputs.select(PRESETS, { label: t.value, format: (p: Preset) => p.label[lang] }) as HTMLElement & { value: Preset };
  root.append(value);
  const line = slot(root);
  const table = slot(root);
  const closeUp = slot(root);
  const names = FORMATS.map((f) => f.name);
  const render = () => {
    const x = value.value.x;
    line(
      Plot.plot({
        width: chartWidth(),
        height: 210,
        marginLeft: 70,
        title: t.line,
        x: {
          type: "log",
          domain: [1e-46, 1e39],
          label: "|x|",
          ticks: [1e-45, 1e-30, 1e-15, 1, 1e15, 1e30],
          tickFormat: (d: number) => `1e${Math.round(Math.log10(d))}`,
        },
        y: { domain: names, label: null },
        color: { domain: [t.range.subnormal, t.range.normal], range: ["#a6c8e8", "steelblue"], legend: true },
        marks: [
          Plot.barX(rangeBands(t), { x1: "from", x2: "to", y: "format", fill: "part" }),
          Plot.ruleX([Math.abs(x)], { stroke: "firebrick", strokeWidth: 2 }),
        ],
      }),
    );
    table(landingTable(x, t));
    const ticks = FORMATS.filter((f) => f.name !== "fp32").flatMap((f) => valuesBetween(f, 1, 1.25).map((v) => ({ format: f.name, v })));
    const counts = names
      .filter((n) => n !== "fp32")
      .map((n) => `${n} ${ticks.filter((d) => d.format === n).length}`)
      .join(" · ");
    closeUp(
      Plot.plot({
        width: chartWidth(),
        height: 150,
        marginLeft: 70,
        title: t.closeUp(counts),
        x: { domain: [1, 1.25], label: "x" },
        y: { domain: names.filter((n) => n !== "fp32"), label: null },
        marks: [Plot.tickX(ticks, { x: "v", y: "format", stroke: "steelblue" })],
      }),
    );
  };
  value.addEventListener("input", render);
  render();
  return root;
}
