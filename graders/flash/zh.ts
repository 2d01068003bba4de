/** Chinese texts of the flash grader ("Tiled attention with an online softmax (FlashAttention)"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    "rising-maxima": "Lq = 8，Lk = 32 分成 4 块、每块 8 个，分数逐块升高",
    "ragged-rank4": "秩 4 [1, 2, ·, ·]，Lk = 19，每块 4 个（最后一块有 3 个键）",
    causal: "因果，L = 12，每块 4 个",
    "causal-ragged": "因果，L = 10，每块 3 个（最后一块有 1 个键）",
    "one-block": "blockSize 16 ≥ Lk = 6：只有一块，即普通注意力",
    "causal-lengths-differ": "因果且 Lq = 4、Lk = 6 时必须抛出错误",
  },
  properties: {
    "no-full-score-matrix": "任何时候都不持有 B·Lq·Lk 个元素的张量（Lk = 4·blockSize）",
    causal: "设置 causal 时，位置 t 的输出不依赖 t 之后的键和值",
  },
  bugs: {
    "no-rescale": {
      title: "最大值增大时没有重新缩放累加和与输出",
      advice: "你累加的所有值都是按 exp(s − m_old) 计算的。当某一块把最大值提高到 m_new 时，先把累加和与累加输出乘以 exp(m_old − m_new)，再加上这一块的项。",
    },
    "causal-diagonal-unmasked": {
      title: "因果：起点不晚于查询的块被整块使用，包括未来的键",
      advice: "跳过起点在查询 i 之后的块只完成了一半：对角线上的块仍然包含 i 之后的键。在该块内屏蔽键 j > i。",
    },
    "causal-diagonal-skipped": {
      title: "因果：跳过了对角线上的块",
      advice: "查询 i 能看到键 0 … i，包括它自己：包含键 i 的块必须处理（屏蔽 i 之后的部分），而不是与它之后的块一起跳过。",
    },
    "ignores-causal": {
      title: "忽略了 causal 选项",
      advice: "causal: true 时，查询 i 只能看到键 0 … i。",
    },
    "drops-last-block": {
      title: "丢掉了最后那个较短的键块",
      advice: "Lk 不一定是 blockSize 的倍数：在 start < Lk 时继续循环，最后一块取 min(blockSize, Lk − start) 个键。",
    },
    "no-causal-length-check": {
      title: "Lq ≠ Lk 的因果注意力没有报错",
      advice: '因果掩码 "键 j ≤ 查询 i" 假定查询和键共享位置：causal 为 true 且 Lq ≠ Lk 时抛出 Error。',
    },
  },
} satisfies GraderZh;
