/** Chinese texts of the rope grader ("Rotary position embeddings"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    frequencies: "ropeFrequencies(8)",
    "frequencies-base": "ropeFrequencies(6, 500)",
    "frequencies-odd": "ropeFrequencies(5) 必须抛出错误",
    interleaved: "x [2, 5, 8]，默认选项（交错配对，offset 0）",
    half: "x [2, 5, 8]，按两半配对",
    offset: "x [1, 4, 6]，offset 为 3（KV 缓存的续写）",
    "other-base": "秩 2 的 x [6, 4]，base 500，按两半配对",
    rank4: "秩 4 的 x [2, 2, 3, 4]，按两半配对，offset 1",
    "large-positions": "位置 3000–3003，dim 16",
    "odd-dim": "最后一维为奇数的 x 必须抛出错误",
  },
  properties: {
    "norm-preserving": "旋转保持每一行的范数",
    "identity-at-zero": "位置 0 保持不变",
    "relative-position": "⟨R_m q, R_n k⟩ 只依赖于 n − m",
  },
  bugs: {
    "ropeFrequencies/wrong-frequency-exponent": {
      title: "θ_i = base^(−i/d) 而不是 base^(−2i/d)",
      advice: "（共 d/2 对中的）第 i 对的 θ_i = base^(−2i/d)，因此频率从 1 递减到约 1/base。",
    },
    "ropeFrequencies/ignores-base": {
      title: "忽略了 base 参数",
      advice: "使用传入的 base（10000 只是默认值）；长上下文模型会调大它。",
    },
    "ropeFrequencies/no-odd-dim-error": {
      title: "维度为奇数时没有报错",
      advice: "RoPE 旋转的是成对的分量：dim 为奇数时抛出 Error。",
    },
    "same-angle-all-pairs": {
      title: "每一对都旋转了相同的角度",
      advice:
        "每一对 i 都有自己的频率 θ_i = base^(−2i/d)：旋转快的分量对区分相近的位置，旋转慢的区分相距较远的位置。所有分量对共用一个角度就失去了这种多尺度编码。",
    },
    "swapped-style": {
      title: "两种配对方式弄反了",
      advice:
        '"interleaved" 把 (x[2i], x[2i+1]) 配对，与 RoFormer 和 GPT-J 相同；"half" 把 (x[i], x[i + d/2]) 配对，与 GPT-NeoX 和 LLaMA 的 Hugging Face 代码相同。',
    },
    "applyRope/wrong-frequency-exponent": {
      title: "θ_i = base^(−i/d) 而不是 base^(−2i/d)",
      advice: "第 i 对的 θ_i = base^(−2i/d)。",
    },
    "ignores-offset": {
      title: "忽略了 offset",
      advice: "第 t 行位于位置 offset + t：使用 KV 缓存时，新词元从缓存结束的地方继续。",
    },
    "offset-minus-one": {
      title: "第 t 行被放在了位置 offset − 1 + t",
      advice:
        "offset 是本次调用之前的位置数（缓存长度），所以第一个新行就在位置 offset 本身，而不是 offset − 1。offset 为 1 时这看起来像忽略了 offset；offset 为 3 的用例能把两者区分开。",
    },
    "positions-from-one": {
      title: "位置从 1 开始计数",
      advice: "第一行是位置 offset + 0；位置 0 完全不旋转。",
    },
    "rotation-sign-flipped": {
      title: "旋转方向反了",
      advice: "(a, b) → (a cos φ − b sin φ, a sin φ + b cos φ)。符号反了仍然保持范数和相对位置，但那不是论文发表的 RoPE，也无法匹配预训练的权重。",
    },
    "applyRope/ignores-base": {
      title: "忽略了 base 选项",
      advice: "给出 options.base 时使用它（默认 10000）。",
    },
    "applyRope/no-odd-dim-error": {
      title: "最后一维为奇数时没有报错",
      advice: "RoPE 旋转的是成对的分量：最后一维为奇数时抛出 Error。",
    },
  },
} satisfies GraderZh;
