/** Chinese texts of the ffn grader ("The position-wise feed-forward block"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    relu: "ReLU，x [2, 3, 4]，d_ff 8，两个偏置都有",
    "relu-no-biases": "ReLU，秩 2 的 x [5, 4]，无偏置，d_out 3",
    "gelu-exact": "精确 GELU，激活前的值接近 −2.7",
    "gelu-typical": "精确 GELU，x [2, 3, 6]，d_ff 12",
    "gelu-tanh": "tanh 近似的 GELU，激活前的值接近 −2.7",
    swiglu: "SwiGLU，x [2, 3, 6]，无偏置（LLaMA）",
    "swiglu-biases": "带 b1 和 b2 的 SwiGLU，x [1, 4, 4]",
    "unknown-activation": '激活函数 "tanh" 必须抛出错误',
    "swiglu-without-w3": '没有 w3 的 "swiglu" 必须抛出错误',
    "gelu-tanh-hidden": "tanh 近似的 GELU，x [3, 2, 5]",
    "swiglu-hidden": "SwiGLU，秩 2 的 x [6, 5]",
  },
  properties: {
    "position-wise": "每个位置独立变换（改变后面的行不影响前面的行）",
    "position-wise-swiglu": "SwiGLU 也是逐位置的",
  },
  bugs: {
    "tanh-gelu-for-exact": {
      title: "要求精确 GELU 的地方用了 tanh 近似",
      advice: '"gelu" 是 x·Φ(x) = 0.5·x·(1 + erf(x/√2))：tf.erf 存在且有梯度。tanh 公式是 "gelu-tanh"，另一种（近似的）激活函数。',
    },
    "exact-gelu-for-tanh": {
      title: "要求 tanh 近似的地方用了精确 GELU",
      advice: '"gelu-tanh" 是 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³)))，与 GPT-2 相同；用它训练的模型期望的正是这条曲线。',
    },
    "gate-swapped": {
      title: "SiLU 用在了 W3 分支而不是 W1 分支上",
      advice: "SwiGLU 是 silu(x·W1 + b1) ⊙ (x·W3)：激活函数作用在 W1 上（LLaMA 的 gate_proj），W3（up_proj）保持线性。",
    },
    "sigmoid-gate": {
      title: "SwiGLU 中用了 sigmoid 而不是 SiLU（那是 GLU）",
      advice: "SiLU 是 x·σ(x)，不是 σ(x)：tf.mul(h, tf.sigmoid(h))。",
    },
    "missing-second-bias": {
      title: "没有加 b2",
      advice: "给出 b2 时，在第二次矩阵乘法之后加上它：act(x·W1 + b1)·W2 + b2。",
    },
    "missing-first-bias": {
      title: "没有加 b1",
      advice: "给出 b1 时，在激活之前把它加到 x·W1 上。",
    },
    "activation-after-w2": {
      title: "激活函数用在了 W2 之后",
      advice: "非线性位于两层之间：act(x·W1 + b1)·W2 + b2，整个模块的输出对隐藏层是线性的。",
    },
    "no-argument-check": {
      title: "激活函数未知或 SwiGLU 缺少 w3 时没有报错",
      advice: '计算之前先检查参数：除非 activation 是 "relu"、"gelu"、"gelu-tanh" 或 "swiglu"，否则抛出 Error；"swiglu" 没有 w.w3 时也要抛出。',
    },
  },
} satisfies GraderZh;
