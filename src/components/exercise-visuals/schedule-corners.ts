/**
 * The `schedule` exercise's visual: the warmup + cosine contract over a run, with the
 * steps the grader checks marked, next to the "cosine from step 0" mistake — the two
 * agree on the ramp and differ exactly where the grader looks (the peak, the end).
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "../visuals/_shared.js";
import { scheduleCurves, warmupCosineAt, type CosineSchedule } from "./schedule-math.js";

const T = {
  en: {
    caption:
      "Warmup + cosine as the contract defines it (thick) and with the cosine's clock started at step 0 (thin). Dots: warmup, half-way, and total, where a correct schedule is exactly peak, (peak + minLr)/2 and minLr.",
    warmup: "warmup",
    minLr: "minLr / peak",
    cosine: "contract: cosine from warmup to total",
    fromZero: "mistake: cosine from step 0",
    step: "step",
    lr: "learning rate",
  },
  zh: {
    caption:
      "按接口约定的预热 + 余弦（粗线），以及余弦从第 0 步开始计时的错误写法（细线）。圆点：预热结束、衰减中点和 total，正确的调度在这三处恰好等于 peak、(peak + minLr)/2 和 minLr。",
    warmup: "预热步数",
    minLr: "minLr / peak",
    cosine: "约定：余弦从 warmup 到 total",
    fromZero: "错误：余弦从第 0 步开始",
    step: "步数",
    lr: "学习率",
  },
};

export function scheduleCorners({ lang }: { lang: Lang }): HTMLElement {
  const t = T[lang];
  const root = container("schedule-corners", t.caption);
  const warmup = Inputs.range([10, 500], { value: 100, step: 10, label: t.warmup }) as HTMLElement & { value: number };
  const floor = Inputs.range([0, 0.5], { value: 0.1, step: 0.05, label: t.minLr }) as HTMLElement & { value: number };
  root.append(warmup, floor);
  const chart = slot(root);
  const render = () => {
    const o: CosineSchedule = { peak: 1e-3, warmup: Math.round(warmup.value), total: 1000, minLr: 1e-3 * floor.value };
    const data = scheduleCurves(o, { cosine: t.cosine, fromZero: t.fromZero });
    const corners = [o.warmup, Math.round((o.warmup + o.total) / 2), o.total].map((step) => ({ step, lr: warmupCosineAt(step, o) }));
    chart(
      Plot.plot({
        width: chartWidth(),
        height: 280,
        marginLeft: 60,
        x: { label: t.step },
        y: { label: t.lr, grid: true, tickFormat: "~e" },
        color: { domain: [t.cosine, t.fromZero], range: ["var(--theme-foreground-focus, #3b5fc0)", "#d95f02"], legend: true },
        marks: [
          Plot.line(data, { x: "step", y: "lr", stroke: "curve", strokeWidth: (d: { curve: string }) => (d.curve === t.cosine ? 3 : 1.5), z: "curve" }),
          Plot.ruleX([o.warmup, o.total], { strokeDasharray: "3,3", strokeOpacity: 0.5 }),
          Plot.dot(corners, { x: "step", y: "lr", r: 4, fill: "currentColor", tip: true }),
        ],
      }),
    );
  };
  for (const control of [warmup, floor]) control.addEventListener("input", render);
  render();
  return root;
}
