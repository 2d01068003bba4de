/**
 * Interview mode on a topic page: a remembered toggle that covers the short answer and the
 * "common vs precise" box until the reader asks to see each one, so that the question can
 * be answered out loud first.
 */
import * as progress from "./progress.js";
import { DEFAULT_NEW_PER_DAY } from "./drill/deck.js";

type Lang = "en" | "zh";
const T = {
  en: { toggle: "Interview mode: cover the answers until I ask", showShort: "Show the short answer", showErratum: "Show the common vs. precise answer" },
  zh: { toggle: "面试模式：先遮住答案，需要时再显示", showShort: "显示简短回答", showErratum: "显示常见说法与准确说法" },
} as const;

function isOn(): boolean {
  return progress.read("drill", "settings")?.interviewMode ?? false;
}

function remember(on: boolean): void {
  progress.update("drill", "settings", (old) => ({ newPerDay: old?.newPerDay ?? DEFAULT_NEW_PER_DAY, interviewMode: on }));
}

function cover(block: HTMLElement, label: string): void {
  const show = document.createElement("button");
  show.type = "button";
  show.className = "interview-reveal";
  show.dataset.testid = "interview-reveal";
  show.textContent = label;
  show.addEventListener("click", () => uncover(block));
  block.dataset.covered = "true";
  block.prepend(show);
}

function uncover(block: HTMLElement): void {
  block.dataset.covered = "false";
  block.querySelector(":scope > .interview-reveal")?.remove();
}

/** Adds the toggle above the topic's question and applies the remembered setting. */
export function interviewMode(topic: HTMLElement, lang: Lang): void {
  const t = T[lang];
  const blocks = [...topic.querySelectorAll<HTMLElement>(".short-answer, .erratum")];
  for (const b of blocks) if (b.classList.contains("short-answer")) b.dataset.testid = "short-answer";
  const input = document.createElement("input");
  input.type = "checkbox";
  input.dataset.testid = "interview-mode-toggle";
  const label = document.createElement("label");
  label.className = "interview-toggle";
  label.append(input, ` ${t.toggle}`);
  const apply = (on: boolean) => {
    input.checked = on;
    for (const b of blocks) {
      uncover(b);
      if (on) cover(b, b.classList.contains("short-answer") ? t.showShort : t.showErratum);
    }
  };
  input.addEventListener("change", () => {
    remember(input.checked);
    apply(input.checked);
  });
  (topic.querySelector(".question") ?? topic.firstElementChild)?.before(label);
  apply(isOn());
}
