/**
 * npm run bench:browser — the browser figures, on the built site (run `npm run build` first):
 *  - per exercise, cold time-to-verdict: navigation → first verdict of the reference
 *    solution, including page load, the grading worker's download and WebGPU backend start;
 *  - warm time-to-verdict: a second Run on the same page;
 *  - the JavaScript bytes a topic page (no exercise, no tfjs), the drill page before a coding
 *    drill starts (no tfjs; budget 200 KiB gzipped) and an exercise page load.
 * In headless Chromium with WebGPU on SwiftShader (CPU) unless a GPU is present.
 * READ_MS=<ms> makes one edit (a space typed and deleted) and waits that long before the
 * first Run, as a learner working on the exercise does: the engine loads on the first edit,
 * and the worker compiles the reference solution's GPU programs meanwhile, so the cold
 * figure then shows a first run that finds them compiled (issue 14).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { EXERCISE_IDS } from "../graders/contract.js";
import { COURSE_ROOT, solutionFile } from "../graders/paths.js";
import { launch } from "../tests/e2e/browser.js";
import { contextWithDraft } from "../tests/e2e/exercise-page.js";
import { serve } from "../tests/e2e/serve.js";

const dist = join(COURSE_ROOT, "dist");
if (!existsSync(join(dist, "index.html"))) {
  console.error("No built site in dist/: run `npm run build` first.");
  process.exit(1);
}
const REPEAT = Number(process.env.REPEAT ?? 2);
const READ_MS = Number(process.env.READ_MS ?? 0);
const { server, url } = await serve(dist);
const browser = await launch();

async function jsBytes(path: string): Promise<{ bytes: number; gzipped: number; files: number; tfjs: boolean }> {
  const page = await browser.newPage();
  let bytes = 0;
  let gzipped = 0;
  let files = 0;
  let tfjs = false;
  page.on("response", async (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (!type.includes("javascript")) return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    bytes += body.length;
    gzipped += gzipSync(body).length; // what a server with compression sends
    files++;
    if (/tfjs|tensorflow|grader-worker/.test(res.url())) tfjs = true; // the worker bundles tfjs
  });
  await page.goto(`${url}${path}`, { waitUntil: "networkidle" });
  await page.close();
  return { bytes, gzipped, files, tfjs };
}

async function verdict(id: string) {
  const solution = readFileSync(solutionFile(id), "utf8");
  const cold: number[] = [];
  const warm: number[] = [];
  let backend = "";
  for (let i = 0; i < REPEAT; i++) {
    const context = await contextWithDraft(browser, id, solution);
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${url}/exercises/${id}`);
    if (READ_MS > 0) {
      await page.click('[data-testid="exercise-editor"] .cm-content');
      await page.keyboard.press("ControlOrMeta+End");
      await page.keyboard.type(" ");
      await page.keyboard.press("Backspace");
      await page.waitForTimeout(READ_MS);
    }
    await page.click('[data-testid="run-button"]');
    await page.waitForFunction(
      () => ["pass", "fail", "error", "timeout"].includes(document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") ?? ""),
      null,
      { timeout: 300_000 },
    );
    cold.push(Date.now() - t0);
    const status = await page.getAttribute('[data-testid="verdict"]', "data-status");
    if (status !== "pass") throw new Error(`${id}: the reference solution did not pass in the browser (${status})`);
    backend = (await page.textContent('[data-testid="backend-badge"]')) ?? "";
    // The status is reset first, so a verdict faster than a poll cannot be missed (waiting
    // to see "running" added its 10 s timeout to the fastest exercises' warm figures).
    await page.evaluate(() => document.querySelector('[data-testid="verdict"]')?.setAttribute("data-status", "idle"));
    const t1 = Date.now();
    await page.click('[data-testid="run-button"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") === "pass", null, { timeout: 300_000 });
    warm.push(Date.now() - t1);
    await context.close();
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { id, cold: med(cold), warm: med(warm), backend };
}

const topicPage = existsSync(join(dist, "en/topics/07-why-scale.html")) ? "/en/topics/07-why-scale" : "/";
const home = await jsBytes("/");
const light = await jsBytes(topicPage);
const drill = await jsBytes("/drill");
const heavy = await jsBytes("/exercises/attention");
const rows = [];
for (const id of EXERCISE_IDS) rows.push(await verdict(id));
await browser.close();
server.close();

console.log(`Browser figures (headless Chromium; median of ${REPEAT}${READ_MS ? `; first Run ${READ_MS} ms after navigation, included in cold` : ""})\n`);
console.log("exercise    cold time-to-verdict   warm time-to-verdict   backend");
for (const r of rows) console.log(`${r.id.padEnd(11)} ${`${r.cold} ms`.padEnd(22)} ${`${r.warm} ms`.padEnd(22)} ${r.backend}`);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const line = (what: string, r: Awaited<ReturnType<typeof jsBytes>>) =>
  console.log(`JavaScript loaded by ${what}: ${kb(r.bytes)} (${kb(r.gzipped)} gzipped) in ${r.files} files; tfjs: ${r.tfjs ? "yes" : "no"}`);
console.log("");
line("the home page", home);
line(`${topicPage} (a topic page with a visual)`, light);
line("/drill (before a coding drill starts; budget 200 KiB gzipped)", drill);
line("/exercises/attention (with the grading worker)", heavy);
