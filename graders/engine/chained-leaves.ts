/**
 * Calls that continue an earlier call: a decoder step takes the cache the previous step
 * returned. The earlier result was already read back to plain numbers, so the next call's
 * leaf is rebuilt from those numbers — the learner's tensors never outlive their call.
 */
import type { PlannedCall, WireValue } from "./protocol.js";
import { fieldOf } from "./wire.js";

/** The call with its `from` leaves filled in, or why they cannot be (the earlier step failed). */
export function resolveChainedLeaves(call: PlannedCall, results: ReadonlyMap<string, WireValue>): PlannedCall | string {
  if (!call.from) return call;
  const leaves = { ...call.leaves };
  for (const [leaf, ref] of Object.entries(call.from)) {
    const earlier = results.get(ref.call);
    if (!earlier) return `the previous step (${ref.call}) returned no value, so this step could not run`;
    const t = fieldOf(earlier, ref.field);
    if (typeof t === "string") return `the previous step's "${ref.field}" is ${t}`;
    leaves[leaf] = { shape: [...t.shape], data: Float32Array.from(t.data) };
  }
  return { ...call, leaves };
}

/** Ids of calls whose results a later call reads: only those are kept during a run. */
export function referencedCalls(calls: readonly PlannedCall[]): Set<string> {
  return new Set(calls.flatMap((c) => Object.values(c.from ?? {}).map((r) => r.call)));
}
