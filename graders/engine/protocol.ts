/**
 * What crosses between the grader's realm and the learner's realm (a Node child process
 * or a Web Worker). Both sides use structured clone, so typed arrays, NaN and ±∞ survive.
 * Everything coming back is untrusted — a submission can try to forge it — so the grader
 * validates it with these schemas and checks a per-run token it never showed the learner.
 */
import { z } from "zod";

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

const ErrInfo = z.object({
  name: z.string(),
  message: z.string(),
  /** 1-based line in the learner's file, when the stack names it. */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  /** Where the error was raised: the submission's own `throw`, or inside a library it called. */
  origin: z.enum(["submission", "library"]).optional(),
});
export type ErrInfo = z.infer<typeof ErrInfo>;

const TypedData = z.union([z.instanceof(Float32Array), z.instanceof(Int32Array), z.instanceof(Uint8Array), z.instanceof(Float64Array)]);
const WireTensorOut = z.object({ shape: z.array(z.number().int().min(0)), dtype: z.string(), data: TypedData });
export type WireTensorOut = z.infer<typeof WireTensorOut>;

export type WireValue =
  | { t: "tensor"; tensor: WireTensorOut }
  | { t: "object"; entries: Record<string, WireValue> }
  /** A plain JavaScript number returned by the call itself (a contract such as learningRate returns one). */
  | { t: "number"; value: number }
  | { t: "other"; what: string };

const WireValue: z.ZodType<WireValue> = z.lazy(() =>
  z.union([
    z.object({ t: z.literal("tensor"), tensor: WireTensorOut }),
    z.object({ t: z.literal("object"), entries: z.record(z.string(), WireValue) }),
    // Any number, NaN and ±∞ included: judging it is the grader's business, not the schema's.
    z.object({ t: z.literal("number"), value: z.custom<number>((v) => typeof v === "number") }),
    z.object({ t: z.literal("other"), what: z.string().max(500) }),
  ]),
);

const Hygiene = z.object({
  forbiddenUsed: z.array(z.string()),
  leaked: z.number().int(),
  disposedInputs: z.array(z.string()),
  changedInputs: z.array(z.string()),
  ms: z.number(),
  /** Elements of the largest tensor the call created while it ran (its intermediates and results). */
  largestTensor: z.number().int().min(0).optional(),
});

export const CallOutcome = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    value: WireValue,
    grads: z.record(z.string(), WireTensorOut).optional(),
    gradError: ErrInfo.optional(),
    hygiene: Hygiene,
  }),
  z.object({ ok: z.literal(false), error: ErrInfo, hygiene: Hygiene }),
]);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const RunnerMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("ready"),
    token: z.string(),
    backend: z.string(),
    adapter: z.string().optional(),
    exports: z.record(z.string(), z.string()),
  }),
  z.object({ type: z.literal("call"), token: z.string(), id: z.string(), outcome: CallOutcome }),
  z.object({ type: z.literal("log"), token: z.string(), level: z.string(), text: z.string() }),
  z.object({ type: z.literal("fatal"), token: z.string(), stage: z.enum(["backend", "load", "run"]), error: ErrInfo }),
  z.object({ type: z.literal("done"), token: z.string() }),
  /** The submission reached for something it may not (a Node built-in, `process`, the tf engine); it fails the grade even if the code caught the refusal. */
  z.object({ type: z.literal("refused"), token: z.string(), what: z.string().max(300) }),
]);
export type RunnerMessage = z.infer<typeof RunnerMessage>;

/** The realm's first word: its backend is up (the Node child says only that; the worker adds which backend). */
export const BootedMessage = z.object({
  type: z.literal("booted"),
  backend: z.string().optional(),
  adapter: z.string().optional(),
  fallback: z.string().optional(),
  gpuOnly: z.boolean().optional(),
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
