/** Chinese texts of the masking grader ("Padding and causal masks"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    "padding-mask": "长度为 [3, 5, 0, 1]、seqLen 为 5 的填充掩码",
    "causal-mask": "长度为 4 的因果掩码",
    "causal-mask-one": "长度为 1 的因果掩码",
    "padded-keys": "分数 [2, 4, 6] 配填充掩码 [2, 1, 6]（长度 4 和 6）",
    "causal-scores": "分数 [5, 5] 配因果掩码",
    "fully-masked-row": "所有键都被屏蔽的一行（必须全为零，且梯度有限）",
    "large-scores": "数千量级的分数（用 −1000 填充会泄漏）",
    "causal-mask-long": "长度为 13 的因果掩码",
    "padding-mask-long": "长度为 [17, 9, 0]、seqLen 为 17 的填充掩码",
    "empty-sequence": "填充掩码 [3, 1, 6] 中有长度为 0 的序列：它的各行全为零，梯度有限",
    "blocked-1e5-above": "被屏蔽的分数比真实分数高 1e5（加性的 −1e4 填充会泄漏）",
    "real-1e4-below": "真实分数接近 −3·10⁴，比 −1e4 的填充还低 1e4（对最大值设下限或用 −1e4 填充都会失败）",
    "real-1e5-below": "真实分数接近 −3·10⁵",
    "mask-rank1": "分数 [2, 3, 7] 配秩更低的掩码 [7]（从右侧广播）",
    "mask-rank2-under-rank4": "分数 [2, 2, 4, 5] 配掩码 [4, 5]（第 2 行全被屏蔽）",
    "broadcast-4d": "秩 4 的分数 [2, 2, 3, 4] 配掩码 [2, 1, 1, 4]",
  },
  properties: {
    "masked-exactly-zero": "被屏蔽的键的权重恰好为零",
    "masked-scores-ignored": "改变被屏蔽的分数不影响结果",
    "future-scores-ignored": "在因果掩码下，改变未来位置的分数不影响结果",
  },
  bugs: {
    "padding-off-by-one": {
      title: "填充掩码差一",
      advice: "长度为 n 的序列占据位置 0 … n − 1：当 k < n 时位置 k 是真实的。",
    },
    "paddingMask/mask-polarity": {
      title: "掩码极性反了（用 1 标记填充）",
      advice: "本课程的约定中，所有掩码都是 1 = 参与注意力、0 = 屏蔽。",
    },
    "causal-flipped": {
      title: "因果三角方向反了（查询看到的是未来而不是过去）",
      advice: "行 = 查询，列 = 键：当 k ≤ q 时查询 q 可以关注键 k，即下三角。",
    },
    "causal-no-diagonal": {
      title: "因果掩码缺少对角线",
      advice: "一个位置可以关注它自己：条件是 k ≤ q，而不是 k < q。",
    },
    "maskedSoftmax/mask-polarity": {
      title: "掩码极性反了（把 0 当作参与注意力）",
      advice: "1 = 参与注意力，0 = 屏蔽：在 mask == 0 的位置屏蔽。",
    },
    "mask-after-softmax": {
      title: "在 softmax 之后才应用掩码",
      advice: "把概率乘以掩码后，各行之和不再为 1。应在 softmax 之前屏蔽分数。",
    },
    "shift-includes-blocked": {
      title: "减去的最大值也包含了被屏蔽的键",
      advice:
        "只减去未屏蔽键上的最大值（对填充后的分数取最大值）。如果某个被屏蔽的分数远高于未屏蔽的分数，每个未屏蔽位置的 exp(s − max) 都会下溢为 0，这一行就会变成零或 NaN。（在 softmax 之后再屏蔽也会在这个用例上失败；但它在普通用例上同样失败，而这个错误不会。）",
    },
    "fill-minus-1000": {
      title: "被屏蔽的分数填充为真实分数也能达到的有限值（−1000、−1e4）",
      advice:
        "一旦真实分数达到数千，−1000 就不再足够小，被屏蔽的键会得到权重；当真实分数低于零 1e4，或被屏蔽的分数比真实分数高 1e5 时，−1e4 也会同样失败。请使用 where(mask, scores, 最小负浮点数)，并显式地把被屏蔽的键置零。",
    },
    "fill-minus-inf-nan": {
      title: "用 −∞ 填充：全被屏蔽的行变成 NaN",
      advice: "所有键都是 −∞ 时，行最大值是 −∞，而 −∞ − (−∞) = NaN。请使用有限的填充值，并把全被屏蔽的行定义为全零（在 exp 之后乘以掩码）。",
    },
    "masked-row-not-zero": {
      title: "全被屏蔽的行不为零（均匀分布，或其原始分数的 softmax）",
      advice:
        "有限的填充值（−1e9、−1e4、最小负浮点数）会让全被屏蔽行的每个分数都相同，于是它的 softmax 是均匀的（1/L）；加性填充会平移整行，留下原始分数的 softmax。接口约定规定这样的行全为零：把指数值乘以掩码，并保护除法。",
    },
  },
} satisfies GraderZh;
