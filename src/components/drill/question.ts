/**
 * One rapid-fire question: its choices in a fresh order (graded by original index), a
 * countdown, Check, and feedback that names the right answer. A question left unanswered
 * when its time is up counts as missed.
 */
import { gradeAnswer, type Answer } from "../quiz-grade.js";
import { choiceOrder } from "../shuffle.js";
import { countdown, formatClock, timerSeconds } from "./clock.js";
import { button, el } from "./dom.js";
import { QUESTION_SECONDS, type DrillQuestion, type QuestionResult } from "./rapid.js";
import { STRINGS, type Lang } from "./strings.js";

function choicesInput(q: Exclude<DrillQuestion, { kind: "numeric" }>, lang: Lang, box: HTMLElement): () => Answer | null {
  const multiple = q.kind === "multiple";
  if (multiple) box.append(el("p", { class: "quiz-note" }, STRINGS[lang].quiz.pickAll));
  const name = `drill-${q.topic}-${q.id}-${Math.random().toString(36).slice(2)}`;
  const inputs = choiceOrder(q.choices.length).map((original) => {
    const input = el("input", { type: multiple ? "checkbox" : "radio", name, value: String(original) });
    const choice = q.choices[original];
    const label = typeof choice === "string" ? el("code", {}, choice) : choice[lang];
    const keyed = Array.isArray(q.answer) ? q.answer.includes(original) : q.answer === original;
    box.append(el("label", { class: "quiz-choice", "data-choice": String(original), ...(keyed ? { "data-key": "true" } : {}) }, input, " ", label));
    return input;
  });
  return () => {
    const picked = inputs.filter((i) => i.checked).map((i) => Number(i.value));
    if (picked.length === 0) return null;
    return multiple ? picked : picked[0];
  };
}

export function questionRun(q: DrillQuestion, lang: Lang, position: string, onDone: (r: QuestionResult) => void, nextLabel: string): HTMLElement {
  const t = STRINGS[lang].quiz;
  const box = el("fieldset", { "data-testid": "drill-question", "data-topic": String(q.topic), "data-question": q.id, class: "quiz-question drill-question" });
  box.append(el("legend", {}, q.prompt[lang]));
  let read: () => Answer | null;
  if (q.kind === "numeric") {
    const input = el("input", { type: "number", step: "any", "aria-label": t.yourAnswer });
    box.append(el("label", {}, `${t.yourAnswer}: `, input, q.unit ? ` ${q.unit[lang]}` : ""));
    read = () => (input.value.trim() === "" ? null : Number(input.value));
  } else read = choicesInput(q, lang, box);

  const timer = el("span", { "data-testid": "drill-timer", class: "drill-timer", role: "timer" });
  const feedback = el("div", { class: "quiz-feedback", "aria-live": "polite" });
  const next = button(nextLabel, { "data-testid": "drill-next", hidden: "" }, () => onDone(result!));
  let result: QuestionResult | undefined;
  const finish = (correct: boolean, timedOut: boolean) => {
    if (result) return;
    result = { question: q, correct, timedOut, ms: clock.stop() };
    box.dataset.result = correct ? "correct" : timedOut ? "timeout" : "wrong";
    box.disabled = true;
    const verdict = correct ? t.correct : timedOut ? t.timeUp : t.wrong;
    feedback.replaceChildren(el("strong", {}, verdict), " ", q.kind === "numeric" ? `${t.answerIs(String(q.answer))} ` : "", q.explanation[lang]);
    check.hidden = true;
    next.hidden = false;
    next.focus();
  };
  const check = button(t.check, { "data-testid": "drill-check" }, () => {
    const answer = read();
    if (answer !== null) finish(gradeAnswer(q, answer), false);
  });
  const seconds = timerSeconds(QUESTION_SECONDS);
  const clock = countdown(
    seconds * 1000,
    (ms) => (timer.textContent = formatClock(Math.max(0, ms))),
    () => finish(false, true),
  );
  box.append(check, feedback);
  return el("div", { class: "drill-run" }, el("p", { class: "drill-position" }, position, " · ", timer), box, next);
}
