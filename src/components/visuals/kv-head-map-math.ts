/**
 * Which key/value head each query head reads in grouped-query attention (the gqa exercise),
 * and what sharing saves in the KV cache. Pure math, no tfjs.
 *   repeat-interleave (the contract, LLaMA's repeat_kv): query head j reads ⌊j·hkv/h⌋;
 *   tile (the common bug): query head j reads j mod hkv.
 */
export type HeadOrder = "interleave" | "tile";

export function kvHeadFor(j: number, numHeads: number, numKvHeads: number, order: HeadOrder): number {
  if (numHeads % numKvHeads !== 0) throw new Error(`numHeads = ${numHeads} is not divisible by numKvHeads = ${numKvHeads}`);
  return order === "interleave" ? Math.floor((j * numKvHeads) / numHeads) : j % numKvHeads;
}

export function headMap(numHeads: number, numKvHeads: number, order: HeadOrder): number[] {
  return Array.from({ length: numHeads }, (_, j) => kvHeadFor(j, numHeads, numKvHeads, order));
}

/** KV cache of one sequence: keys and values, every layer, numKvHeads heads of headDim. */
export function kvCacheBytes(o: { layers: number; numKvHeads: number; headDim: number; tokens: number; bytes: number }): number {
  return 2 * o.layers * o.numKvHeads * o.headDim * o.tokens * o.bytes;
}
