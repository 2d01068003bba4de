/**
 * Topic 39: 256 tokens routed to N experts by a softmax router whose biases start skewed, as an
 * untrained or collapsing router is. The bars are each expert's assignments, split into those
 * within its capacity and those dropped; the balancing slider runs gradient steps on the
 * Switch load-balancing loss N·Σ f_i·P_i alone (math/moe-routing.ts), so its effect is seen
 * without a task loss pulling the other way. Seeded: the same picture on every load.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { randomMatrix } from "./_math.js";
import { route, routerProbs, trainRouter, type Router } from "./math/moe-routing.js";

const TOKENS = 256;
const D = 16;
const LR = 0.5;
const SKEW = 1.5;

const T = {
  en: {
    caption:
      "256 tokens, a router that starts out favouring a few experts. Change the number of experts, top-k and the capacity factor, and train the router on the load-balancing loss alone.",
    experts: "experts N",
    k: "experts per token k",
    cf: "capacity factor",
    steps: "balancing-loss steps",
    expert: "expert",
    assignments: "assignments",
    kept: "processed",
    dropped: "dropped (over capacity)",
    capacity: "capacity",
    readout: (r: Readout) =>
      `Capacity ⌊${r.cf} · ${r.k} · ${TOKENS} / ${r.n}⌋ = ${r.capacity} assignments per expert. Busiest expert: ${r.max} (${r.maxShare} of all assignments; a fair share is ${r.fair}). ` +
      `Dropped: ${r.dropped} of ${r.total} assignments; ${r.lost} token${r.lost === 1 ? "" : "s"} got no expert at all and pass through on the residual path. ` +
      `Balancing loss N·Σ f·P = ${r.aux} (1.000 when balanced).`,
  },
  zh: {
    caption: "256 个词元，路由器一开始偏爱少数几个专家。改变专家数、top-k 和容量因子，并只用负载均衡损失训练路由器。",
    experts: "专家数 N",
    k: "每个词元的专家数 k",
    cf: "容量因子",
    steps: "负载均衡损失的梯度步数",
    expert: "专家",
    assignments: "分配数",
    kept: "已处理",
    dropped: "被丢弃（超出容量）",
    capacity: "容量",
    readout: (r: Readout) =>
      `容量 ⌊${r.cf} · ${r.k} · ${TOKENS} / ${r.n}⌋ = 每个专家 ${r.capacity} 个分配。最忙的专家：${r.max}（占全部分配的 ${r.maxShare}；平均份额是 ${r.fair}）。` +
      `丢弃：${r.total} 个分配中的 ${r.dropped} 个；${r.lost} 个词元一个专家也没分到，只经残差通路原样通过。` +
      `负载均衡损失 N·Σ f·P = ${r.aux}（完全均衡时为 1.000）。`,
  },
};

interface Readout {
  cf: string;
  k: number;
  n: number;
  capacity: number;
  max: number;
  maxShare: string;
  fair: string;
  dropped: number;
  total: number;
  lost: number;
  aux: string;
}

type Control<V> = HTMLElement & { value: V };

/** The starting router: small random weights and biases that fall linearly from +SKEW to −SKEW. */
function initialRouter(n: number): Router {
  return { W: randomMatrix(D, n, 11, 0.3), b: Array.from({ length: n }, (_, i) => SKEW * (1 - (2 * i) / (n - 1))) };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export default function moeRouting({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("moe-routing", t.caption);
  const experts = Inputs.select([4, 8, 16], { value: 8, label: t.experts }) as Control<number>;
  const k = Inputs.select([1, 2], { value: 1, label: t.k }) as Control<number>;
  const cf = Inputs.range([0.5, 3], { value: 1.25, step: 0.05, label: t.cf }) as Control<number>;
  const steps = Inputs.range([0, 100], { value: 0, step: 1, label: t.steps }) as Control<number>;
  root.append(experts, k, cf, steps);
  const readout = document.createElement("p");
  readout.className = "visual-readout";
  root.append(readout);
  const chart = slot(root);
  const X = randomMatrix(TOKENS, D, 7);

  const render = () => {
    const n = experts.value;
    const router = trainRouter(X, initialRouter(n), k.value, steps.value, LR);
    const r = route(routerProbs(X, router), k.value, cf.value);
    const total = TOKENS * k.value;
    const max = Math.max(...r.requested);
    readout.textContent = t.readout({
      cf: cf.value.toFixed(2),
      k: k.value,
      n,
      capacity: r.capacity,
      max,
      maxShare: pct(max / total),
      fair: pct(1 / n),
      dropped: r.droppedSlots,
      total,
      lost: r.tokensFullyDropped,
      aux: r.auxLoss.toFixed(3),
    });
    const data = r.requested.flatMap((req, i) => [
      { expert: i + 1, part: t.kept, count: r.kept[i] },
      { expert: i + 1, part: t.dropped, count: req - r.kept[i] },
    ]);
    chart(
      Plot.plot({
        width: chartWidth(),
        height: 260,
        marginLeft: 48,
        x: { label: t.expert, domain: Array.from({ length: n }, (_, i) => i + 1) },
        y: { label: t.assignments, grid: true, domain: [0, Math.max(max, r.capacity) * 1.08] },
        color: { legend: true, domain: [t.kept, t.dropped], range: ["steelblue", "firebrick"] },
        marks: [
          Plot.barY(data, { x: "expert", y: "count", fill: "part", tip: true }),
          Plot.ruleY([r.capacity], { stroke: "currentColor", strokeDasharray: "4,3" }),
          Plot.text([r.capacity], { y: (c: number) => c, frameAnchor: "right", text: (c: number) => `${t.capacity} ${c}`, dy: -7, textAnchor: "end" }),
          Plot.ruleY([0]),
        ],
      }),
    );
  };
  for (const c of [experts, k, cf, steps]) c.addEventListener("input", render);
  render();
  return root;
}
