/**
 * Chinese pages speak Chinese (issue 13): the sidebar shows only the Chinese sections, and
 * the search box, "Contents", the pager, the footer and the exercise widget's controls have
 * no English interface text. English pages, likewise, show only the English sidebar.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";

/** Words allowed on a Chinese page: names, not interface text. */
const NAMES =
  /\b(Transformers?|English|WebGPU|webgpu|webgl|cpu|SwiftShader|Ctrl|Enter|TensorFlow\.js|JSON|RoPE|LayerNorm|FFN|softmax|Softmax|MHA|Post-LN|Pre-LN|BERT|GPT|ViT|Adam|KV|MoE|FLOPs?|LLaMA|GQA|MQA|dropout|ReLU|GELU|SwiGLU|RMSNorm|warmup|tokens?|BPE|FlashAttention|Chinchilla|Noam|µP|He|Xavier|BatchNorm|Dropout|Scaling Laws?|top-[kp]|WordPiece|Unigram|ALiBi|YaRN|NTK|fp8|fp16|bf16|seq2seq)\b/gi;
const english = (text: string) => (text.replace(NAMES, "").match(/[A-Za-z]{3,}(?:\s+[A-Za-z]{3,})*/g) ?? []).filter((w) => !/^[A-Z]{2,}$/.test(w));

async function chrome(page: Page) {
  return page.evaluate(() => {
    const visible = (sel: string) => (document.querySelector(sel) as HTMLElement | null)?.innerText ?? "";
    const before = (sel: string) => {
      const e = document.querySelector(sel);
      return e ? getComputedStyle(e, "::before").content.replace(/^"|"$/g, "") : "";
    };
    const sidebar = document.querySelector("#observablehq-sidebar") as HTMLElement;
    const sections = [...sidebar.querySelectorAll("[data-section-lang]")].filter((s) => getComputedStyle(s).display !== "none");
    return {
      sidebar: `${sections.map((s) => (s as HTMLElement).textContent ?? "").join("\n")}\n${sidebar.querySelector("ol a")?.textContent ?? ""}`,
      shownLangs: [...new Set(sections.map((s) => (s as HTMLElement).dataset.sectionLang))],
      search: (document.querySelector("#observablehq-search input") as HTMLInputElement | null)?.placeholder ?? "",
      toc: document.querySelector("#observablehq-toc nav > div") ? before("#observablehq-toc nav > div") : "",
      pager: [before("#observablehq-footer nav a[rel=prev]"), before("#observablehq-footer nav a[rel=next]")].join(" "),
      footer: visible("#observablehq-footer > div"),
    };
  });
}

describe.skipIf(!hasChromium)(browserSuite("Chinese pages show no English interface text"), () => {
  const site = siteInBrowser();

  for (const path of ["/zh/", "/zh/topics/07-why-scale", "/zh/exercises/softmax"]) {
    it(`${path}: sidebar, search, Contents, pager and footer are Chinese`, async () => {
      const page = await site.browser.newPage();
      try {
        await page.goto(site.base + path);
        await page.waitForSelector("#observablehq-sidebar [data-section-lang]", { state: "attached" });
        const c = await chrome(page);
        expect(c.shownLangs).toEqual(["zh"]);
        for (const [part, text] of Object.entries(c)) {
          if (part === "shownLangs") continue;
          expect(english(String(text)), `${part}: ${text}`).toEqual([]);
        }
        expect(c.search).toBe("搜索");
        expect(c.footer).toMatch(/从内部理解/);
        if (path.includes("topics")) {
          expect(c.toc).toBe("目录");
          expect(c.pager).toMatch(/上一页|下一页/);
        }
      } finally {
        await page.close();
      }
    });
  }

  it("the exercise widget's controls and last-run line are Chinese on /zh/exercises/softmax", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.base}/zh/exercises/softmax`);
      await page.evaluate(() =>
        localStorage.setItem(
          "transformer-course:v1:exercise:softmax",
          JSON.stringify({ draft: "x", updatedAt: 1, lastResult: { verdict: "fail", score: 1, maxScore: 9, backend: "cpu", at: 1 } }),
        ),
      );
      await page.reload();
      await page.waitForSelector(".exercise-widget .toolbar");
      const controls = await page.evaluate(() =>
        [...document.querySelectorAll(".exercise-widget button, .exercise-widget .save-status, .exercise-widget .notice")]
          .map((e) => (e as HTMLElement).innerText)
          .join("\n"),
      );
      expect(english(controls), controls).toEqual([]);
      expect(controls).toMatch(/上次运行：未通过/);
    } finally {
      await page.close();
    }
  });

  it("a wrong file run on /zh/exercises/softmax gets its report in Chinese, with the same bug named", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.base}/zh/exercises/softmax`);
      await page.click('[data-testid="exercise-editor"] .cm-content');
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(readFileSync(join(COURSE_ROOT, "graders/softmax/bank/wrong-no-max-shift.ts"), "utf8"));
      await page.click('[data-testid="run-button"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") === "fail", null, { timeout: 120_000 });
      const report = await page.evaluate(() => ({
        verdict: (document.querySelector('[data-testid="verdict"]') as HTMLElement).innerText,
        rows: [...document.querySelectorAll('[data-testid="check-row"]')].map((r) => (r as HTMLElement).innerText.replace(/^\S+\s+\S+/, "")),
        bugs: [...document.querySelectorAll(".check-diagnosis")].map((d) => (d as HTMLElement).dataset.bug),
      }));
      expect(report.bugs).toContain("no-max-shift");
      const text = [report.verdict, ...report.rows].join("\n");
      expect(text).toMatch(/可能的错误：没有减去最大值/);
      // No English phrase (three words in a row): identifiers, shapes and ids are single words.
      expect(text.match(/(?<![\w.-])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![\w(])/g) ?? [], text).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("an English page shows only the English sidebar, and its search lists English results first", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.base}/en/topics/07-why-scale`);
      await page.waitForSelector("#observablehq-sidebar [data-section-lang]", { state: "attached" });
      expect((await chrome(page)).shownLangs).toEqual(["en"]);
      await page.fill("#observablehq-search input", "softmax");
      await page.waitForSelector("#observablehq-search-results ol li");
      const hrefs = await page.evaluate(() =>
        [...document.querySelectorAll("#observablehq-search-results ol li a")].map((a) => new URL((a as HTMLAnchorElement).href).pathname),
      );
      const firstZh = hrefs.findIndex((h) => h.startsWith("/zh/"));
      const lastEn = hrefs.map((h) => !h.startsWith("/zh/")).lastIndexOf(true);
      expect(hrefs.length).toBeGreaterThan(2);
      if (firstZh >= 0) expect(lastEn).toBeLessThan(firstZh);
    } finally {
      await page.close();
    }
  });
});
