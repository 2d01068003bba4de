/**
 * Topic 32: learning-rate schedules over a 100,000-step run (the base Transformer's length).
 * Noam (Vaswani et al. 2017, §5.3): lr = d_model^−0.5 · min(step^−0.5, step · warmup^−1.5),
 * peak d_model^−0.5 · warmup^−0.5 at step = warmup. The others share a linear warmup to a
 * chosen peak: cosine decay to 10 % of the peak; step decay (×0.1 at 1/3 and 2/3 of the run);
 * cosine with warm restarts (SGDR: cycles of T₀, 2T₀, 4T₀, each from the peak to 10 %).
 * All four are drawn, the selected one highlighted with its peak marked.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";

const TOTAL = 100_000;
const FLOOR = 0.1;
type Kind = "noam" | "cosine" | "step" | "restarts";
const KINDS: Kind[] = ["noam", "cosine", "step", "restarts"];

const T = {
  en: {
    caption: "Learning rate against training step for four schedules over a 100,000-step run. The selected one is highlighted and its peak marked.",
    schedule: "schedule",
    names: {
      noam: "Noam (Transformer 2017)",
      cosine: "warmup + cosine to 10 %",
      step: "warmup + step decay (×0.1)",
      restarts: "cosine with warm restarts (SGDR)",
    },
    warmup: "warmup steps",
    dModel: "d_model (Noam only)",
    peak: "peak lr (other schedules)",
    log: "log-scale lr axis",
    step: "training step",
    lr: "learning rate",
    peakLabel: (lr: string, s: number) => `peak ${lr} at step ${s.toLocaleString("en")}`,
    noamNote: (d: number, w: number, peak: string, end: string) =>
      `Noam with d_model = ${d}, warmup = ${w}: peak = ${d}^−0.5 × ${w}^−0.5 = ${peak} at step ${w}; at step 100,000 it is ${end}. No sequence length appears anywhere in the formula.`,
  },
  zh: {
    caption: "四种调度在 100,000 步训练中的学习率曲线。选中的那条加粗显示，并标出峰值。",
    schedule: "调度策略",
    names: { noam: "Noam（2017 年 Transformer）", cosine: "预热 + 余弦衰减到 10%", step: "预热 + 阶梯衰减（×0.1）", restarts: "带热重启的余弦（SGDR）" },
    warmup: "预热步数",
    dModel: "d_model（仅 Noam）",
    peak: "峰值学习率（其他调度）",
    log: "学习率用对数轴",
    step: "训练步数",
    lr: "学习率",
    peakLabel: (lr: string, s: number) => `峰值 ${lr}，第 ${s.toLocaleString("en")} 步`,
    noamNote: (d: number, w: number, peak: string, end: string) =>
      `Noam，d_model = ${d}，预热 ${w} 步：峰值 = ${d}^−0.5 × ${w}^−0.5 = ${peak}，出现在第 ${w} 步；到第 100,000 步为 ${end}。公式里没有任何序列长度。`,
  },
};

export function noam(step: number, dModel: number, warmup: number): number {
  const s = Math.max(step, 1);
  return dModel ** -0.5 * Math.min(s ** -0.5, s * warmup ** -1.5);
}

function cosine(t: number, length: number, peak: number): number {
  return FLOOR * peak + 0.5 * (peak - FLOOR * peak) * (1 + Math.cos((Math.PI * t) / length));
}

function lrAt(kind: Kind, step: number, o: { dModel: number; warmup: number; peak: number }): number {
  if (kind === "noam") return noam(step, o.dModel, o.warmup);
  if (step < o.warmup) return (o.peak * step) / o.warmup;
  const t = step - o.warmup;
  const span = TOTAL - o.warmup;
  if (kind === "cosine") return cosine(t, span, o.peak);
  if (kind === "step") return o.peak * 0.1 ** ((step >= TOTAL / 3 ? 1 : 0) + (step >= (2 * TOTAL) / 3 ? 1 : 0));
  // SGDR with T_mult = 2 and three cycles filling the run after warmup: T₀ + 2T₀ + 4T₀ = span.
  const t0 = span / 7;
  let start = 0;
  let len = t0;
  while (t >= start + len && start + len < span - 1e-6) (start += len), (len *= 2);
  return cosine(t - start, len, o.peak);
}

/** Steps to sample: a regular grid plus every point where a schedule has a corner (warmup end, drops, restarts). */
function grid(warmup: number): number[] {
  const span = TOTAL - warmup;
  const t0 = span / 7;
  const corners = [1, warmup, TOTAL / 3, (2 * TOTAL) / 3, warmup + t0, warmup + 3 * t0].flatMap((c) => [Math.floor(c) - 1, Math.floor(c), Math.ceil(c)]);
  const regular = Array.from({ length: 401 }, (_, i) => (i * TOTAL) / 400);
  return [...new Set([...regular, ...corners].filter((s) => s >= 1 && s <= TOTAL))].sort((a, b) => a - b);
}

export default function schedules({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("schedules", t.caption);
  const kind = Inputs.select(KINDS, { value: "noam", label: t.schedule, format: (k) => t.names[k] }) as HTMLElement & { value: Kind };
  const warmup = Inputs.range([100, 20000], { value: 4000, step: 100, label: t.warmup }) as HTMLElement & { value: number };
  const dModel = Inputs.select([128, 256, 512, 768, 1024, 2048, 4096], { value: 512, label: t.dModel }) as HTMLElement & { value: number };
  const peak = Inputs.range([0.0001, 0.003], { value: 0.0007, step: 0.0001, label: t.peak, format: (x) => x.toExponential(1) }) as HTMLElement & {
    value: number;
  };
  const logY = Inputs.toggle({ label: t.log, value: false }) as HTMLElement & { value: boolean };
  root.append(kind, warmup, dModel, peak, logY);
  const chart = slot(root);
  const note = document.createElement("p");
  note.className = "visual-caption";
  root.append(note);

  const render = () => {
    const o = { dModel: Number(dModel.value), warmup: Math.round(warmup.value), peak: peak.value };
    const steps = grid(o.warmup);
    const data = KINDS.flatMap((k) => steps.map((step) => ({ step, lr: lrAt(k, step, o), name: t.names[k], kind: k })));
    const selected = data.filter((d) => d.kind === kind.value);
    const top = selected.reduce((a, b) => (b.lr > a.lr ? b : a));
    const others = data.filter((d) => d.kind !== kind.value);
    chart(
      Plot.plot({
        width: chartWidth(),
        height: 320,
        marginLeft: 65,
        marginRight: 20,
        x: { label: t.step, domain: [0, TOTAL], tickFormat: "~s" },
        y: { label: t.lr, grid: true, type: logY.value ? "log" : "linear", tickFormat: "~e" },
        color: { domain: KINDS.map((k) => t.names[k]), scheme: "tableau10", legend: true },
        marks: [
          Plot.line(others, { x: "step", y: "lr", stroke: "name", strokeWidth: 1.2, strokeOpacity: 0.45, z: "name" }),
          Plot.line(selected, { x: "step", y: "lr", stroke: "name", strokeWidth: 3, tip: true }),
          Plot.ruleX([o.warmup], { stroke: "currentColor", strokeDasharray: "3,3", strokeOpacity: 0.6 }),
          Plot.dot([top], { x: "step", y: "lr", r: 5, fill: "currentColor" }),
          Plot.text([top], {
            x: "step",
            y: "lr",
            text: () => t.peakLabel(top.lr.toExponential(2), top.step),
            dx: 8,
            dy: -8,
            textAnchor: "start",
            fill: "currentColor",
          }),
        ],
      }),
    );
    note.textContent = t.noamNote(o.dModel, o.warmup, noam(o.warmup, o.dModel, o.warmup).toExponential(2), noam(TOTAL, o.dModel, o.warmup).toExponential(2));
  };
  for (const control of [kind, warmup, dModel, peak, logY]) control.addEventListener("input", render);
  render();
  return root;
}
