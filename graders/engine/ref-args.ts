/**
 * Checked views of what a reference kernel or a bug hypothesis receives. Its arguments are
 * the case's inputs in float64 (RefArg: tensors as NdArray, objects as records, JSON as
 * is), so each kernel states what it expects and a spec that passes something else fails
 * with the argument's position instead of computing on garbage.
 */
import type { z } from "zod";
import type { RefArg } from "./inputs.js";
import type { NdArray } from "./ndarray.js";

export type RefArgs = readonly RefArg[];

export function isNdArray(v: unknown): v is NdArray {
  return typeof v === "object" && v !== null && "shape" in v && "data" in v && v.data instanceof Float64Array && Array.isArray(v.shape);
}

function wrong(v: unknown, expected: string): Error {
  const what = v === undefined ? "nothing" : isNdArray(v) ? `a tensor [${v.shape}]` : JSON.stringify(v);
  return new Error(`reference argument: expected ${expected}, got ${what}`);
}

export function tensorArg(v: RefArg): NdArray {
  if (!isNdArray(v)) throw wrong(v, "a tensor");
  return v;
}

/** An omitted tensor (an optional mask) is undefined. */
export function optionalTensorArg(v: RefArg): NdArray | undefined {
  return v === undefined ? undefined : tensorArg(v);
}

/** A number, or `fallback` when the argument was omitted. */
export function numberArg(v: RefArg, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "number") throw wrong(v, "a number");
  return v;
}

export function numbersArg(v: RefArg): number[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "number")) throw wrong(v, "an array of numbers");
  return v;
}

/** A weights object: every `required` entry a tensor, the others tensors when present. */
export function weightsArg<K extends string>(v: RefArg, required: readonly K[]): Record<K, NdArray> & Partial<Record<string, NdArray>> {
  if (typeof v !== "object" || v === null || isNdArray(v)) throw wrong(v, "an object of tensors");
  const out: Partial<Record<string, NdArray>> = {};
  for (const [k, t] of Object.entries(v)) out[k] = tensorArg(t);
  if (!hasAll(out, required)) throw new Error(`reference argument: the weights lack ${required.filter((k) => !out[k]).join(", ")}`);
  return out;
}

function hasAll<K extends string>(o: Partial<Record<string, NdArray>>, keys: readonly K[]): o is Record<K, NdArray> & Partial<Record<string, NdArray>> {
  return keys.every((k) => o[k] !== undefined);
}

/** A JSON argument (options objects), validated by its schema. */
export function jsonArg<T>(v: RefArg, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(v);
  if (!parsed.success) throw new Error(`reference argument: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}
