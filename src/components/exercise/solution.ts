/**
 * "Reveal solution": asks first, loads the reference file on demand, and toggles it. The
 * code is shown highlighted and wrapped in a read-only editor with the same colours as the
 * learner's, with a copy button.
 */
import { EditorView } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { javascript } from "@codemirror/lang-javascript";
import { el } from "../dom.js";
import type { STRINGS, Lang } from "../exercise-strings.js";
import { courseEditorTheme } from "./editor-theme.js";

type Words = (typeof STRINGS)[Lang];

function readOnlyCode(code: string): HTMLElement {
  const host = el("div", { class: "editor solution-code", "data-testid": "solution-code" });
  new EditorView({
    parent: host,
    state: EditorState.create({
      doc: code,
      extensions: [javascript({ typescript: true }), courseEditorTheme, EditorView.lineWrapping, EditorState.readOnly.of(true), EditorView.editable.of(false)],
    }),
  });
  return host;
}

function copyButton(code: string, t: Words): HTMLButtonElement {
  const button = el("button", { class: "copy", "data-testid": "copy-solution" }, t.copy);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(code);
      button.textContent = t.copied;
    } catch {
      button.textContent = t.copyFailed;
    }
    setTimeout(() => (button.textContent = t.copy), 2000);
  });
  return button;
}

export function solutionReveal(loadSolution: () => Promise<string>, t: Words): { button: HTMLButtonElement; box: HTMLElement } {
  const button = el("button", { "data-testid": "reveal-solution" }, t.reveal);
  const box = el("div", { class: "solution", hidden: "" });
  button.addEventListener("click", async () => {
    if (!box.hidden) {
      box.hidden = true;
      button.textContent = t.reveal;
      return;
    }
    if (!confirm(t.revealConfirm)) return;
    if (!box.firstChild) {
      const code = await loadSolution();
      box.replaceChildren(el("div", { class: "toolbar" }, copyButton(code, t)), readOnlyCode(code));
    }
    box.hidden = false;
    button.textContent = t.hide;
  });
  return { button, box };
}
