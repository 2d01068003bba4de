/** Chinese texts of the layernorm grader ("LayerNorm and RMSNorm"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    "ln-basic": "layerNorm：x [2, 4, 8]，默认 ε",
    "ln-tiny-rows": "layerNorm：标准差为 1e-3 的行（ε = 1e-5 不可忽略）",
    "ln-row-scales": "layerNorm：秩 2，各行尺度相差 100 倍",
    "ln-eps": "layerNorm：给定 ε = 0.01，各行方差约为 0.01",
    "ln-shifted": "layerNorm：均值为 20 的行",
    "ln-rank1": "layerNorm：秩 1 的 x [12]",
    "ln-hidden": "layerNorm：x [3, 5, 10]",
    "rms-basic": "rmsNorm：x [2, 4, 8]，默认 ε",
    "rms-tiny-rows": "rmsNorm：尺度为 1e-3 的行（ε = 1e-6 不可忽略）",
    "rms-shifted": "rmsNorm：均值为 2 的行（RMSNorm 会保留均值）",
    "rms-eps": "rmsNorm：给定 ε = 0.01，各行尺度为 0.1",
    "rms-hidden": "rmsNorm：x [5, 7]",
  },
  properties: {
    "ln-position-wise": "layerNorm：每一行独立归一化（改变后面的行不影响前面的行）",
    "ln-scale-invariant": "layerNorm：把 x 乘以 8 后输出不变",
    "rms-scale-invariant": "rmsNorm：把 x 乘以 8 后输出不变",
    "rms-position-wise": "rmsNorm：每一行独立归一化",
  },
  bugs: {
    "unbiased-variance": {
      title: "用了无偏方差（除以 d − 1）",
      advice: "LayerNorm 把偏差平方和除以特征数 d（PyTorch 的 nn.LayerNorm 也是如此）；tf.moments 会替你这样算。",
    },
    "layerNorm/eps-outside-root": {
      title: "ε 加在了平方根外面",
      advice: "应除以 √(var + ε)，而不是 √var + ε：两者在方差很小的行上差别最大，而那正是 ε 要发挥作用的地方。",
    },
    "layerNorm/batch-statistics": {
      title: "沿批次轴归一化（BatchNorm），而不是在每个词元的特征上归一化",
      advice: "LayerNorm 的均值和方差是逐行的，沿最后一个轴计算：用 axis −1 和 keepDims 归约，绝不要沿轴 0。",
    },
    "gamma-beta-swapped": {
      title: "γ 和 β 弄反了",
      advice: "γ 用来缩放归一化后的值，β 用来相加：x̂·γ + β。",
    },
    "affine-missing": {
      title: "没有应用 γ 或 β",
      advice: "归一化之后乘以 γ 再加上 β，二者形状都是 [d]，在各行上广播。",
    },
    "mean-not-subtracted": {
      title: "没有减去均值",
      advice: "LayerNorm 会把每一行中心化：(x − mean)/√(var + ε)。只有 RMSNorm 才省略中心化。",
    },
    "layerNorm/eps-ignored": {
      title: "忽略了 eps 参数",
      advice: "使用传入的 ε（1e-5 只是默认值）。",
    },
    "mean-subtracted": {
      title: "减去了均值（那是 LayerNorm，不是 RMSNorm）",
      advice: "RMSNorm 直接把 x 除以它的均方根 √(mean(x²) + ε)；它从不中心化，也没有 β。",
    },
    "rmsNorm/eps-outside-root": {
      title: "ε 加在了平方根外面",
      advice: "应除以 √(mean(x²) + ε)，而不是 √mean(x²) + ε。",
    },
    "gamma-missing": {
      title: "没有应用 γ",
      advice: "把归一化后的各行乘以 γ（形状 [d]）。",
    },
    "rmsNorm/batch-statistics": {
      title: "沿批次轴归一化，而不是在每个词元的特征上归一化",
      advice: "x² 的均值是逐行的，沿最后一个轴计算（keepDims），绝不要沿轴 0。",
    },
    "rmsNorm/eps-ignored": {
      title: "忽略了 eps 参数",
      advice: "使用传入的 ε（1e-6 只是默认值）。",
    },
  },
} satisfies GraderZh;
