/**
 * KV-cache arithmetic for topic 38 (pure functions; the visual and the tests share them).
 * Per layer and per token the cache holds one key and one value vector for every KV head:
 *   bytes = 2 (K and V) · layers · kvHeads · dHead · seqLen · batch · bytesPerValue.
 * Multi-head attention has kvHeads = heads; grouped-query attention (Ainslie et al., 2023)
 * 1 < kvHeads < heads, with heads / kvHeads query heads per group; multi-query attention
 * (Shazeer, 2019) kvHeads = 1.
 */

export interface CacheShape {
  layers: number;
  /** Query heads. */
  heads: number;
  /** Key/value heads: heads (MHA), a divisor of heads (GQA) or 1 (MQA). */
  kvHeads: number;
  dHead: number;
  seqLen: number;
  batch: number;
  bytesPerValue: number;
}

export const DTYPES: { id: string; bytes: number }[] = [
  { id: "float32", bytes: 4 },
  { id: "bfloat16 / float16", bytes: 2 },
  { id: "int8 / fp8", bytes: 1 },
];

/** A shape that cannot be a cache gets a message that names the field, never a silent NaN. */
export function checkShape(s: CacheShape): void {
  for (const key of ["layers", "heads", "kvHeads", "dHead", "seqLen", "batch"] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 1) throw new Error(`${key} must be a positive integer, got ${s[key]}`);
  }
  if (!(s.bytesPerValue > 0)) throw new Error(`bytesPerValue must be positive, got ${s.bytesPerValue}`);
  if (s.heads % s.kvHeads !== 0) throw new Error(`kvHeads (${s.kvHeads}) must divide heads (${s.heads}): each KV head serves a whole group of query heads`);
}

export function kvCacheBytes(s: CacheShape): number {
  checkShape(s);
  return 2 * s.layers * s.kvHeads * s.dHead * s.seqLen * s.batch * s.bytesPerValue;
}

/** Bytes one more token adds to one sequence's cache. */
export function bytesPerToken(s: CacheShape): number {
  return kvCacheBytes({ ...s, seqLen: 1, batch: 1 });
}

/** The KV-head counts a model with `heads` query heads can use: every divisor, from MQA (1) to MHA (heads). */
export function kvHeadOptions(heads: number): number[] {
  return Array.from({ length: heads }, (_, i) => i + 1).filter((g) => heads % g === 0);
}

/** How many sequences of seqLen tokens fit in `budgetBytes` after the weights (0 when none does). */
export function maxBatch(s: CacheShape, budgetBytes: number): number {
  const perSequence = kvCacheBytes({ ...s, batch: 1 });
  return Math.max(0, Math.floor(budgetBytes / perSequence));
}

/** Parameters of W_K and W_V in one layer (d_model = heads · dHead): GQA shrinks them with the cache. */
export function kvProjectionParams(s: Pick<CacheShape, "heads" | "kvHeads" | "dHead">): number {
  return 2 * s.heads * s.dHead * s.kvHeads * s.dHead;
}

/** Binary units, as memory is sold and reported: 512 KiB, 2 GiB. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = v >= 100 || Number.isInteger(v) ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${units[u]}`;
}
