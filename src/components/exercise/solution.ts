/** "Reveal solution": asks first, loads the reference file on demand, and toggles it. */
import { el } from "../dom.js";
import type { STRINGS, Lang } from "../exercise-strings.js";

export function solutionReveal(loadSolution: () => Promise<string>, t: (typeof STRINGS)[Lang]): { button: HTMLButtonElement; box: HTMLElement } {
  const button = el("button", { "data-testid": "reveal-solution" }, t.reveal);
  const box = el("div", { class: "solution", hidden: "" });
  button.addEventListener("click", async () => {
    if (!box.hidden) {
      box.hidden = true;
      button.textContent = t.reveal;
      return;
    }
    if (!confirm(t.revealConfirm)) return;
    const code = await loadSolution();
    box.replaceChildren(el("pre", {}, el("code", { class: "language-ts" }, code)));
    box.hidden = false;
    button.textContent = t.hide;
  });
  return { button, box };
}
