/**
 * The editor's colours: token colours are CSS variables (src/style.css sets a light and a
 * dark palette under prefers-color-scheme, as the site's theme does), so the code follows
 * the site's theme. CodeMirror's default style keeps light-theme colours (keywords at
 * about 1.5:1 on the dark background); every colour here is at least 4.5:1 on the editor's
 * background in both themes, which a browser test measures.
 */
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const token = (name: string) => `var(--code-${name})`;

export const courseHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword, t.modifier, t.self], color: token("keyword") },
  { tag: [t.string, t.special(t.string), t.character], color: token("string") },
  { tag: [t.number, t.bool, t.null, t.atom, t.unit], color: token("number") },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: token("comment"), fontStyle: "italic" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName))], color: token("function") },
  { tag: [t.typeName, t.className, t.namespace, t.definition(t.typeName)], color: token("type") },
  { tag: [t.propertyName, t.definition(t.propertyName)], color: token("property") },
  { tag: [t.regexp, t.escape, t.labelName], color: token("regexp") },
  { tag: [t.meta, t.annotation, t.processingInstruction], color: token("comment") },
  { tag: t.invalid, color: token("invalid") },
  { tag: [t.variableName, t.definition(t.variableName), t.operator, t.punctuation, t.bracket], color: "var(--theme-foreground)" },
]);

/** Cursor, selection and gutter colours from the site's theme (CodeMirror's defaults are light-only). */
const chrome = EditorView.theme({
  "&": { fontSize: "13px", maxHeight: "32rem" },
  ".cm-scroller": { overflow: "auto" },
  ".cm-content": { caretColor: "var(--theme-foreground)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--theme-foreground)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "color-mix(in srgb, var(--theme-foreground-focus) 25%, transparent)",
  },
  ".cm-selectionMatch": { backgroundColor: "color-mix(in srgb, var(--theme-foreground-focus) 15%, transparent)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "color-mix(in srgb, var(--theme-foreground-focus) 20%, transparent)" },
});

export const courseEditorTheme = [syntaxHighlighting(courseHighlight), chrome];
