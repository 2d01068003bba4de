/**
 * Memory of one attention call, plain vs tiled (the flash exercise), in elements. Plain
 * attention holds the score matrix [B, L, L]; attention by key blocks holds one block of
 * scores [B, L, blockSize], the running output [B, L, d_v] and the running max and sum
 * [B, L, 1] each — linear in L. B counts batch × heads. Pure math, no tfjs.
 */
export function fullScoreElements(batch: number, lq: number, lk: number): number {
  return batch * lq * lk;
}

/** The live state of the online softmax while one key block is processed. */
export function tiledStateElements(batch: number, lq: number, lk: number, blockSize: number, dv: number): number {
  return batch * lq * (Math.min(blockSize, lk) + dv + 2);
}

export interface MemoryPoint {
  length: number;
  full: number;
  tiled: number;
}

/** Bytes of both at every sequence length (Lq = Lk = length), for `bytes` per element. */
export function memoryCurve(lengths: readonly number[], o: { batch: number; blockSize: number; dv: number; bytes: number }): MemoryPoint[] {
  return lengths.map((length) => ({
    length,
    full: fullScoreElements(o.batch, length, length) * o.bytes,
    tiled: tiledStateElements(o.batch, length, length, o.blockSize, o.dv) * o.bytes,
  }));
}

/** The length from which the score matrix outweighs the tiled state: L > blockSize + d_v + 2. */
export function crossover(blockSize: number, dv: number): number {
  return blockSize + dv + 2;
}
