/**
 * Topic 36: a per-GPU memory budget for training a GPT-style model with Adam. One stacked bar
 * per ZeRO stage (0 = plain data parallelism) splits the bytes into weights, gradients,
 * optimizer state and activations, against an 80 GB card. The formulas are in _memory.ts.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { parameterCount, PRESETS, trainingBudget, type Recipe, type Recompute, type ZeroStage } from "./_memory.js";

const CARD_GB = 80;
const GB = 1e9;

const T = {
  en: {
    caption: "Pick a model and a workload: one bar per ZeRO stage, per GPU, in GB (10⁹ bytes); the dashed line is an 80 GB card.",
    model: "model",
    batch: "micro-batch b",
    seq: "sequence length s",
    recompute: "activation recomputation",
    recomputeNames: { none: "none", selective: "selective", full: "full" } as Record<Recompute, string>,
    gpus: "data-parallel GPUs N_d",
    recipe: "precision",
    recipeNames: { "mixed-adam": "mixed (fp16/bf16 + fp32 Adam)", "fp32-adam": "fp32 Adam" } as Record<Recipe, string>,
    parts: ["weights", "gradients", "optimizer state", "activations"],
    stage: (s: number) => (s === 0 ? "no ZeRO" : `ZeRO-${s}`),
    title: (params: number, fits: string[]) =>
      `${(params / 1e9).toFixed(2)}B parameters · fits in ${CARD_GB} GB: ${fits.length ? fits.join(", ") : "none of these"}`,
    gb: "GB per GPU",
  },
  zh: {
    caption: "选择模型和负载：每个 ZeRO 阶段一根柱子，表示单卡显存，单位 GB（10⁹ 字节）；虚线是一张 80 GB 的卡。",
    model: "模型",
    batch: "微批大小 b",
    seq: "序列长度 s",
    recompute: "激活重计算",
    recomputeNames: { none: "不重算", selective: "选择性重算", full: "完全重算" } as Record<Recompute, string>,
    gpus: "数据并行 GPU 数 N_d",
    recipe: "精度",
    recipeNames: { "mixed-adam": "混合精度（fp16/bf16 + fp32 Adam）", "fp32-adam": "全 fp32 Adam" } as Record<Recipe, string>,
    parts: ["权重", "梯度", "优化器状态", "激活"],
    stage: (s: number) => (s === 0 ? "不用 ZeRO" : `ZeRO-${s}`),
    title: (params: number, fits: string[]) => `${(params / 1e9).toFixed(2)}B 参数 · 能放进 ${CARD_GB} GB 的：${fits.length ? fits.join("、") : "都放不下"}`,
    gb: "单卡 GB",
  },
};

export default function memoryBudget({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("memory-budget", t.caption);
  const model = Inputs.select(Object.keys(PRESETS), { label: t.model, value: "GPT-3 6.7B" }) as HTMLElement & { value: string };
  const batch = Inputs.range([1, 64], { value: 1, step: 1, label: t.batch }) as HTMLElement & { value: number };
  const seq = Inputs.select([512, 1024, 2048, 4096, 8192, 16384, 32768], { value: 2048, label: t.seq }) as HTMLElement & { value: number };
  const recompute = Inputs.radio(["none", "selective", "full"] as Recompute[], {
    value: "selective",
    label: t.recompute,
    format: (r: Recompute) => t.recomputeNames[r],
  }) as HTMLElement & { value: Recompute };
  const gpus = Inputs.select([1, 8, 64, 512], { value: 8, label: t.gpus }) as HTMLElement & { value: number };
  const recipe = Inputs.radio(["mixed-adam", "fp32-adam"] as Recipe[], {
    value: "mixed-adam",
    label: t.recipe,
    format: (r: Recipe) => t.recipeNames[r],
  }) as HTMLElement & { value: Recipe };
  const inputs = [model, batch, seq, recompute, gpus, recipe];
  root.append(...inputs);
  const chart = slot(root);
  const render = () => {
    const shape = PRESETS[model.value];
    const stages = ([0, 1, 2, 3] as ZeroStage[]).map((stage) => ({
      stage: t.stage(stage),
      b: trainingBudget({ shape, batch: batch.value, seq: seq.value, recipe: recipe.value, recompute: recompute.value, stage, gpus: gpus.value }),
    }));
    const rows = stages.flatMap(({ stage, b }) =>
      [b.weights, b.gradients, b.optimizer, b.activations].map((bytes, i) => ({ stage, part: t.parts[i], gb: bytes / GB, total: b.total / GB })),
    );
    const fits = stages.filter((s) => s.b.total / GB <= CARD_GB).map((s) => s.stage);
    chart(
      Plot.plot({
        width: chartWidth(),
        height: 230,
        marginLeft: 80,
        marginRight: 50,
        title: t.title(parameterCount(shape), fits),
        x: { label: t.gb, grid: true },
        y: { domain: stages.map((s) => s.stage), label: null },
        color: { domain: t.parts, range: ["#4e79a7", "#59a14f", "#e15759", "#f28e2b"], legend: true },
        marks: [
          Plot.barX(rows, { x: "gb", y: "stage", fill: "part", tip: { format: { gb: ".1f", total: ".1f" } }, channels: { total: "total" } }),
          Plot.text(stages, {
            x: (s: (typeof stages)[number]) => s.b.total / GB,
            y: "stage",
            text: (s: (typeof stages)[number]) => (s.b.total / GB).toFixed(1),
            dx: 4,
            textAnchor: "start",
          }),
          Plot.ruleX([CARD_GB], { stroke: "currentColor", strokeDasharray: "4,3" }),
        ],
      }),
    );
  };
  for (const input of inputs) input.addEventListener("input", render);
  render();
  return root;
}
