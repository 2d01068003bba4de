/** The exercise editor: CodeMirror with TypeScript highlighting, Ctrl/⌘+Enter to run, and a change hook for drafts. */
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { javascript } from "@codemirror/lang-javascript";
import { el } from "../dom.js";

export interface Editor {
  host: HTMLElement;
  code(): string;
  /** Replace the whole text (reset to the starter); fires onChange like typing does. */
  replace(text: string): void;
  destroy(): void;
}

export function createEditor(doc: string, on: { run: () => void; change: (code: string) => void }): Editor {
  const host = el("div", { "data-testid": "exercise-editor", class: "editor" });
  const view = new EditorView({
    doc,
    parent: host,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      // Starters carry long doc comments; wrapping keeps them readable on a narrow screen.
      EditorView.lineWrapping,
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (on.run(), true) }])),
      EditorView.updateListener.of((u) => u.docChanged && on.change(u.state.doc.toString())),
      EditorView.theme({ "&": { fontSize: "13px", maxHeight: "32rem" }, ".cm-scroller": { overflow: "auto" } }),
    ],
  });
  return {
    host,
    code: () => view.state.doc.toString(),
    replace: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    destroy: () => view.destroy(),
  };
}
