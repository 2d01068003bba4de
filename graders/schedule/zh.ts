/** Chinese texts of the schedule grader ("Learning-rate schedules"): case and property titles, bug titles and advice (engine/i18n.ts). */
import type { GraderZh } from "../engine/grader.js";

export default {
  cases: {
    "noam-step-1": "Noam，d 512，warmup 4000：第 1 步",
    "noam-ramp": "Noam：第 1000 步，处于上升段",
    "noam-peak": "Noam：第 4000 步 = warmup，峰值",
    "noam-decay": "Noam：第 20000 步，按 step^−0.5 衰减",
    "noam-factor": "Noam，d 256，warmup 100，factor 2：第 50 步",
    "cos-step-1": "预热 + 余弦（峰值 1e-3，warmup 100，total 1100，minLr 1e-5）：第 1 步",
    "cos-ramp": "预热 + 余弦：第 40 步",
    "cos-peak": "预热 + 余弦：第 100 步 = warmup，峰值",
    "cos-after-peak": "预热 + 余弦：第 101 步",
    "cos-middle": "预热 + 余弦：第 600 步，下降到一半",
    "cos-near-end": "预热 + 余弦：第 1050 步",
    "cos-total": "预热 + 余弦：第 1100 步 = total，恰好为 minLr",
    "cos-after-total": "预热 + 余弦：第 3000 步，在 total 之后",
    "cos-default-min": "没有 minLr 的预热 + 余弦：共 1000 步中的第 700 步",
    "step-zero": "第 0 步必须抛出错误（步数从 1 开始）",
    "step-negative": "第 −5 步必须抛出错误",
    "step-fraction": "第 2.5 步必须抛出错误",
    "total-not-after-warmup": "total ≤ warmup 时必须抛出错误",
    "unknown-kind": 'kind 为 "linear" 时必须抛出错误',
    "hidden-noam": "Noam，d 1024，warmup 2000：第 7777 步",
    "hidden-cosine": "预热 + 余弦：第 333 步",
  },
  properties: {
    "noam-peak-at-warmup": "Noam 一直上升到第 4000 步，之后下降",
    "cosine-peak-at-warmup": "预热 + 余弦一直上升到第 100 步，之后下降",
  },
  bugs: {
    "off-by-one": {
      title: "步数从 0 开始计数（差一）",
      advice: "第 1 步是第一次更新：直接使用传入的 step，而不是 step − 1 或 step + 1。Noam 在第 1 步的值是 d^−0.5·warmup^−1.5，不是 0。",
    },
    "warmup-exponent": {
      title: "Noam 的上升段用了 warmup^−0.5 而不是 warmup^−1.5",
      advice: "上升段是 step·warmup^−1.5，这样它恰好在 step = warmup 时与 step^−0.5 相接（warmup·warmup^−1.5 = warmup^−0.5）。",
    },
    "d-model-exponent": {
      title: "用了 d_model^0.5 而不是 d_model^−0.5",
      advice: "Noam 按 d_model^−0.5 缩放：模型越宽，学习率越小。",
    },
    "factor-ignored": {
      title: "忽略了 Noam 的 factor",
      advice: "乘以 options.factor（默认为 1）。",
    },
    "cosine-from-step-zero": {
      title: "余弦从第 0 步而不是预热结束时开始（峰值不在 warmup 处）",
      advice: "预热之后，相位是 π·(step − warmup)/(total − warmup)：峰值处为 0，total 处为 π。",
    },
    "cosine-period": {
      title: "余弦在 total 处没有到达 minLr（它的长度不是 total − warmup）",
      advice: "衰减持续 total − warmup 步：把 step − warmup 除以 total − warmup，这样余弦恰好在 total 处到达 −1（即 minLr）。",
    },
    "min-lr-ignored": {
      title: "忽略了 minLr（衰减到 0）",
      advice: "余弦从峰值下降到 minLr：minLr + (peak − minLr)·½(1 + cos φ)。",
    },
    "no-clamp-after-total": {
      title: "余弦在 total 之后还在继续",
      advice: "从 total 开始，学习率保持为 minLr；任由余弦继续下去，它会再次上升。",
    },
    "no-argument-check": {
      title: "没有拒绝文档中说明的错误参数",
      advice: "当 step 不是 ≥ 1 的整数、total ≤ warmup 或 kind 未知时抛出 Error：悄无声息的 NaN 或第 0 步的学习率会在不知不觉中破坏一次训练。",
    },
  },
} satisfies GraderZh;
