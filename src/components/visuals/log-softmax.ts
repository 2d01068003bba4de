/**
 * Cross-entropy exercise: one position's loss in float32 as the target's logit falls behind
 * the largest by `gap`, computed three ways (log-softmax-math.ts). The log-softmax follows
 * the true loss; log(softmax) jumps to ∞ past gap ≈ 104, when exp(−gap) underflows; without
 * the max shift, raising every logit past ~88.7 overflows exp and the loss is NaN.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { el } from "../dom.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { firstNonFinite, lossCurves, type LossPoint } from "./log-softmax-math.js";

const MAX_GAP = 200;
const K = 3;

const T = {
  en: {
    caption: "Cross-entropy of one position in float32 while the target's logit falls behind the largest one.",
    shift: "add this to every logit",
    gap: "gap between the largest logit and the target's",
    loss: "loss (∞ and NaN drawn at the top)",
    methods: { logSoftmax: "log-softmax: (x − max) − log Σ exp(x − max)", logOfSoftmax: "log(softmax(x))", naive: "log(exp(x) / Σ exp(x)), no max shift" },
    note: (a: string, b: string) =>
      `log(softmax(x)) stops being finite at a gap of ${a}; the unshifted form at ${b}. The log-softmax stays exact: the loss is then just the gap.`,
    never: "no gap shown",
  },
  zh: {
    caption: "float32 中单个位置的交叉熵：目标类的 logit 比最大 logit 落后得越来越多。",
    shift: "给所有 logit 加上",
    gap: "最大 logit 与目标 logit 之差",
    loss: "损失（∞ 与 NaN 画在顶部）",
    methods: { logSoftmax: "log-softmax：(x − max) − log Σ exp(x − max)", logOfSoftmax: "log(softmax(x))", naive: "log(exp(x) / Σ exp(x))，不减最大值" },
    note: (a: string, b: string) => `log(softmax(x)) 在差值为 ${a} 时不再有限；不减最大值的写法在 ${b} 时。log-softmax 始终准确：此时损失就等于差值。`,
    never: "图中没有出现",
  },
};

function chart(points: LossPoint[], t: (typeof T)["en"]): Element {
  const top = MAX_GAP * 1.1;
  const shown = points.map((p) => ({
    ...p,
    y: Number.isFinite(p.loss) ? Math.min(p.loss, top) : top,
    label: t.methods[p.method],
    broken: !Number.isFinite(p.loss),
  }));
  return Plot.plot({
    width: chartWidth(),
    height: 280,
    x: { label: t.gap, domain: [0, MAX_GAP] },
    y: { label: t.loss, domain: [0, top] },
    color: { legend: true, domain: Object.values(t.methods) },
    marks: [
      Plot.ruleY([0]),
      Plot.line(
        shown.filter((p) => !p.broken),
        { x: "gap", y: "y", stroke: "label", z: "label", strokeWidth: 2 },
      ),
      Plot.dot(
        shown.filter((p) => p.broken),
        { x: "gap", y: "y", stroke: "label", r: 2 },
      ),
    ],
  });
}

export default function logSoftmax({ lang }: { lang: Lang }): HTMLElement {
  const t = T[lang];
  const root = container("log-softmax", t.caption);
  const shift = Inputs.range([0, 120], { value: 0, step: 1, label: t.shift }) as HTMLElement & { value: number };
  root.append(shift);
  const plot = slot(root);
  const note = el("p", { class: "visual-caption" });
  root.append(note);
  const render = () => {
    const points = lossCurves(MAX_GAP, K, shift.value);
    plot(chart(points, t));
    const at = (g: number | null) => (g === null ? t.never : g.toFixed(0));
    note.textContent = t.note(at(firstNonFinite(points, "logOfSoftmax")), at(firstNonFinite(points, "naive")));
  };
  shift.addEventListener("input", render);
  render();
  return root;
}
