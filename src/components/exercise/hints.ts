/** Hints, one at a time: each click reveals the next, and the button says how many are left. */
import { el } from "../dom.js";
import type { STRINGS, Lang } from "../exercise-strings.js";

export function hintBox(hints: string[], t: (typeof STRINGS)[Lang]): HTMLElement {
  const list = el("ol", { class: "hints" });
  const button = el("button", { class: "hint-button" }, t.hint(1, hints.length));
  let shown = 0;
  button.addEventListener("click", () => {
    if (shown >= hints.length) return;
    list.append(el("li", {}, hints[shown++]));
    button.textContent = shown < hints.length ? t.hint(shown + 1, hints.length) : t.noMoreHints;
    button.disabled = shown >= hints.length;
  });
  return el("div", { class: "hint-box" }, button, list);
}
