/**
 * The site's search, in both languages: the built index (dist/_observablehq/minisearch.*.json)
 * is loaded with the options Framework's search box uses, and queried the way a learner types.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { searchableText, pageProse, SUFFIX_CHARS } from "../../scripts/cjk-search.js";
import { COURSE_ROOT } from "../helpers.js";

function loadIndex(): MiniSearch {
  const dir = join(COURSE_ROOT, "dist/_observablehq");
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^minisearch\..*\.json$/.test(f)) : undefined;
  if (!file) throw new Error("no search index in dist/: the site was not built");
  const json = readFileSync(join(dir, file), "utf8");
  const { options } = JSON.parse(json) as { options: { fields: string[]; storeFields: string[] } };
  // As in Framework's client/search.js.
  return MiniSearch.loadJSON(json, {
    ...options,
    processTerm: (term: string) =>
      term
        .slice(0, 15)
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase(),
  });
}

const search = (index: MiniSearch, q: string) => index.search(q, { boost: { title: 4, keywords: 4 }, fuzzy: 0.15, prefix: true }).map((r) => String(r.id));

describe("Chinese search terms", () => {
  it("indexes every word inside a clause as the prefix of some term", () => {
    const text = searchableText("缩放点积注意力的分数");
    const terms = text.split(" ");
    for (const word of ["缩放", "点积", "注意力", "分数"])
      expect(
        terms.some((t) => t.startsWith(word)),
        word,
      ).toBe(true);
    expect(Math.max(...terms.map((t) => [...t].length))).toBeLessThanOrEqual(SUFFIX_CHARS);
  });

  it("keeps Latin words and drops code, math and markup", () => {
    const prose = pageProse('---\ntitle: "x"\n---\n<div class="a">用 softmax 归一化</div>\n$$\\frac{a}{b}$$\n```js\nconst hidden = 1;\n```\n[链接](/zh/)');
    expect(prose).toContain("softmax");
    expect(prose).not.toMatch(/hidden|frac|class|title/);
    expect(searchableText(prose)).toContain("链接");
  });
});

describe("the built site's search index", () => {
  const index = loadIndex();

  it("finds Chinese pages by a Chinese word from the middle of a sentence", () => {
    expect(search(index, "掩码")).toContain("/zh/exercises/masking");
    expect(search(index, "雅可比矩阵")).toContain("/zh/topics/26-softmax");
    expect(search(index, "缩放")[0]).toBe("/zh/topics/07-why-scale");
  });

  it("finds the modern-practice topics (34–37) by a Chinese word inside a sentence", () => {
    expect(search(index, "核采样")).toContain("/zh/topics/34-decoding-strategies");
    expect(search(index, "维特比")).toContain("/zh/topics/35-tokenisation");
    expect(search(index, "检查点")).toContain("/zh/topics/36-training-memory");
    expect(search(index, "下溢")).toContain("/zh/topics/37-mixed-precision");
  });

  it("finds the modern-practice topics (34–37) by English words", () => {
    expect(search(index, "nucleus")).toContain("/en/topics/34-decoding-strategies");
    expect(search(index, "WordPiece")).toContain("/en/topics/35-tokenisation");
    expect(search(index, "checkpointing")).toContain("/en/topics/36-training-memory");
    expect(search(index, "bf16")).toContain("/en/topics/37-mixed-precision");
  });

  it("finds English pages by English words", () => {
    expect(search(index, "softmax")).toContain("/en/topics/26-softmax");
    expect(search(index, "saturate")).toContain("/en/topics/07-why-scale");
  });

  it("indexes every topic page in both languages", () => {
    const ids = new Set(search(index, "transformer").concat(...["the", "的"].map((q) => search(index, q))));
    const course = JSON.parse(readFileSync(join(COURSE_ROOT, "src/data/topics.json"), "utf8")) as { topics: { n: number; slug: string }[] };
    for (const t of course.topics) {
      for (const lang of ["en", "zh"]) {
        const path = `/${lang}/topics/${String(t.n).padStart(2, "0")}-${t.slug}`;
        if (existsSync(join(COURSE_ROOT, `src${path}.md`))) expect(ids, path).toContain(path);
      }
    }
  });
});
