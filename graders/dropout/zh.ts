/** Chinese texts of the dropout grader ("Inverted dropout"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    "train-quarter": "训练模式，rate 0.25，x [4, 64]",
    "train-tenth-rank3": "训练模式，rate 0.1（论文中的 P_drop），x [2, 3, 50]",
    "default-training": "options 中没有 `training`：training 默认为 true",
    "eval-identity": "training: false，rate 0.3：恒等映射",
    "rate-zero": "训练模式，rate 0：恒等映射",
    "rate-one": "训练模式，rate 1：全为零（而不是 0/0）",
    "large-statistics": "训练模式，rate 0.3，均值为 1 的 x [64, 64]",
    "hidden-seed": "训练模式，rate 0.2，很大的种子",
    "rate-negative": "rate −0.1 必须抛出错误",
    "rate-above-one-eval": "rate 1.5 即使不在训练模式也必须抛出错误",
  },
  properties: {
    statistics: "零的比例 ≈ rate，保留的单元 = x/(1 − rate)，均值不变（5σ 范围）",
    "same-mask-in-backward": "反向传播乘以的是前向传播的掩码",
    "seed-honoured": "相同的种子给出相同的输出；不同的种子给出不同的输出",
  },
  bugs: {
    "no-scaling": {
      title: "保留的单元没有乘以 1/(1 − rate)",
      advice: "倒置 dropout 在训练时把保留的单元除以 (1 − rate)，这样输出的期望等于输入，推理时无需任何改动。",
    },
    "scaling-at-eval": {
      title: "不在训练模式时也缩放了输出",
      advice: "倒置 dropout 的缩放全部发生在训练时；training: false 时原样返回 x（乘以 1 − rate 属于原始的、非倒置的 dropout）。",
    },
    "rate-as-keep": {
      title: "把 rate 当成了保留单元的概率",
      advice: "`rate` 是丢弃一个单元的概率（与 tf.dropout 和 PyTorch 相同）：在 u ≥ rate 的位置保留，并乘以 1/(1 − rate)。",
    },
    "rate-one-nan": {
      title: "rate 为 1 时计算了 0 · 1/0",
      advice: "rate 为 1 时所有单元都被丢弃，而 1/(1 − rate) 是无穷大，于是 mask · x/(1 − rate) 得到 0 · ∞ = NaN：在做除法之前，rate 为 1 时直接返回零。",
    },
    "default-not-training": {
      title: "training 默认为 false",
      advice: "接口约定的默认值是 training = true：`{ training = true, seed } = options`。",
    },
    "no-rate-check": {
      title: "没有拒绝 [0, 1] 之外的 rate",
      advice: "当 rate < 0 或 rate > 1 时抛出 Error，并且要在判断 `training` 之前检查，这样推理时错误的 rate 也会报错。",
    },
  },
} satisfies GraderZh;
