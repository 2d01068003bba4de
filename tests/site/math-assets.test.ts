/**
 * Math is KaTeX's HTML, drawn with KaTeX's fonts: the built site serves the stylesheet and every
 * font it names from dist/ (no CDN), every topic page with math links that stylesheet, and no
 * formula failed to render.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { CourseData, topicFile } from "../../src/components/topics-schema.js";
import { COURSE_ROOT } from "../helpers.js";

const dist = join(COURSE_ROOT, "dist");
const mathDir = join(dist, "_file/_math");
const course = CourseData.parse(JSON.parse(readFileSync(join(COURSE_ROOT, "src/data/topics.json"), "utf8")));
const builtPage = (lang: "en" | "zh", n: number) => {
  const t = course.topics.find((x) => x.n === n);
  if (!t) throw new Error(`no topic ${n}`);
  return join(
    dist,
    topicFile(lang, t)
      .replace(/^src\//, "")
      .replace(/\.md$/, ".html"),
  );
};
const stylesheetOf = (page: string) => {
  const href = /<link rel="stylesheet" href="([^"]*_file\/_math\/katex\.min\.[0-9a-f]+\.css)">/.exec(readFileSync(page, "utf8"))?.[1];
  return href === undefined ? undefined : join(dirname(page), href);
};

describe("math rendering assets", () => {
  it("every topic page, in both languages, links the local KaTeX stylesheet and has no unrendered formula", () => {
    for (const t of course.topics) {
      for (const lang of ["en", "zh"] as const) {
        const page = builtPage(lang, t.n);
        const html = readFileSync(page, "utf8");
        const css = stylesheetOf(page);
        expect(css, `${relative(dist, page)} links no local KaTeX stylesheet`).toBeDefined();
        expect(existsSync(css as string), `${relative(dist, page)} links a missing ${css}`).toBe(true);
        expect(html, `${relative(dist, page)} has a KaTeX parse error`).not.toContain("katex-error");
      }
    }
  });

  it("serves every font the stylesheet names, as woff2, beside it", () => {
    const css = stylesheetOf(builtPage("en", 7)) as string;
    const text = readFileSync(css, "utf8");
    expect(text).not.toMatch(/url\((["']?)(https?:)?\/\//);
    const woff2 = [...text.matchAll(/url\((fonts\/[\w-]+\.woff2)\)/g)].map((m) => m[1]);
    // ℝ and 𝔼 (AMS), the italic letters (Math) and stretchy brackets (Size1–4) at least.
    for (const family of ["AMS-Regular", "Main-Regular", "Math-Italic", "Size1-Regular", "Size4-Regular"])
      expect(woff2).toContain(`fonts/KaTeX_${family}.woff2`);
    for (const font of woff2) {
      const file = join(mathDir, font);
      expect(existsSync(file), `${font} is named by the stylesheet but not served`).toBe(true);
      expect(readFileSync(file).subarray(0, 4).toString("latin1"), font).toBe("wOF2");
    }
  });

  it("draws ℝ, 𝔼 and bracketed matrices with KaTeX's fonts, not as plain letters", () => {
    const why = readFileSync(builtPage("en", 7), "utf8");
    // \mathbb renders as AMS glyphs; the MathML beside it keeps the real characters for screen readers.
    expect(why).toMatch(/<span class="mord mathbb">R<\/span>/);
    expect(why).toMatch(/<span class="mord mathbb">E<\/span>/);
    expect(why).toContain('<mi mathvariant="double-struck">R</mi>');
    const steps = readFileSync(builtPage("en", 24), "utf8");
    // A 3-row bmatrix needs a bracket taller than one line: KaTeX builds it from the Size fonts.
    expect(steps).toMatch(/delimsizing (size\d|mult)/);
  });
});
