/** Chinese texts of the loss grader ("Cross-entropy with label smoothing"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    plain: "logits [6, 5]，无选项",
    "smoothing-rank3": "logits [2, 4, 7]，标签平滑 0.1",
    "smoothing-few-classes": "K = 3，标签平滑 0.3：是 ε/K，而不是 ε/(K − 1)",
    "large-logits": "约 1e3 的 logits，无平滑",
    "large-logits-smoothing": "约 1e3 的 logits，标签平滑 0.2",
    "ignore-index": "targets [3, 5]，约 40% 的位置为 ignoreIndex −100，平滑 0.1",
    "ignore-valid-class": "ignoreIndex 0 是一个有效的类别 id：目标为 0 的位置会被跳过",
    "single-position": "秩 1 的 logits [5] 和秩 0 的目标",
    "hidden-mixed": "logits [2, 6, 9]，偏移最高达 300，平滑 0.2，含被忽略的位置",
    "all-ignored": "所有位置都被忽略时必须抛出错误",
  },
  properties: {
    "shift-invariant": "给每个 logit 加上常数后损失不变",
  },
  bugs: {
    "log-of-softmax": {
      title: "用 log(softmax(x)) 而不是 log-softmax",
      advice:
        "在 float32 中，exp 超过约 88 就会溢出（此时 ∞/∞ 为 NaN，某些 GPU 的 log 会把它变成任意的约 89），而小于约 1e-45 的概率会舍入为 0，其对数为 −∞（在某些 GPU 上则是任意的 −88）。请直接计算 log p = (x − max) − log Σ exp(x − max)（或用 tf.logSoftmax）：它从不对大数取指数，也从不对 0 取对数。",
    },
    "smoothing-k-minus-1": {
      title: "标签平滑只分摊到其余 K − 1 个类别上",
      advice: "接口约定（PyTorch 的约定）混入的是所有 K 个类别上的均匀分布：q = (1 − ε)·onehot + ε/K，所以目标类得到 1 − ε + ε/K，其余每个类得到 ε/K。",
    },
    "smoothing-ignored": {
      title: "忽略了 labelSmoothing",
      advice: "labelSmoothing ε > 0 时，目标分布是 (1 − ε)·onehot + ε/K，因此每个类别的对数概率都会进入损失，而不只是目标类的。",
    },
    "mean-includes-ignored": {
      title: "求均值时把被忽略的位置也算进去了",
      advice: "被忽略的位置既不贡献损失也不计数：把总和除以目标 ≠ ignoreIndex 的位置数。",
    },
    "sum-not-mean": {
      title: "损失在各位置上求和而不是求平均",
      advice: "返回未被忽略位置上的均值，这样损失（以及与之匹配的学习率）不会随批大小和序列长度增长。",
    },
    "no-all-ignored-check": {
      title: "所有位置都被忽略时没有报错",
      advice: "所有目标都等于 ignoreIndex 时，均值是 0/0：应抛出 Error，而不是返回 NaN。",
    },
  },
} satisfies GraderZh;
