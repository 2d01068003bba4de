/** Conversions between the engine's float64 inputs and what crosses to the learner's realm. */
import type { CaseInputs, InputValue } from "./inputs.js";
import type { NdArray } from "./ndarray.js";
import type { PlannedCall, WireArg, WireTensorOut, WireValue } from "./protocol.js";

export function toWireArg(v: InputValue): WireArg {
  switch (v.t) {
    case "tensor":
      return { t: "tensor", leaf: v.leaf };
    case "json":
      return { t: "json", value: v.value };
    case "omit":
      return { t: "omit" };
    case "object":
      return { t: "object", entries: Object.fromEntries(Object.entries(v.entries).map(([k, e]) => [k, toWireArg(e)])) };
  }
}

export function toWireTensor(a: NdArray): { shape: number[]; data: Float32Array } {
  return { shape: [...a.shape], data: Float32Array.from(a.data) };
}

export function plannedCall(id: string, fn: string, inputs: CaseInputs, grad: { of: string | null; cotangent: NdArray } | null): PlannedCall {
  const leaves: PlannedCall["leaves"] = {};
  for (const [name, leaf] of inputs.leaves) leaves[name] = leaf.dtype === "int32" ? { ...toWireTensor(leaf.nd), dtype: "int32" } : toWireTensor(leaf.nd);
  const wrt = [...inputs.leaves].filter(([, l]) => l.differentiable).map(([name]) => name);
  return {
    id,
    fn,
    args: inputs.args.map(toWireArg),
    leaves,
    grad: grad && wrt.length > 0 ? { of: grad.of, wrt, cotangent: toWireTensor(grad.cotangent) } : null,
  };
}

/**
 * Pick a field of a returned value; a string says why it is not there. A dotted field
 * ("cache.k") reaches into a nested object when no field has that literal name; `returns`
 * "number" expects a plain number (a learning-rate schedule) instead of a tensor.
 */
export function fieldOf(value: WireValue, field: string | null, returns: "tensor" | "number" = "tensor"): WireTensorOut | string {
  if (returns === "number") return numberOf(value);
  if (value.t === "number") {
    return field === null ? `the number ${value.value} (expected a tf.Tensor)` : `the number ${value.value} (expected an object with a "${field}" field)`;
  }
  if (field?.includes(".") && value.t === "object" && !value.entries[field]) {
    const [head, ...rest] = field.split(".");
    const inner = value.entries[head];
    if (!inner) return `an object without a "${head}" field (keys: {${Object.keys(value.entries).join(", ")}})`;
    if (inner.t !== "object")
      return inner.t === "tensor"
        ? `a single tensor in "${head}" (expected an object with a "${rest.join(".")}" field)`
        : inner.t === "number"
          ? `the number ${inner.value} in "${head}"`
          : `${inner.what} in "${head}"`;
    return fieldOf(inner, rest.join("."));
  }
  if (field === null) {
    if (value.t === "tensor") return value.tensor;
    if (value.t === "object") return `an object with keys {${Object.keys(value.entries).join(", ")}} (expected a tf.Tensor)`;
    return value.what;
  }
  if (value.t !== "object") {
    return value.t === "tensor" ? `a single tensor (expected an object with a "${field}" field)` : value.what;
  }
  const entry = value.entries[field];
  if (!entry) return `an object without a "${field}" field (keys: {${Object.keys(value.entries).join(", ")}})`;
  if (entry.t === "tensor") return entry.tensor;
  if (entry.t === "number") return `the number ${entry.value} in "${field}" (expected a tf.Tensor)`;
  return entry.t === "object" ? `a nested object in "${field}"` : `${entry.what} in "${field}"`;
}

/**
 * A contract that returns a plain number (learningRate): the number as a rank-0 array, so
 * it is compared like any tensor; anything else, including a rank-0 tf.Tensor, says why not.
 */
function numberOf(value: WireValue): WireTensorOut | string {
  if (value.t === "number") return { shape: [], dtype: "number", data: Float64Array.of(value.value) };
  if (value.t === "tensor") {
    return `a tf.Tensor of shape [${value.tensor.shape}] (expected a plain number: compute it with JavaScript arithmetic and Math, not tf ops)`;
  }
  if (value.t === "object") return `an object with keys {${Object.keys(value.entries).join(", ")}} (expected a number)`;
  return value.what.replace("(expected a tf.Tensor)", "(expected a number)");
}

export function ndFromWire(t: WireTensorOut): NdArray {
  return { shape: [...t.shape], data: Float64Array.from(t.data) };
}
