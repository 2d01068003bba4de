/** Chinese texts of the positional grader ("Sinusoidal positional encoding"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    default: "sinusoidalEncoding(6, 8)：交错布局，从位置 0 开始",
    concat: 'sinusoidalEncoding(5, 8, { layout: "concat" })',
    offset: "sinusoidalEncoding(4, 6, { offset: 10 })",
    "concat-offset": 'sinusoidalEncoding(3, 12, { offset: 2, layout: "concat" })',
    "one-pair": "sinusoidalEncoding(5, 2)：只有一对 (sin, cos)",
    "large-positions": "位置 3000–3003，dModel 16",
    "odd-dmodel": "sinusoidalEncoding(4, 7) 必须抛出错误（dModel 为奇数）",
    "hidden-interleaved": "sinusoidalEncoding(7, 10, { offset: 5 })",
    "hidden-concat": 'sinusoidalEncoding(6, 4, { layout: "concat" })',
  },
  properties: {
    "offset-continues": "offset 为 o + 5 的表等于 offset 为 o 的更长的表从第 5 行起的各行",
  },
  bugs: {
    "exponent-i-over-d": {
      title: "ω_i = 10000^(−i/d) 而不是 10000^(−2i/d)",
      advice: "第 i 对的 ω_i = 10000^(−2i/dModel)：在 d/2 对上，波长从 2π 一直延伸到约 2π·10000。用 i/d 的话只到 2π·100。",
    },
    "exponent-column-index": {
      title: "指数用的是每一列自己的索引，导致同一对的 sin 和 cos 频率不同",
      advice: "第 i 对的两列共用 ω_i = 10000^(−2i/dModel)；在交错布局中，2i 是正弦列的索引，余弦列 2i + 1 也使用同一个 2i。",
    },
    "sin-cos-swapped": {
      title: "sin 和 cos 弄反了",
      advice: '每一对的第一列（偶数列，或 "concat" 中的前一半）是正弦；因此位置 0 是 (0, 1, 0, 1, …)。',
    },
    "layouts-swapped": {
      title: "两种布局弄混了",
      advice: '"interleaved"（默认）是 [sin ω₀p, cos ω₀p, sin ω₁p, …]，即论文中的 PE(p, 2i)、PE(p, 2i+1)；"concat" 先放所有正弦，再放所有余弦。',
    },
    "positions-from-one": {
      title: "位置从 1 开始计数",
      advice: "第 t 行是位置 offset + t：默认表的第一行是位置 0，sin 0 = 0，cos 0 = 1。",
    },
    "offset-ignored": {
      title: "忽略了 offset",
      advice: "options.offset 会移动每一行：使用 KV 缓存时，新词元从缓存结束的地方继续。",
    },
    "no-odd-check": {
      title: "dModel 为奇数时没有报错",
      advice: "编码由 (sin, cos) 对组成：dModel 为奇数时抛出 Error。",
    },
  },
} satisfies GraderZh;
