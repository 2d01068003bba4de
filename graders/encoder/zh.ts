/** Chinese texts of the encoder grader ("A Transformer encoder layer"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    post: "Post-LN，2 个头，x [2, 5, 8]，无掩码",
    pre: "Pre-LN，2 个头，x [2, 5, 8]，无掩码",
    "post-padding": "Post-LN 配填充掩码 [2, 1, 1, 5]（长度 5 和 3）",
    "pre-causal": "Pre-LN 配因果掩码 [5, 5]",
    "default-norm": "options 中没有 `norm`（默认为 Post-LN），一个头，注意力无偏置",
    "hidden-pre-padding": "Pre-LN，4 个头，填充掩码，批大小 3",
    "not-divisible": "d = 6、4 个头时必须抛出错误（与多头注意力一样）",
  },
  properties: {
    causal: "在因果掩码下，位置 t 的输出不依赖 t 之后的输入",
  },
  bugs: {
    "post-pre-swapped": {
      title: "Post-LN 和 Pre-LN 弄反了",
      advice: "Post-LN（2017 年的论文）在每次残差相加之后归一化：LN(x + Sublayer(x))。Pre-LN 归一化子层的输入，残差路径保持不变：x + Sublayer(LN(x))。",
    },
    "residual-after-norm": {
      title: "Pre-LN 中残差从归一化后的输入出发",
      advice: "Pre-LN 把子层的输出加到未归一化的主干上：h = x + MHA(LN1(x))，out = h + FFN(LN2(h))。改为加到 LN(x) 上会切断残差本该提供的恒等路径。",
    },
    "no-final-residual": {
      title: "缺少前馈网络外的残差连接",
      advice: "两个子层都包在残差里：前馈网络的输出要加到它的输入上（h + FFN(…)），而不是单独使用。",
    },
    "mask-not-passed": {
      title: "掩码没有传到注意力中",
      advice: "把 options.mask 传给你的多头注意力，使填充的（或未来的）键得到零权重。",
    },
    "ln-swapped": {
      title: "两个 LayerNorm 的参数弄反了",
      advice: "无论 Post-LN 还是 Pre-LN，ln1 都属于注意力子层，ln2 属于前馈子层。",
    },
    "no-relu": {
      title: "前馈网络中没有 ReLU",
      advice: "FFN(x) = max(0, x·W1 + b1)·W2 + b2：没有非线性，两个线性映射就会合并成一个。",
    },
    "no-divisibility-check": {
      title: "d 不能被 numHeads 整除时没有报错",
      advice: "当 d % numHeads ≠ 0 时，多头注意力会抛出 Error；你的层也应如此，而不是悄悄截断每个头的大小。",
    },
  },
} satisfies GraderZh;
