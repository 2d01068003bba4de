/**
 * The self-check quiz at the end of every topic page: single choice, multiple choice,
 * numeric with a tolerance, and "pick the correct line of code". Answers are graded by
 * the shared gradeAnswer and recorded in the validated progress store.
 */
import { gradeAnswer, QuizBank, type Answer, type Question } from "./quiz-schema.js";
import * as progress from "./progress.js";
import { el } from "./dom.js";
import { choiceOrder } from "./shuffle.js";

type Lang = "en" | "zh";

const T = {
  en: { check: "Check", correct: "Correct.", wrong: "Not quite.", score: (c: number, n: number) => `${c} of ${n} correct`, passed: "Quiz passed — recorded in your progress.", number: "Your answer", pickAll: "Select all that apply.", invalid: "This quiz could not be loaded" },
  zh: { check: "提交", correct: "正确。", wrong: "还不对。", score: (c: number, n: number) => `答对 ${c}/${n} 题`, passed: "测验通过，已记入学习进度。", number: "你的答案", pickAll: "可多选。", invalid: "无法加载本测验" },
} as const;

function questionView(q: Question, lang: Lang, topic: number, onAnswered: () => void): HTMLElement {
  const t = T[lang];
  const name = `quiz-${topic}-${q.id}`;
  const box = el("fieldset", { "data-testid": "quiz-question", "data-question": q.id, "data-kind": q.kind, class: "quiz-question" });
  box.append(el("legend", {}, q.prompt[lang]));
  let read: () => Answer | null;
  if (q.kind === "numeric") {
    const input = el("input", { type: "number", step: "any", "aria-label": t.number, name });
    box.append(el("label", {}, `${t.number}: `, input, q.unit ? ` ${q.unit[lang]}` : ""));
    read = () => (input.value.trim() === "" ? null : Number(input.value));
  } else {
    const multiple = q.kind === "multiple";
    if (multiple) box.append(el("p", { class: "quiz-note" }, t.pickAll));
    // A fresh order on every visit, graded by the original index (shuffle.ts says why).
    const inputs = choiceOrder(q.choices.length).map((i) => {
      const choice = q.choices[i];
      const input = el("input", { type: multiple ? "checkbox" : "radio", name, value: String(i) });
      const label = q.kind === "code" ? el("code", {}, choice as string) : (choice as { en: string; zh: string })[lang];
      box.append(el("label", { class: "quiz-choice" }, input, " ", label));
      return input;
    });
    read = () => {
      const picked = inputs.filter((i) => i.checked).map((i) => Number(i.value));
      if (picked.length === 0) return null;
      return multiple ? picked : picked[0];
    };
  }
  const feedback = el("div", { class: "quiz-feedback", "aria-live": "polite" });
  const button = el("button", { type: "button", "data-testid": "quiz-check" }, t.check);
  button.addEventListener("click", () => {
    const answer = read();
    if (answer === null) return;
    const correct = gradeAnswer(q, answer);
    box.dataset.result = correct ? "correct" : "wrong";
    feedback.replaceChildren(el("strong", {}, correct ? t.correct : t.wrong), " ", q.explanation[lang]);
    progress.update("quiz", String(topic), (old) => ({
      ...(old ?? {}),
      answers: { ...(old?.answers ?? {}), [q.id]: { correct, answer, at: Date.now() } },
      // The first answer ever stays as it was: first-try accuracy is kept apart from passes.
      first: { [q.id]: correct, ...(old?.first ?? {}) },
    }));
    if (!progress.read("read", String(topic))) progress.write("read", String(topic), { at: Date.now() });
    onAnswered();
  });
  const previous = progress.read("quiz", String(topic))?.answers[q.id];
  if (previous) box.dataset.previous = previous.correct ? "correct" : "wrong";
  box.append(button, feedback);
  return box;
}

export function quiz({ topic, lang, bank }: { topic: number; lang: Lang; bank: unknown }): HTMLElement {
  const t = T[lang];
  const root = el("section", { "data-testid": "quiz", class: "quiz", "data-topic": String(topic) });
  const parsed = QuizBank.safeParse(bank);
  if (!parsed.success) {
    root.append(el("p", { class: "notice warn" }, `${t.invalid}: ${parsed.error.issues[0]?.message ?? ""}`));
    return root;
  }
  const questions = parsed.data.questions;
  const summary = el("p", { class: "quiz-summary", "aria-live": "polite" });
  const refresh = () => {
    const answers = progress.read("quiz", String(topic))?.answers ?? {};
    const correct = questions.filter((q) => answers[q.id]?.correct).length;
    summary.textContent = t.score(correct, questions.length);
    if (correct === questions.length) {
      progress.update("quiz", String(topic), (old) => ({ answers: old?.answers ?? {}, passedAt: old?.passedAt ?? Date.now() }));
      summary.textContent += ` — ${t.passed}`;
      root.dataset.passed = "true";
    }
  };
  root.append(...questions.map((q) => questionView(q, lang, topic, refresh)), summary);
  refresh();
  return root;
}
