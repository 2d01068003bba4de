/**
 * The drill page (/drill, /zh/drill): the due count, the four modes and the progress view
 * as tabs (the tab is kept in the URL's hash), and a note for any damaged record the
 * progress store sets aside while the page reads it.
 */
import * as progress from "../progress.js";
import { schedulerNow } from "./clock.js";
import { cardsView, type ViewContext } from "./cards-view.js";
import { codeView } from "./code-view.js";
import type { DrillData } from "./data.js";
import { deckStatus, dueCount } from "./deck.js";
import { button, el } from "./dom.js";
import { mockView } from "./mock-view.js";
import { progressView } from "./progress-view.js";
import { quizView } from "./quiz-view.js";
import { cardStates, settings } from "./state.js";
import { STRINGS, type Lang } from "./strings.js";

const MODES = { cards: cardsView, quiz: quizView, mock: mockView, code: codeView, progress: progressView } as const;
type Mode = keyof typeof MODES;
const isMode = (s: string): s is Mode => s in MODES;

function dueNow(data: DrillData): number {
  const ids = data.cards.map((c) => c.id);
  return dueCount(deckStatus(ids, cardStates(ids), schedulerNow(), settings().newPerDay));
}

export function drillPage({ lang, data }: { lang: Lang; data: DrillData }): HTMLElement & { dispose: () => void } {
  const t = STRINGS[lang];
  const notices = el("div", { class: "notices", "aria-live": "polite", "data-testid": "drill-notices" });
  const stopNotices = progress.onQuarantine((n) => notices.append(el("p", { class: "notice warn" }, t.quarantined(n.key))));
  // Read every entry once now, so that a damaged one is reported on arrival, not when its tab opens.
  progress.all();
  const due = el("strong", { "data-testid": "drill-due-count" });
  const refreshDue = () => {
    const n = dueNow(data);
    due.dataset.count = String(n);
    due.textContent = t.due(n);
  };
  const ctx: ViewContext = { lang, data, changed: refreshDue };
  const panel = el("div", { class: "drill-panel" });
  const tabs = (Object.keys(MODES) as Mode[]).map((m) =>
    button(t.modes[m], { "data-testid": "drill-mode", "data-mode": m, "aria-pressed": "false", class: "drill-tab" }, () => open(m)),
  );
  function open(mode: Mode): void {
    for (const b of tabs) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
    history.replaceState(null, "", `#${mode}`);
    panel.dataset.mode = mode;
    panel.replaceChildren(MODES[mode](ctx));
  }
  const root = el(
    "div",
    { "data-testid": "drill-home", class: "drill" },
    notices,
    el("p", { class: "drill-due" }, due),
    el("nav", { class: "drill-tabs" }, ...tabs),
    panel,
  );
  refreshDue();
  const asked = location.hash.slice(1);
  open(isMode(asked) ? asked : "cards");
  return Object.assign(root, { dispose: stopNotices });
}
