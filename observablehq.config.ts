// Observable Framework configuration. Plain JavaScript syntax on purpose: on Node 20 the
// config is loaded without a TypeScript transform. The sidebar is generated from
// src/data/topics.json, the one list of topics, and graders/registry.json, the one list of
// exercises, which the pages, the home pages, the graders and the tests share.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import katexPlugin from "@vscode/markdown-it-katex";
import katex from "katex";
import { chineseSearchEntries } from "./scripts/cjk-search.js";

const course = JSON.parse(readFileSync(new URL("./src/data/topics.json", import.meta.url), "utf8"));
// Validated with zod by scripts/validate-content.ts before every build; here only read.
const EXERCISES = Object.entries(JSON.parse(readFileSync(new URL("./graders/registry.json", import.meta.url), "utf8")));

const LANG_CHROME = readFileSync(new URL("./scripts/lang-chrome.js", import.meta.url), "utf8");

const pad = (n) => String(n).padStart(2, "0");
const topicPages = (lang) =>
  course.sections.map((section) => ({
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
  // KaTeX's stylesheet and fonts are served from this site (src/_math links into
  // node_modules/katex; scripts/copy-math-fonts.ts puts the fonts beside the built stylesheet).
  // scripts/lang-chrome.js makes the sidebar, search, footer and pager per language.
  head: `<link rel="icon" href="favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/_math/katex.min.css"><script>${LANG_CHROME}</script>`,
  // The Chinese pages are indexed by scripts/cjk-search.js (they say `index: false`), so that
  // a Chinese word finds the pages it occurs in.
  search: { index: () => chineseSearchEntries(fileURLToPath(new URL("./src", import.meta.url))) },
  footer:
    '<span class="footer-en">Transformers from the inside — every claim checkable, every kernel graded.</span><span class="footer-zh">从内部理解 Transformer — 每个论断都可查证，每个算子都有评分。</span> · <a href="/">English</a> · <a href="/zh/">中文</a>',
  pages: [
    // Inside a section, not at the top level: scripts/lang-chrome.js shows each language's
    // sections only on that language's pages, and a top-level link would show on both.
    {
      name: "Exercises",
      collapsible: true,
      open: true,
      pages: [
        { name: "Interview drill", path: "/drill" },
        ...EXERCISES.map(([id, e]) => ({ name: e.nav.en, path: `/exercises/${id}` })),
        { name: "Performance lab", path: "/lab" },
      ],
    },
    ...topicPages("en"),
    {
      name: "中文",
      collapsible: true,
      open: false,
      pages: [
        { name: "首页", path: "/zh/" },
        { name: "面试冲刺", path: "/zh/drill" },
        ...EXERCISES.map(([id, e]) => ({ name: `练习：${e.nav.zh}`, path: `/zh/exercises/${id}` })),
        { name: "性能实验室", path: "/zh/lab" },
      ],
    },
    ...topicPages("zh"),
  ],
  // Math is rendered at build time by KaTeX: HTML laid out with KaTeX's own fonts (Chromium's
  // MathML has no font with ℝ, 𝔼 or stretchy brackets unless one is shipped, and the MATH-table
  // fonts weigh 300–500 KB each), with the MathML beside it for screen readers. The same katex
  // as the stylesheet in src/_math, so markup and CSS never disagree on a version.
  markdownIt: (md) => md.use(katexPlugin.default ?? katexPlugin, { katex, output: "htmlAndMathml" }),
};
