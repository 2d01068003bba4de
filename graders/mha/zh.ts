/** Chinese texts of the mha grader ("Multi-head attention"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    "split-heads": "把 [2, 3, 6] 用 splitHeads 分成 2 个头",
    "merge-heads": "对 [2, 4, 3, 2] 做 mergeHeads",
    "self-attention": "自注意力，2 个头，带偏置（query = key = value）",
    "cross-attention": "交叉注意力，4 个头，Lq = 3，Lk = 5，填充掩码 [2, 1, 1, 5]",
    "one-head-no-biases": "一个头，query/key/value 各不相同，无偏置",
    causal: "因果自注意力，2 个头，掩码 [4, 4]",
    "fully-masked-row": "自注意力，掩码 [2, 1, 5, 5] 中查询 2 看不到任何键：该处为零，梯度有限",
    "weights-gradient": "同时检查权重 [b, h, Lq, Lk] 的梯度：交叉注意力，4 个头，秩 1 的掩码 [5]",
    "not-divisible": "d = 6、4 个头时必须抛出错误",
  },
  properties: {
    "masked-exactly-zero": "在每个头中，填充的键的权重都恰好为零",
    causal: "在因果掩码下，位置 t 的输出不依赖 t 之后的输入",
  },
  bugs: {
    "masked-row-not-zero": {
      title: "所有键都被屏蔽的查询得到的权重不为零（均匀分布，或其原始分数的 softmax）",
      advice:
        "有限的填充值（−1e9、最小负浮点数）会让全被屏蔽行的每个分数都相同，于是 softmax 把该查询的注意力平均分给它不能看到的键；加性填充则留下原始分数的 softmax。这样的行在每个头中都必须全为零：把指数值乘以掩码，再除以 max(sum, tiny)。",
    },
    "fill-minus-inf-nan": {
      title: "用 −∞ 填充：所有键都被屏蔽的查询得到 NaN",
      advice: "所有分数都是 −∞ 时，行最大值是 −∞，而 −∞ − (−∞) = NaN，它随后经由 W_O 扩散到整行输出。请使用有限的填充值，并让全被屏蔽的行为零。",
    },
    "splitHeads/split-no-transpose": {
      title: "只用 reshape 拆分多头，没有转置",
      advice: "先把 [b, L, d] reshape 为 [b, L, h, d/h]，再转置为 [b, h, L, d/h]；直接 reshape 为 [b, h, L, d/h] 会把不同位置混进各个头。",
    },
    "mergeHeads/merge-no-transpose": {
      title: "只用 reshape 合并多头，没有转置",
      advice: "先把 [b, h, L, d/h] 转置回 [b, L, h, d/h]，再 reshape 为 [b, L, d]。",
    },
    "multiHeadAttention/split-no-transpose": {
      title: "只用 reshape 拆分多头，没有转置",
      advice: "先 reshape 为 [b, L, h, d/h]，再转置为 [b, h, L, d/h]。",
    },
    "multiHeadAttention/merge-no-transpose": {
      title: "只用 reshape 合并多头，没有转置",
      advice: "在最后的 reshape 之前，把 [b, h, L, d/h] 转置为 [b, L, h, d/h]。",
    },
    "x-w-transposed": {
      title: "投影按 x·Wᵀ 计算",
      advice: "接口约定把 W 存为 [d_in, d_out]，并计算 x·W + b（tf.matMul(x, W)），而不是 PyTorch nn.Linear 的 x·Wᵀ 布局。",
    },
    "no-output-projection": {
      title: "缺少输出投影 W_O",
      advice: "合并多头之后，再应用 W_O 和 b_O：各个头的输出由这个最后的线性映射混合。",
    },
    "no-biases": {
      title: "忽略了偏置",
      advice: "给出 w.bq、w.bk、w.bv、w.bo 时要加上它们：x·W + b。",
    },
    "wk-is-wq": {
      title: "用 W_Q 代替了 W_K",
      advice: "键使用自己的投影 W_K（和 b_K）；如果两者都用 W_Q，自注意力的分数矩阵就会变成对称的。",
    },
    "head-averaged-weights": {
      title: "注意力权重在各头之间取了平均",
      advice: "返回每个头的权重，形状为 [b, h, Lq, Lk]；取平均会掩盖每个头各自在做什么。",
    },
    "scale-d-model": {
      title: "按 √d_model 而不是 √(d_model / h) 缩放",
      advice: "每个头的点积长度是 d_k = d_model / h，所以要除以 √d_k。",
    },
    "softmax-over-heads": {
      title: "沿头的轴做了 softmax",
      advice: "在每个头内部沿键归一化（[b, h, Lq, Lk] 的最后一个轴）。",
    },
    "no-divisibility-check": {
      title: "d 不能被 numHeads 整除时没有报错",
      advice: "当 d % numHeads ≠ 0 时抛出 Error，而不是悄悄截断每个头的大小。",
    },
  },
} satisfies GraderZh;
