/** Chinese texts of the gqa grader ("Grouped-query attention (GQA and MQA)"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    "groups-of-two": "自注意力，4 个查询头共用 2 个 KV 头，有偏置",
    "cross-padding": "交叉注意力，6 个查询头共用 3 个 KV 头，Lq = 3，Lk = 5，填充掩码 [2, 1, 1, 5]",
    "equals-mha": "numKvHeads = numHeads = 2：普通的多头注意力，无偏置",
    "multi-query-causal": "多查询注意力（4 个查询头共用一个 KV 头），因果掩码 [4, 4]",
    "groups-of-three-hidden": "6 个查询头共用 2 个 KV 头，随机掩码",
    "fully-masked-row": "4 个查询头共用 2 个 KV 头，掩码 [2, 1, 5, 5] 中查询 3 看不到任何键：该处为零，梯度有限",
    "weights-gradient": "同时检查权重 [b, h, Lq, Lk] 的梯度：6 个查询头共用 2 个 KV 头，秩 2 的掩码 [4, 6]",
    "heads-not-divisible": "4 个查询头共用 3 个 KV 头时必须抛出错误",
    "d-not-divisible": "d = 6、4 个查询头（共用 2 个 KV 头）时必须抛出错误",
  },
  properties: {
    "masked-exactly-zero": "在每个查询头中，填充的键的权重都恰好为零",
    causal: "在因果掩码下，位置 t 的输出不依赖 t 之后的输入",
  },
  bugs: {
    "masked-row-not-zero": {
      title: "所有键都被屏蔽的查询得到的权重不为零（均匀分布，或其原始分数的 softmax）",
      advice:
        "有限的填充值（−1e9、最小负浮点数）会让全被屏蔽行的每个分数都相同，于是 softmax 把该查询的注意力平均分给它不能看到的键；加性填充则留下原始分数的 softmax。这样的行在每个查询头中都必须全为零：把指数值乘以掩码，再除以 max(sum, tiny)。",
    },
    "fill-minus-inf-nan": {
      title: "用 −∞ 填充：所有键都被屏蔽的查询得到 NaN",
      advice: "所有分数都是 −∞ 时，行最大值是 −∞，而 −∞ − (−∞) = NaN，它随后经由 W_O 扩散到整行输出。请使用有限的填充值，并让全被屏蔽的行为零。",
    },
    "kv-heads-tiled": {
      title: "KV 头按平铺（0, 1, 0, 1）而不是逐个重复（0, 0, 1, 1）的方式复制",
      advice:
        "查询头 j 使用 KV 头 ⌊j·numKvHeads/numHeads⌋：每个 KV 头服务一组连续的查询头。在头的轴上用 tf.tile 则会循环使用各个 KV 头；应在头的轴之后插入一个轴并沿它广播（LLaMA 的 repeat_kv），或用正确的索引做 tf.gather。",
    },
    "scale-d-model": {
      title: "按 √d_model 而不是 √d_h 缩放",
      advice: "每个头（无论查询头还是键/值头）的宽度都是 d_h = d / numHeads：把分数除以 √d_h。",
    },
    "no-output-projection": {
      title: "缺少输出投影 W_O",
      advice: "把查询头合并回 [b, Lq, d] 之后，再应用 W_O 和 b_O。",
    },
    "no-biases": {
      title: "忽略了偏置",
      advice: "给出 w.bq、w.bk、w.bv、w.bo 时要加上它们：x·W + b（bk 和 bv 有 numKvHeads·d_h 个元素）。",
    },
    "ignores-mask": {
      title: "没有应用掩码",
      advice: "把掩码传给每个查询头的注意力：它会与 [b, h, Lq, Lk] 广播。",
    },
    "no-divisibility-check": {
      title: "numHeads 不能被 numKvHeads 整除（或 d 不能被 numHeads 整除）时没有报错",
      advice: "在做任何计算之前检查这两项并抛出 Error：4 个查询头共用 3 个 KV 头时，各组不可能相等。",
    },
  },
} satisfies GraderZh;
