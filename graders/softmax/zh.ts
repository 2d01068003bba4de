/** Chinese texts of the softmax grader ("Softmax and its backward pass"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    basic: "一批行，默认轴",
    rank1: "单个向量（秩 1）",
    "extreme-logits": "量级约为 1e4 的 logits（不减最大值时 exp 会溢出）",
    "rows-apart": "尺度相差 10⁵ 的各行",
    "rank3-middle-axis": "秩 3，沿轴 1 做 softmax",
    "rank4-first-axis": "秩 4，沿轴 0 做 softmax",
    "negative-axes": "秩 4 [2, 3, 4, 2]，沿轴 −3（即轴 1）做 softmax",
    "rank3-axis-minus-2": "秩 3 [3, 5, 2]，沿轴 −2 做 softmax",
    "positive-last-axis": "轴以正索引给出（秩 2 时为 1）",
    "backward-basic": "沿最后一个轴的反向传播",
    "backward-axis0": "沿轴 0 的反向传播",
    "backward-rank3": "秩 3、轴 1 上的反向传播",
  },
  properties: {
    "sums-to-one": "沿该轴的每个切片之和都为 1",
    "shift-invariant": "给 logits 加上常数不改变任何结果",
  },
  bugs: {
    "no-max-shift": {
      title: "没有减去最大值",
      advice: "当 x 超过约 88.7 时，exp(x) 会使 float32 溢出（∞/∞ = NaN）。在 exp 之前沿该轴减去最大值：softmax 具有平移不变性，结果不会改变。",
    },
    "ignores-axis": {
      title: "忽略了 axis 参数（总是用最后一个轴）",
      advice: "把 `axis` 传给每一次归约（tf.max、tf.sum），并设置 keepDims = true，使结果能广播回去。",
    },
    "wrong-axis": {
      title: "沿轴 0 而不是指定的轴做了归一化",
      advice: "沿 `axis` 归约（负值从末尾计数），而不是沿固定的轴。",
    },
    "log-softmax": {
      title: "返回的是 log-softmax（x − logsumexp），而不是概率",
      advice: "需要取指数：softmax = exp(x − max) / Σ exp(x − max)。它的值在 (0, 1) 之间，且和为 1。",
    },
    "diagonal-backward": {
      title: "只用了雅可比矩阵的对角线（dx = y ⊙ (1 − y) ⊙ dy）",
      advice: "softmax 的雅可比矩阵是 diag(y) − y yᵀ：每个输出都依赖于每个输入。dx = y ⊙ (dy − Σ dy ⊙ y)。",
    },
    "backward-sign": {
      title: "y yᵀ 项被加上而不是减去",
      advice: "dx = y ⊙ (dy − Σ dy ⊙ y)：雅可比矩阵的非对角部分是 −y_i y_j。",
    },
  },
} satisfies GraderZh;
