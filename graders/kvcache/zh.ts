/** Chinese texts of the kvcache grader ("Decoding with a KV cache"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    prefill: "预填充：把 4 个词元放入空缓存（t = 0），2 个头，有偏置，无 RoPE",
    "prefill-rope": "带 RoPE 的预填充：把 5 个词元放入空缓存，无偏置",
    "one-token-rope": "在 t = 5 的缓存之后加入一个新词元，RoPE（交错）位于位置 5",
    "chunk-rope-half": "在 t = 3 的缓存之后加入 3 个新词元，4 个头，RoPE 按两半配对，base 500",
    "chunk-no-options": "在 t = 2 的缓存之后加入 2 个新词元，省略 options",
  },
  properties: {
    "token-by-token": "从空缓存开始逐个词元解码提示，得到的行和缓存与预填充相同",
    "no-future": "新词元的输出不依赖它之后的新词元",
  },
  bugs: {
    "attends-to-future": {
      title: "新词元看到了它之后的新词元",
      advice: "有 n > 1 个新词元时，这一步在它们之间也是因果的：新词元 i（位置 t + i）只能看到键 0 … t + i。请对 [n, t + n] 的分数加掩码。",
    },
    "rope-offset-ignored": {
      title: "RoPE 在位置 0 … n−1 而不是 t … t+n−1 上旋转新词元",
      advice: "缓存保存的是位置 0 … t−1，所以新行从 offset t = cache.k.shape[2] 继续。从 0 开始旋转会让每个新词元都像是文本的开头。",
    },
    "rope-on-values": {
      title: "RoPE 也作用在了值上",
      advice: "RoPE 只旋转查询和键，使它们的点积依赖于相对位置；值按原样混合。",
    },
    "cache-not-grown": {
      title: "返回的缓存只包含新的键和值",
      advice: "返回这一步之后的完整缓存 [b, h, t + n, d_h]：旧条目后接新条目，这样下一步才能关注它之前的所有内容。",
    },
    "cache-wrong-axis": {
      title: "缓存沿错误的轴或以错误的布局增长",
      advice: "缓存是 [b, h, t, d_h]：沿轴 2（序列）追加新的键和值，保持多头拆分：tf.concat([cache.k, k], 2)。tf.concat 的默认轴是 0。",
    },
    "cache-unrotated-keys": {
      title: "缓存中存的是 RoPE 之前的键",
      advice: "把键在各自的位置旋转之后再存：缓存中的键不会再改变，所以每一步只旋转它的新键（offset 为 t），旧键按原样读取。",
    },
  },
} satisfies GraderZh;
