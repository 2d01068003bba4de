/**
 * Topic 26: softmax(z / T) for a fixed set of logits as the temperature moves — low T
 * sharpens towards argmax, high T flattens towards uniform — with the entropy and the
 * Jacobian diag(y) − yyᵀ whose size sets how much gradient flows back.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { entropy as entropyOf, softmax } from "./_math.js";

const LOGITS = [2.0, 1.0, 0.5, 0.1, -1.0];

const T = {
  en: {
    caption: "Move the temperature: the same logits become a sharp or a flat distribution.",
    temp: "temperature T",
    prob: "probability",
    token: "token",
    entropy: "entropy",
    jac: "Jacobian diag(y) − yyᵀ",
    max: "max",
  },
  zh: {
    caption: "拖动温度：同一组 logits 会变成尖锐或平坦的分布。",
    temp: "温度 T",
    prob: "概率",
    token: "词元",
    entropy: "熵",
    jac: "雅可比矩阵 diag(y) − yyᵀ",
    max: "最大值",
  },
};

export default function softmaxTemperature({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("softmax-temperature", t.caption);
  const temp = Inputs.range([0.1, 5], { value: 1, step: 0.05, label: t.temp }) as HTMLInputElement & { value: number };
  root.append(temp);
  const bars = slot(root);
  const jac = slot(root);
  const render = () => {
    const y = softmax(LOGITS, temp.value);
    const entropy = entropyOf(y);
    const data = y.map((p, i) => ({ token: `z${i + 1} = ${LOGITS[i]}`, p }));
    bars(
      Plot.plot({
        width: chartWidth(),
        height: 220,
        marginLeft: 50,
        y: { domain: [0, 1], label: t.prob, grid: true },
        x: { label: t.token },
        title: `${t.entropy} H = ${entropy.toFixed(3)} nats (${t.max} ln 5 = ${Math.log(5).toFixed(3)})`,
        marks: [Plot.barY(data, { x: "token", y: "p", fill: "steelblue", tip: true }), Plot.ruleY([0])],
      }),
    );
    const cells = y.flatMap((yi, i) => y.map((yj, j) => ({ i: `z${i + 1}`, j: `z${j + 1}`, v: (i === j ? yi : 0) - yi * yj })));
    jac(
      Plot.plot({
        width: Math.min(chartWidth(), 360),
        height: 280,
        title: t.jac,
        color: { type: "diverging", scheme: "RdBu", domain: [-0.25, 0.25], legend: true },
        marks: [
          Plot.cell(cells, { x: "j", y: "i", fill: "v", tip: true }),
          Plot.text(cells, { x: "j", y: "i", text: (d: { v: number }) => d.v.toFixed(2), fontSize: 10 }),
        ],
      }),
    );
  };
  temp.addEventListener("input", render);
  render();
  return root;
}
