// Observable Framework configuration. Plain JavaScript syntax on purpose: on Node 20 the
// config is loaded without a TypeScript transform. The sidebar is generated from
// src/data/topics.json, the one list of topics that the pages, the home page and the tests share.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import katexPlugin from "@vscode/markdown-it-katex";
import { chineseSearchEntries } from "./scripts/cjk-search.js";

const course = JSON.parse(readFileSync(new URL("./src/data/topics.json", import.meta.url), "utf8"));
const EXERCISES = [
  ["softmax", "Softmax", "softmax"],
  ["masking", "Masking", "掩码"],
  ["attention", "Attention", "注意力"],
  ["mha", "Multi-head attention", "多头注意力"],
  ["rope", "RoPE", "旋转位置编码"],
];

const pad = (n) => String(n).padStart(2, "0");
const topicPages = (lang) =>
  course.sections
    .map((section) => ({
      name: lang === "en" ? section.title.en : section.title.zh,
      collapsible: true,
      open: lang === "en",
      pages: course.topics
        .filter((t) => t.section === section.id)
        .map((t) => ({ name: `${t.n}. ${t.title[lang]}`, path: `/${lang}/topics/${pad(t.n)}-${t.slug}` })),
    }));

export default {
  title: "Transformers from the inside",
  root: "src",
  // No Google Fonts (blocked for many learners, and offline): the theme's CSS only.
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  // The Chinese pages are indexed by scripts/cjk-search.js (they say `index: false`), so that
  // a Chinese word finds the pages it occurs in.
  search: { index: () => chineseSearchEntries(fileURLToPath(new URL("./src", import.meta.url))) },
  footer: "Transformers from the inside — every claim checkable, every kernel graded. · <a href=\"/\">English</a> · <a href=\"/zh/\">中文</a>",
  pages: [
    { name: "Interview drill", path: "/drill" },
    { name: "Exercises", collapsible: true, open: true, pages: EXERCISES.map(([id, en]) => ({ name: en, path: `/exercises/${id}` })) },
    ...topicPages("en"),
    { name: "中文", collapsible: true, open: false, pages: [{ name: "首页", path: "/zh/" }, { name: "面试冲刺", path: "/zh/drill" }, ...EXERCISES.map(([id, , zh]) => ({ name: `练习：${zh}`, path: `/zh/exercises/${id}` }))] },
    ...topicPages("zh"),
  ],
  // Math is rendered at build time to MathML: no KaTeX CSS or fonts to ship, no CDN.
  markdownIt: (md) => md.use(katexPlugin.default ?? katexPlugin, { output: "mathml" }),
};
