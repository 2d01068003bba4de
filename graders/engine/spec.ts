/**
 * Exercise specs are data: every case, property and point value is declared here in
 * a schema, so adding a case is adding a line, and a malformed spec fails loudly at load.
 */
import { z } from "zod";
import { PropertySpec } from "./properties/index.js";
import { Id } from "./spec-id.js";
import { VarySpec } from "./vary.js";

export { PropertySpec };

const Dim = z.number().int().min(0).max(4096);
const Shape = z.array(Dim).max(6);

/** A float tensor drawn from the engine's PRNG (see inputs.ts for each distribution). */
export const TensorArgSpec = z.object({
  kind: z.literal("tensor"),
  name: z.string().min(1),
  shape: Shape,
  dist: z.enum(["normal", "uniform", "simplex"]).default("normal"),
  /** normal: N(shift, scale²); uniform: U(shift − scale, shift + scale). */
  scale: z.number().positive().default(1),
  shift: z.number().default(0),
  /** Multiplies successive rows (fibres along the last axis) cyclically: rows far apart in scale. */
  rowScales: z.array(z.number().positive()).min(1).optional(),
  /** Adds to successive rows cyclically: e.g. padded keys whose raw scores dwarf the real ones. */
  rowShifts: z.array(z.number()).min(1).optional(),
  /** Adds to successive entries along the last axis cyclically: e.g. blocked keys whose scores sit 1e5 above the real ones. */
  colShifts: z.array(z.number()).min(1).optional(),
  /** For dist "simplex": the axis along which values are a probability distribution. */
  axis: z.number().int().default(-1),
  /** Whether the gradient with respect to this input is checked. */
  differentiable: z.boolean().default(true),
});

/** A 1/0 float mask (1 = attend), laid out over the last two axes [query, key]. */
export const MaskArgSpec = z.object({
  kind: z.literal("mask"),
  name: z.string().min(1),
  shape: Shape.min(1),
  pattern: z.enum(["padding", "causal", "random", "window", "ones"]),
  /** padding: valid key count per entry of the first axis. */
  lengths: z.array(z.number().int().min(0)).optional(),
  /** random: probability that a key is blocked. */
  p: z.number().min(0).max(1).optional(),
  /** window: a query sees keys within this distance behind it (and itself). */
  window: z.number().int().min(0).optional(),
  /** Query rows (index on the second-to-last axis) whose every key is blocked. */
  blockedRows: z.array(z.number().int().min(0)).optional(),
});

/**
 * An int32 tensor of class ids in [0, classes) (cross-entropy targets); never differentiable.
 * `ignoreIndex` with `ignoreP` marks a random share of positions as ignored; `allIgnored`
 * marks every one (the documented error case).
 */
export const LabelsArgSpec = z.object({
  kind: z.literal("labels"),
  name: z.string().min(1),
  shape: Shape,
  classes: z.number().int().min(1),
  ignoreIndex: z.number().int().optional(),
  ignoreP: z.number().min(0).max(1).default(0),
  allIgnored: z.boolean().default(false),
});

export const JsonArgSpec = z.object({ kind: z.literal("json"), name: z.string().min(1), value: z.unknown() });
export const OmitArgSpec = z.object({ kind: z.literal("omit"), name: z.string().min(1) });
/** The very same tensor object as an earlier argument (self-attention passes x three times). */
export const AliasArgSpec = z.object({ kind: z.literal("alias"), name: z.string().min(1), of: z.string().min(1) });
/** A group of tensors and JSON values inside an object argument (an encoder layer's `attn`, `ln1`…). */
const WeightsGroupSpec = z.object({
  kind: z.literal("weights"),
  name: z.string().min(1),
  entries: z.array(z.discriminatedUnion("kind", [TensorArgSpec, MaskArgSpec, JsonArgSpec])).min(1),
});

/**
 * An object argument: tensors, plus (for parameter bundles such as an encoder layer's
 * { numHeads, attn: {…}, ffn: {…} }, or options that carry a mask) masks, JSON values and
 * groups one level deep; leaves are named by their path ("p.attn.wq", "options.mask").
 */
export const WeightsArgSpec = z.object({
  kind: z.literal("weights"),
  name: z.string().min(1),
  entries: z.array(z.discriminatedUnion("kind", [TensorArgSpec, MaskArgSpec, JsonArgSpec, WeightsGroupSpec])).min(1),
});

export const ArgSpec = z.discriminatedUnion("kind", [TensorArgSpec, MaskArgSpec, LabelsArgSpec, JsonArgSpec, OmitArgSpec, AliasArgSpec, WeightsArgSpec]);

export const CaseSpec = z.object({
  id: Id,
  /** What the case probes, in a learner's words ("logits of ±1e4"). */
  title: z.string().min(1),
  /** The title in Chinese, merged in from the exercise's zh.ts by defineGrader. */
  titleZh: z.string().min(1).optional(),
  fn: z.string().min(1),
  seed: z.number().int().min(0),
  args: z.array(ArgSpec),
  /** What the call returns: a tensor (or an object of tensors), or a plain number (learningRate). */
  returns: z.enum(["tensor", "number"]).default("tensor"),
  /** "value": compare the result; "throws": the call must throw an Error. */
  expect: z.enum(["value", "throws"]).default("value"),
  points: z.number().min(0),
  /** Field of an object result that the gradient is taken of (null: the result itself). */
  gradient: z.object({ of: z.string().nullable().default(null), points: z.number().min(0) }).optional(),
  /** The dtype the contract fixes for every tensor of the result (masks are float32 1/0, not bool or int32). */
  dtype: z.enum(["float32", "int32", "bool"]).optional(),
  /** Multiplies the backend tolerance (documented where a case needs it, e.g. RoPE at large positions). */
  tolerance: z.number().positive().default(1),
  /** Hidden cases are drawn only in classroom grading; the browser shows visible ones. */
  visible: z.boolean().default(true),
  /** How hidden draws vary this case's shapes and options (see vary.ts); without it they vary only the numbers. */
  vary: VarySpec.optional(),
});

export const ForbiddenSpec = z.object({
  /** How the learner would spell it: "tf.softmax". */
  name: z.string(),
  /** Namespace functions and Tensor methods that reach it. */
  functions: z.array(z.string()).default([]),
  methods: z.array(z.string()).default([]),
  /** Backend kernels that reach it by any route (tf.layers, runKernel…). */
  kernels: z.array(z.string()).default([]),
});

export const ExerciseSpec = z
  .object({
    id: Id,
    title: z.string().min(1),
    cases: z.array(CaseSpec).min(1),
    properties: z.array(PropertySpec).default([]),
    forbidden: z.array(ForbiddenSpec).default([]),
    points: z.object({ exports: z.number().min(0), forbidden: z.number().min(0), inputs: z.number().min(0) }),
  })
  .superRefine((spec, ctx) => {
    const ids = new Set<string>();
    for (const c of spec.cases) {
      if (ids.has(c.id)) ctx.addIssue({ code: "custom", message: `duplicate case id ${c.id}` });
      ids.add(c.id);
    }
    for (const p of spec.properties) {
      if (!ids.has(p.case)) ctx.addIssue({ code: "custom", message: `property ${p.id} names unknown case ${p.case}` });
    }
  });

export type TensorArgSpec = z.infer<typeof TensorArgSpec>;
export type MaskArgSpec = z.infer<typeof MaskArgSpec>;
export type LabelsArgSpec = z.infer<typeof LabelsArgSpec>;
export type ArgSpec = z.infer<typeof ArgSpec>;
export type CaseSpec = z.infer<typeof CaseSpec>;
export type ExerciseSpec = z.infer<typeof ExerciseSpec>;
export type ExerciseSpecInput = z.input<typeof ExerciseSpec>;
