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

export function plannedCall(
  id: string,
  fn: string,
  inputs: CaseInputs,
  grad: { of: string | null; cotangent: NdArray } | null,
): PlannedCall {
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

/** Pick a field of a returned value; a string says why it is not there. */
export function fieldOf(value: WireValue, field: string | null): WireTensorOut | string {
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
  return entry.t === "object" ? `a nested object in "${field}"` : `${entry.what} in "${field}"`;
}

export function ndFromWire(t: WireTensorOut): NdArray {
  return { shape: [...t.shape], data: Float64Array.from(t.data) };
}
