/**
 * What crosses between the grader's realm and the learner's realm (a Node child process
 * or a Web Worker). Both sides use structured clone, so typed arrays, NaN and ±∞ survive.
 * Everything coming back is untrusted — a submission can try to forge it — so the grader
 * validates it with these schemas and checks a per-run token it never showed the learner.
 * The schemas use ./shape-check.ts, not zod: they run on the exercise page, and zod would
 * add about 90 KiB gzipped to it.
 */
import {
  anyNumber,
  array,
  boolean,
  type Infer,
  instanceOf,
  lazy,
  literal,
  number,
  object,
  oneOf,
  optional,
  record,
  type Shape,
  string,
  union,
} from "./shape-check.js";

export type WireArg = { t: "tensor"; leaf: string } | { t: "json"; value: unknown } | { t: "omit" } | { t: "object"; entries: Record<string, WireArg> };

export interface WireTensorIn {
  shape: number[];
  data: Float32Array;
  /** Absent: float32. Class ids cross as int32 (exact in float32 up to 2^24). */
  dtype?: "int32";
}

export interface PlannedCall {
  id: string;
  fn: string;
  args: WireArg[];
  /** Input tensors by leaf name; aliases are the same leaf twice in `args`. */
  leaves: Record<string, WireTensorIn>;
  /** Gradient of Σ select(result) ⊙ cotangent with respect to these leaves. */
  grad: null | { of: string | null; wrt: string[]; cotangent: WireTensorIn };
  /**
   * Leaves taken from an earlier call's result instead of `leaves` (a decoder's cache
   * threaded from step to step): leaf name → that call's id and the result's field path.
   */
  from?: Record<string, { call: string; field: string }>;
}

export interface ForbiddenWire {
  name: string;
  functions: string[];
  methods: string[];
  kernels: string[];
}

export interface RunRequest {
  token: string;
  filename: string;
  /** The learner's TypeScript; the realm transpiles it (see runtime/transpile.ts). */
  source: string;
  exportNames: string[];
  forbidden: ForbiddenWire[];
  backend: string;
  calls: PlannedCall[];
}

const ErrInfo = object({
  name: string(),
  message: string(),
  /** 1-based line in the learner's file, when the stack names it. */
  line: optional(number({ int: true })),
  column: optional(number({ int: true })),
  /** Where the error was raised: the submission's own `throw`, or inside a library it called. */
  origin: optional(oneOf(["submission", "library"])),
});
export type ErrInfo = Infer<typeof ErrInfo>;

const TypedData = union([instanceOf(Float32Array), instanceOf(Int32Array), instanceOf(Uint8Array), instanceOf(Float64Array)]);
const WireTensorOut = object({ shape: array(number({ int: true, min: 0 })), dtype: string(), data: TypedData });
export type WireTensorOut = Infer<typeof WireTensorOut>;

export type WireValue =
  | { t: "tensor"; tensor: WireTensorOut }
  | { t: "object"; entries: Record<string, WireValue> }
  /** A plain JavaScript number returned by the call itself (a contract such as learningRate returns one). */
  | { t: "number"; value: number }
  | { t: "other"; what: string };

const WireValue: Shape<WireValue> = lazy(() =>
  union([
    object({ t: literal("tensor"), tensor: WireTensorOut }),
    object({ t: literal("object"), entries: record(WireValue) }),
    // Any number, NaN and ±∞ included: judging it is the grader's business, not the schema's.
    object({ t: literal("number"), value: anyNumber() }),
    object({ t: literal("other"), what: string({ max: 500 }) }),
  ]),
);

const Hygiene = object({
  forbiddenUsed: array(string()),
  leaked: number({ int: true }),
  disposedInputs: array(string()),
  changedInputs: array(string()),
  ms: number(),
  /** Elements of the largest tensor the call created while it ran (its intermediates and results). */
  largestTensor: optional(number({ int: true, min: 0 })),
});

export const CallOutcome = union([
  object({
    ok: literal(true),
    value: WireValue,
    grads: optional(record(WireTensorOut)),
    gradError: optional(ErrInfo),
    hygiene: Hygiene,
  }),
  object({ ok: literal(false), error: ErrInfo, hygiene: Hygiene }),
]);
export type CallOutcome = Infer<typeof CallOutcome>;

export const RunnerMessage = union([
  object({
    type: literal("ready"),
    token: string(),
    backend: string(),
    adapter: optional(string()),
    exports: record(string()),
  }),
  object({ type: literal("call"), token: string(), id: string(), outcome: CallOutcome }),
  object({ type: literal("log"), token: string(), level: string(), text: string() }),
  object({ type: literal("fatal"), token: string(), stage: oneOf(["backend", "load", "run"]), error: ErrInfo }),
  object({ type: literal("done"), token: string() }),
  /** The submission reached for something it may not (a Node built-in, `process`, the tf engine); it fails the grade even if the code caught the refusal. */
  object({ type: literal("refused"), token: string(), what: string({ max: 300 }) }),
]);
export type RunnerMessage = Infer<typeof RunnerMessage>;

/** The realm's first word: its backend is up (the Node child says only that; the worker adds which backend). */
export const BootedMessage = object({
  type: literal("booted"),
  backend: optional(string()),
  adapter: optional(string()),
  fallback: optional(string()),
  gpuOnly: optional(boolean()),
});

/** How a run ended, as the grader's side saw it. */
export type RunEnd = "done" | "timeout" | "memory" | "crashed" | "fatal";

export interface RunOutcome {
  end: RunEnd;
  backend: string;
  adapter?: string;
  exports: Record<string, string>;
  calls: Map<string, CallOutcome>;
  fatal?: { stage: string; error: ErrInfo };
  /** Exit code or signal when the learner's realm died, for the message. */
  exit?: string;
  logs: string[];
  /** Messages that failed validation or carried the wrong token. */
  forged: number;
  /** What the submission tried to reach and was refused (see the "refused" message). */
  refused?: string[];
}

export interface RunLimits {
  timeoutMs: number;
  memoryMb: number;
}

/** A realm that can run learner code: a child process in Node, a Web Worker in the browser. */
export interface Runner {
  run(request: RunRequest, limits: RunLimits): Promise<RunOutcome>;
}
