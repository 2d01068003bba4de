/** Chinese texts of the attention grader ("Scaled dot-product attention"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    "self-attention": "q、k、v [2, 4, 8]，无掩码",
    "cross-attention": "交叉注意力：Lq = 3，Lk = 6，d_k = 4，d_v = 7",
    "square-k": "方形的 k（Lk = d_k = 4）：漏掉转置也能运行",
    "padding-mask": "作用于键的填充掩码 [2, 1, 6]（长度 6 和 3）",
    "causal-mask": "在批次上广播的因果掩码 [5, 5]",
    "large-scores": "真实分数接近 −1800，填充键的分数接近 +1800（用 −1000 填充会泄漏）",
    "fully-masked-row": "查询 1 和 3 看不到任何键（掩码 [2, 5, 7]）：它们的权重和输出行为零，梯度有限",
    "weights-gradient": "同时检查权重的梯度（Lq = 3，Lk = 6，d_k = 5，d_v = 2，随机掩码 [2, 3, 6]，查询 2 被屏蔽）",
    "gap-1e5": "d_k = 1，真实分数接近 −10⁵，填充位置的分数接近 +10⁵（用 −1e4 填充会泄漏）",
    "gap-1e4": "d_k = 1，真实分数接近 −10⁴，填充位置的分数接近 +10⁴",
    "mask-rank1": "秩低于分数 [2, 3, 6] 的掩码 [6]（从右侧广播）",
    "mask-rank2-under-rank4": "秩 4 [2, 2, 4, ·] 配作用于 [Lq, Lk] 的掩码 [4, 6]",
    "causal-long": "因果掩码 [16, 16]",
    "rank4-heads": "秩 4 [batch, heads, L, d] 配掩码 [2, 1, 1, 5]",
  },
  properties: {
    "masked-exactly-zero": "填充的键的权重恰好为零",
    "padded-values-ignored": "改变填充位置的键和值不影响结果",
    causal: "在因果掩码下，位置 t 的输出不依赖 t 之后的输入",
  },
  bugs: {
    "no-scale": {
      title: "分数没有缩放",
      advice: "把 q·kᵀ 除以 √d_k：各分量方差为 1 时，q·k 的方差是 d_k，未缩放的 logits 会使 softmax 饱和（Vaswani 等，2017，§3.2.1）。",
    },
    "scale-dk": {
      title: "除以了 d_k 而不是 √d_k",
      advice: "q·k 的方差是 d_k，所以它的标准差（正确的除数）是 √d_k。",
    },
    "scale-dv": {
      title: "按 √d_v 而不是 √d_k 缩放",
      advice: "缩放来自 q 与 k 的点积，其长度为 d_k；d_v（v 的宽度）与此无关。",
    },
    "scale-wrong-axis": {
      title: "从错误的轴读取 d_k（读到的是序列长度，而不是最后一个轴）",
      advice:
        "d_k 是 q 最后一个轴的大小，即 q.shape[q.rank − 1]；q.shape[1] 或 k.shape[k.rank − 2] 是长度（Lq 或 Lk）。d_k、d_v、Lq 和 Lk 互不相同的用例能把它与按 √d_v 缩放区分开。",
    },
    "scale-multiplied": {
      title: "乘以了 √d_k 而不是除以",
      advice: "分数是 q·kᵀ / √d_k。",
    },
    "softmax-over-queries": {
      title: "沿查询轴做了 softmax",
      advice: "每个查询把注意力分配给各个键：对 [..., Lq, Lk] 的最后一个轴（键）归一化，而不是轴 −2。",
    },
    "mask-polarity": {
      title: "掩码极性反了（把 0 当作参与注意力）",
      advice: "1 = 参与注意力，0 = 屏蔽：在 mask == 0 的位置屏蔽。",
    },
    "fill-minus-1000": {
      title: "被屏蔽的分数填充为真实分数也能达到的有限值（−1000、−1e4）",
      advice:
        "分数达到几千时，−1000 是一个大值而不是屏蔽值；分数达到 ±1e5 时，−1e4 也一样。请使用 where(mask, scores, 最小负浮点数)，并让被屏蔽的权重恰好为 0。",
    },
    "masked-row-not-zero": {
      title: "所有键都被屏蔽的查询得到的权重不为零（均匀分布，或其原始分数的 softmax）",
      advice:
        "有限的填充值（−1e9、最小负浮点数）会让全被屏蔽行的每个分数都相同，于是 softmax 把该查询的注意力平均分给它不能看到的键；加性填充则留下原始分数的 softmax。这样的行必须全为零（其输出也是）：把指数值乘以掩码，再除以 max(sum, tiny)。",
    },
    "fill-minus-inf-nan": {
      title: "用 −∞ 填充：所有键都被屏蔽的查询得到 NaN",
      advice:
        "所有分数都是 −∞ 时，行最大值是 −∞，而 −∞ − (−∞) = NaN，它随后会经由 weights·V 扩散。请使用有限的填充值，并让全被屏蔽的行为零（把指数值乘以掩码）。",
    },
  },
} satisfies GraderZh;
