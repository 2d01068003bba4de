/**
 * The self-check quiz at the end of every topic page: single choice, multiple choice,
 * numeric with a tolerance, and "pick the correct line of code". Answers are graded by
 * the shared gradeAnswer and recorded in the validated progress store.
 *
 * A wrong answer lets the learner try again: the explanation (which gives the answer away)
 * shows after a correct answer or on "Show answer". The first answer ever is kept apart
 * from the latest (`first` in the record), so first-try accuracy is not hidden by retries.
 */
import type { QuizBank, Question } from "./quiz-schema.js";
import { type Answer, gradeAnswer } from "./quiz-grade.js";
import * as progress from "./progress.js";
import { el } from "./dom.js";
import { choiceOrder } from "./shuffle.js";

type Lang = "en" | "zh";

const T = {
  en: {
    check: "Check",
    correct: "Correct.",
    wrong: "Not quite — try again, or show the answer.",
    wasWrong: "Your last answer was not right — try again, or show the answer.",
    show: "Show answer",
    answerIs: "Answer:",
    score: (c: number, n: number) => `${c} of ${n} correct`,
    firstTry: (c: number, n: number) => `first try: ${c} of ${n}`,
    passed: "Quiz passed — recorded in your progress.",
    number: "Your answer",
    pickAll: "Select all that apply.",
    missing: {
      numeric: "Enter a number first.",
      multiple: "Select at least one choice first.",
      single: "Select a choice first.",
      code: "Select a line of code first.",
    },
    invalid: "This quiz could not be loaded",
  },
  zh: {
    check: "提交",
    correct: "正确。",
    wrong: "还不对 — 再试一次，或查看答案。",
    wasWrong: "你上次的答案不对 — 再试一次，或查看答案。",
    show: "查看答案",
    answerIs: "答案：",
    score: (c: number, n: number) => `答对 ${c}/${n} 题`,
    firstTry: (c: number, n: number) => `首次作答答对 ${c}/${n}`,
    passed: "测验通过，已记入学习进度。",
    number: "你的答案",
    pickAll: "可多选。",
    missing: { numeric: "请先输入一个数。", multiple: "请先至少选一项。", single: "请先选择一项。", code: "请先选择一行代码。" },
    invalid: "无法加载本测验",
  },
} as const;

type Words = (typeof T)[Lang];

interface AnswerInput {
  read(): Answer | null;
  /** Put a saved answer back (after a reload). */
  restore(answer: unknown): void;
  /** The correct answer, in words, for "Show answer". */
  correctText: string;
}

function numericInput(q: Extract<Question, { kind: "numeric" }>, box: HTMLElement, t: Words, lang: Lang, name: string, submit: () => void): AnswerInput {
  const input = el("input", { type: "number", step: "any", "aria-label": t.number, name });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      submit();
    }
  });
  box.append(el("label", {}, `${t.number}: `, input, q.unit ? ` ${q.unit[lang]}` : ""));
  return {
    read: () => (input.value.trim() === "" || !Number.isFinite(Number(input.value)) ? null : Number(input.value)),
    restore: (a) => {
      if (typeof a === "number") input.value = String(a);
    },
    correctText: `${q.answer}${q.tolerance ? ` (± ${q.tolerance})` : ""}`,
  };
}

function choiceInput(q: Exclude<Question, { kind: "numeric" }>, box: HTMLElement, t: Words, lang: Lang, name: string): AnswerInput {
  const multiple = q.kind === "multiple";
  if (multiple) box.append(el("p", { class: "quiz-note" }, t.pickAll));
  const text = (i: number) => (q.kind === "code" ? (q.choices[i] as string) : (q.choices[i] as { en: string; zh: string })[lang]);
  // A fresh order on every visit, graded by the original index (shuffle.ts says why).
  const inputs = choiceOrder(q.choices.length).map((i) => {
    const input = el("input", { type: multiple ? "checkbox" : "radio", name, value: String(i) });
    box.append(el("label", { class: "quiz-choice" }, input, " ", q.kind === "code" ? el("code", {}, text(i)) : text(i)));
    return input;
  });
  const correct = Array.isArray(q.answer) ? q.answer : [q.answer];
  return {
    read: () => {
      const picked = inputs.filter((i) => i.checked).map((i) => Number(i.value));
      if (picked.length === 0) return null;
      return multiple ? picked : picked[0];
    },
    restore: (a) => {
      const saved = new Set(Array.isArray(a) ? a : [a]);
      for (const input of inputs) input.checked = saved.has(Number(input.value));
    },
    correctText: correct.map(text).join(" · "),
  };
}

function recordAnswer(topic: number, id: string, correct: boolean, answer: Answer): void {
  progress.update("quiz", String(topic), (old) => ({
    ...(old ?? {}),
    answers: { ...(old?.answers ?? {}), [id]: { correct, answer, at: Date.now() } },
    // The first answer ever stays as it was: first-try accuracy is kept apart from passes.
    first: { [id]: correct, ...(old?.first ?? {}) },
  }));
  if (!progress.read("read", String(topic))) progress.write("read", String(topic), { at: Date.now() });
}

function questionView(q: Question, lang: Lang, topic: number, onAnswered: () => void): HTMLElement {
  const t = T[lang];
  const box = el("fieldset", { "data-testid": "quiz-question", "data-question": q.id, "data-kind": q.kind, class: "quiz-question" });
  box.append(el("legend", {}, q.prompt[lang]));
  const feedback = el("div", { class: "quiz-feedback", "aria-live": "polite", "data-testid": "quiz-feedback" });
  const explain = (lead: string) => feedback.replaceChildren(el("strong", {}, lead), " ", el("span", { class: "quiz-explanation" }, q.explanation[lang]));
  const showButton = el("button", { type: "button", "data-testid": "quiz-show", hidden: "" }, t.show);
  const wrong = (text: string) => {
    box.dataset.result = "wrong";
    feedback.replaceChildren(el("strong", {}, text));
    showButton.hidden = false;
  };
  const check = () => {
    const answer = input.read();
    if (answer === null) {
      feedback.replaceChildren(el("span", { class: "quiz-missing" }, t.missing[q.kind]));
      return;
    }
    const correct = gradeAnswer(q, answer);
    recordAnswer(topic, q.id, correct, answer);
    if (correct) {
      box.dataset.result = "correct";
      showButton.hidden = true;
      explain(t.correct);
    } else wrong(t.wrong);
    onAnswered();
  };
  const input = q.kind === "numeric" ? numericInput(q, box, t, lang, `quiz-${topic}-${q.id}`, check) : choiceInput(q, box, t, lang, `quiz-${topic}-${q.id}`);
  const button = el("button", { type: "button", "data-testid": "quiz-check" }, t.check);
  button.addEventListener("click", check);
  showButton.addEventListener("click", () => {
    box.dataset.result = box.dataset.result === "correct" ? "correct" : "revealed";
    showButton.hidden = true;
    explain(`${t.answerIs} ${input.correctText}.`);
  });
  box.append(button, showButton, feedback);
  // After a reload: the saved answer is back in the inputs, with what it earned.
  const previous = progress.read("quiz", String(topic))?.answers[q.id];
  if (previous) {
    input.restore(previous.answer);
    box.dataset.previous = previous.correct ? "correct" : "wrong";
    if (previous.correct) {
      box.dataset.result = "correct";
      explain(t.correct);
    } else wrong(t.wasWrong);
  }
  return box;
}

export function quiz({ topic, lang, bank }: { topic: number; lang: Lang; bank: unknown }): HTMLElement {
  const t = T[lang];
  const root = el("section", { "data-testid": "quiz", class: "quiz", "data-topic": String(topic) });
  // The banks are validated by `npm run build` (scripts/validate-content.ts), which stops on a
  // bad one; the page only guards against a file that is not a bank at all.
  const questions = (bank as Partial<QuizBank> | null)?.questions;
  if (!Array.isArray(questions) || questions.length === 0) {
    root.append(el("p", { class: "notice warn" }, `${t.invalid}: no questions`));
    return root;
  }
  const summary = el("p", { class: "quiz-summary", "aria-live": "polite", "data-testid": "quiz-summary" });
  const refresh = () => {
    const record = progress.read("quiz", String(topic));
    const answers = record?.answers ?? {};
    const correct = questions.filter((q) => answers[q.id]?.correct).length;
    const tried = questions.filter((q) => record?.first?.[q.id] !== undefined);
    const firstRight = tried.filter((q) => record?.first?.[q.id]).length;
    summary.textContent = t.score(correct, questions.length) + (tried.length ? ` · ${t.firstTry(firstRight, tried.length)}` : "");
    summary.dataset.firstTry = `${firstRight}/${tried.length}`;
    if (correct === questions.length) {
      progress.update("quiz", String(topic), (old) => ({ ...(old ?? { answers: {} }), passedAt: old?.passedAt ?? Date.now() }));
      summary.textContent += ` — ${t.passed}`;
      root.dataset.passed = "true";
    }
  };
  root.append(...questions.map((q) => questionView(q, lang, topic, refresh)), summary);
  refresh();
  return root;
}
