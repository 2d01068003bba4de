/**
 * The exercise editor: CodeMirror with TypeScript highlighting in the site's theme,
 * Ctrl/⌘+Enter to run, a change hook for drafts, a marker for a load error, and the first
 * function's body scrolled into view when it opens.
 */
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { type EditorState, Prec } from "@codemirror/state";
import { ensureSyntaxTree } from "@codemirror/language";
import { setDiagnostics } from "@codemirror/lint";
import { javascript } from "@codemirror/lang-javascript";
import { el } from "../dom.js";
import { courseEditorTheme } from "./editor-theme.js";

export interface Position {
  line: number;
  column: number;
}

export interface Editor {
  host: HTMLElement;
  code(): string;
  /** Replace the whole text (reset to the starter, an imported draft); fires onChange like typing does. */
  replace(text: string): void;
  /** Underline the error at a 1-based line and column, with its message on hover; `null` clears it. */
  markError(at: (Position & { message: string }) | null): void;
  /** Where the editor's own parser sees the first syntax error, if it sees one. */
  firstSyntaxError(): Position | null;
  destroy(): void;
}

function positionOf(state: EditorState, offset: number): Position {
  const line = state.doc.lineAt(offset);
  return { line: line.number, column: offset - line.from + 1 };
}

function offsetOf(state: EditorState, at: Position): number {
  const line = state.doc.line(Math.min(Math.max(1, at.line), state.doc.lines));
  return Math.min(line.to, line.from + Math.max(0, at.column - 1));
}

/** Scroll the editor, not the page (EditorView.scrollIntoView would move the page too), so `offset` sits a third of the way down. */
function scrollEditorTo(view: EditorView, offset: number): void {
  view.requestMeasure({
    read: (v) => ({ top: v.lineBlockAt(offset).top, height: v.scrollDOM.clientHeight }),
    write: ({ top, height }, v) => {
      v.scrollDOM.scrollTop = Math.max(0, top - height / 3);
    },
  });
}

/** The first exported function, so its body is in view when the page opens below a long header comment. */
function revealFirstFunction(view: EditorView): void {
  const match = /^export function /m.exec(view.state.doc.toString());
  if (match) scrollEditorTo(view, match.index);
}

export function createEditor(doc: string, on: { run: () => void; change: (code: string) => void }, opts: { revealBody?: boolean } = {}): Editor {
  const host = el("div", { "data-testid": "exercise-editor", class: "editor" });
  const view = new EditorView({
    doc,
    parent: host,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      courseEditorTheme,
      // Starters carry long doc comments; wrapping keeps them readable on a narrow screen.
      EditorView.lineWrapping,
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (on.run(), true) }])),
      EditorView.updateListener.of((u) => u.docChanged && on.change(u.state.doc.toString())),
    ],
  });
  if (opts.revealBody) {
    // The editor can measure once it is in the document and laid out, which is usually
    // below the fold: the huge margin makes "intersecting" mean "laid out", not "visible".
    const seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        seen.disconnect();
        revealFirstFunction(view);
      },
      { rootMargin: "100000px" },
    );
    seen.observe(host);
  }
  return {
    host,
    code: () => view.state.doc.toString(),
    replace: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    markError(at) {
      if (!at) {
        view.dispatch(setDiagnostics(view.state, []));
        return;
      }
      const from = offsetOf(view.state, at);
      const to = Math.min(view.state.doc.lineAt(from).to, from + 1);
      view.dispatch(setDiagnostics(view.state, [{ from, to, severity: "error", message: at.message }]));
      scrollEditorTo(view, from);
    },
    firstSyntaxError() {
      const tree = ensureSyntaxTree(view.state, view.state.doc.length, 500);
      let found: number | null = null;
      tree?.iterate({
        enter: (node) => {
          if (found !== null) return false;
          if (node.type.isError) found = node.from;
          return undefined;
        },
      });
      return found === null ? null : positionOf(view.state, found);
    },
    destroy: () => view.destroy(),
  };
}
