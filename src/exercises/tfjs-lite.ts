/**
 * What the grading worker needs of TensorFlow.js, in place of the whole `@tensorflow/tfjs`
 * (grader-worker.js.ts substitutes this module for it): the core ops, their gradients
 * (the grader differentiates through the learner's code) and the cpu backend;
 * browser-worker.ts adds the webgpu backend. Layers, the converter, the data API and the
 * webgl backend stay out: the contract uses none of them, and they were 40% of the worker.
 */
export * from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
// The chained Tensor methods (x.expandDims(), x.toFloat(), …) that the full package registers:
// learners' code uses them, and without this line they are "not a function" in the worker only.
import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops";
import "@tensorflow/tfjs-backend-cpu";
