/** The lab's words, in both languages. */
import type { Method } from "./protocol.js";

export type Lang = "en" | "zh";

const en = {
  start: "Measure",
  running: "Measuring…",
  starting: "Starting the GPU worker (loads TensorFlow.js)…",
  done: (n: number) => `Done: ${n} points measured.`,
  failed: (m: string) => `The measurement stopped: ${m}`,
  badLengths: (m: string) => `${m}. Measuring at the default lengths instead.`,
  device: (backend: string, adapter: string | undefined, timestamps: boolean) =>
    `${backend}${adapter ? ` · ${adapter}` : ""} · GPU timestamps: ${timestamps ? "yes" : "not offered by this adapter (wall times only)"}`,
  method: {
    learner: "your attention (attention draft)",
    builtin: "tfjs built-ins (matMul, softmax)",
    tiled: "your tiled attention (flash draft)",
  } satisfies Record<Method, string>,
  drafts: (attention: boolean, flash: boolean) =>
    `Drafts found: attention ${attention ? "yes" : "no — solve or start the attention exercise first"}; flash ${flash ? "yes" : "no (optional: the tiled-attention exercise)"}.`,
  stop: { memory: "stopped (memory)", time: "stopped (time)", error: "failed", missing: "not measured" },
  timeChart: "Forward + backward time (ms) against sequence length L",
  memoryChart: "Peak memory during forward + backward (MiB) against L — dashed: the largest single tensor",
  table: ["kernel", "L", "forward ms", "fwd + bwd ms", "GPU fwd + bwd ms", "peak MiB", "largest tensor MiB"],
  saved: (when: string) => `Last measurement, kept in this browser: ${when}.`,
  refTitle: "Reference points: an NVIDIA H100, forward + backward",
  refCaption: (first: string, last: string, n: number) => `Scaled dot-product attention at ${n} sizes B·L·D from ${first} to ${last}.`,
  refRows: ["tfjs, WebGPU (ms)", "PyTorch, CUDA (ms)"],
  shape: (b: number, d: number) => `Inputs q, k, v of shape [${b}, L, ${d}], float32; gradients with respect to all three.`,
};

const zh: typeof en = {
  start: "开始测量",
  running: "测量中…",
  starting: "正在启动 GPU 工作线程（加载 TensorFlow.js）…",
  done: (n) => `完成：共测得 ${n} 个点。`,
  failed: (m) => `测量中止：${m}`,
  badLengths: (m) => `${m}。改用默认长度测量。`,
  device: (backend, adapter, timestamps) => `${backend}${adapter ? ` · ${adapter}` : ""} · GPU 时间戳：${timestamps ? "有" : "此适配器不提供（只有墙钟时间）"}`,
  method: { learner: "你的注意力（attention 草稿）", builtin: "tfjs 内置算子（matMul、softmax）", tiled: "你的分块注意力（flash 草稿）" },
  drafts: (attention, flash) =>
    `已找到的草稿：attention ${attention ? "有" : "无——请先完成或开始 attention 练习"}；flash ${flash ? "有" : "无（可选：分块注意力练习）"}。`,
  stop: { memory: "已停止（内存）", time: "已停止（时间）", error: "出错", missing: "未测量" },
  timeChart: "前向 + 反向时间（毫秒）随序列长度 L 的变化",
  memoryChart: "前向 + 反向期间的峰值内存（MiB）随 L 的变化——虚线：最大的单个张量",
  table: ["内核", "L", "前向 ms", "前向 + 反向 ms", "GPU 前向 + 反向 ms", "峰值 MiB", "最大张量 MiB"],
  saved: (when) => `上次测量（保存在本浏览器中）：${when}。`,
  refTitle: "参考点：NVIDIA H100，前向 + 反向",
  refCaption: (first, last, n) => `缩放点积注意力，B·L·D 从 ${first} 到 ${last} 共 ${n} 个规模。`,
  refRows: ["tfjs，WebGPU（ms）", "PyTorch，CUDA（ms）"],
  shape: (b, d) => `输入 q、k、v 的形状为 [${b}, L, ${d}]，float32；对三者都求梯度。`,
};

export const LAB_STRINGS: Record<Lang, typeof en> = { en, zh };
