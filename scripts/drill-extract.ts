/**
 * Pulls a flashcard out of a topic page's Markdown: the interview question, the short
 * answer, and the "precise answer" of the common-vs-precise box cut into sentences (the key
 * points a candidate ticks in a mock interview). Math is rendered to MathML here, at build
 * time, exactly as the site renders it, so the drill page ships no KaTeX.
 */
import MarkdownIt from "markdown-it";
import katexPlugin from "@vscode/markdown-it-katex";

const md = new MarkdownIt({ html: false, linkify: false });
md.use((katexPlugin as unknown as { default?: typeof katexPlugin }).default ?? katexPlugin, { output: "mathml" });

type Lang = "en" | "zh";
const PRECISE_LABEL: Record<Lang, string> = { en: "Precise answer:", zh: "准确说法：" };

export function renderInline(markdown: string): string {
  return md.renderInline(markdown.trim());
}

export function renderFormula(tex: string): string {
  return md.render(`$$\n${tex}\n$$`).trim();
}

/** The Markdown inside `<div class="NAME">…</div>` (the pages put blank lines around it). */
export function divContent(page: string, className: string): string | null {
  const m = new RegExp(`<div class="${className}"[^>]*>([\\s\\S]*?)</div>`).exec(page);
  return m ? m[1].trim() : null;
}

/** "**Short answer.** It depends…" → "It depends…". */
export function stripLeadLabel(text: string): string {
  return text.replace(/^\*\*[^*]+\*\*\s*/, "").trim();
}

/** The text of the erratum bullet that starts with the language's "Precise answer" label. */
export function preciseAnswer(erratum: string, lang: Lang): string | null {
  const label = PRECISE_LABEL[lang];
  const lines = erratum.split("\n");
  const start = lines.findIndex((l) => l.replace(/^-\s*/, "").startsWith(`**${label}**`));
  if (start < 0) return null;
  const body = [lines[start].replace(/^-\s*/, "").slice(label.length + 4)];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "" || /^-\s/.test(line)) break;
    body.push(line);
  }
  return body.join(" ").trim();
}

// Abbreviations after which a full stop does not end an English sentence.
const ABBREVIATIONS = /(?:\bal|\be\.g|\bi\.e|\bvs|\bcf|\bEq|\bFig|\bSec|\bapprox)\.$/;

/** Sentences, never cutting inside inline math or code. */
export function sentences(text: string, lang: Lang): string[] {
  const spans: string[] = [];
  const masked = text.replace(/\$[^$]+\$|`[^`]+`/g, (m) => `\u0000${spans.push(m) - 1}\u0000`);
  const restore = (s: string) => s.replace(/\u0000(\d+)\u0000/g, (_, i) => spans[Number(i)]);
  const out: string[] = [];
  if (lang === "zh") {
    for (const m of masked.matchAll(/[^。！？]+[。！？]?/g)) if (m[0].trim()) out.push(m[0].trim());
  } else {
    let current = "";
    for (const piece of masked.split(/(?<=[.!?])\s+(?=[A-Z\u0000(*"])/)) {
      current = current ? `${current} ${piece}` : piece;
      if (!ABBREVIATIONS.test(current)) {
        out.push(current);
        current = "";
      }
    }
    if (current) out.push(current);
  }
  return out.map(restore);
}

export interface TopicCardText {
  question: string;
  short: string;
  points: string[];
}

/** A topic page → its card's text as HTML. Throws, naming the file, when a part is missing. */
export function extractTopicCard(page: string, lang: Lang, file: string): TopicCardText {
  const question = divContent(page, "question");
  const short = divContent(page, "short-answer");
  if (!question) throw new Error(`${file}: no <div class="question">`);
  if (!short) throw new Error(`${file}: no <div class="short-answer">`);
  const erratum = divContent(page, "erratum");
  const precise = erratum ? preciseAnswer(erratum, lang) : null;
  // A page without a common-vs-precise box: its short answer's sentences are the key points.
  const points = sentences(precise ?? stripLeadLabel(short), lang);
  return {
    question: renderInline(stripLeadLabel(question)),
    short: renderInline(stripLeadLabel(short)),
    points: points.map(renderInline),
  };
}
