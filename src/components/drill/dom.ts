/** The small DOM helpers the drill views share. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A block of the course's own HTML, rendered at build time by scripts/drill-data.ts (the
 * topic pages' Markdown and math): trusted, and never learner input. */
export function courseHtml(tag: "div" | "span" | "li", html: string, attrs: Record<string, string> = {}): HTMLElement {
  const node = el(tag, attrs);
  node.innerHTML = html;
  return node;
}

export function button(text: string, attrs: Record<string, string>, onClick: () => void): HTMLButtonElement {
  const b = el("button", { type: "button", ...attrs }, text);
  b.addEventListener("click", onClick);
  return b;
}
