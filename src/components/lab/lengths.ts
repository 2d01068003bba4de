/** The sequence lengths the lab measures: 128 … 4096 by default, or `?lengths=16,32` (the tests use short ones). */
export const DEFAULT_LENGTHS = [128, 256, 512, 1024, 2048, 4096];
const MAX_LENGTH = 16_384;
const MAX_COUNT = 12;

export type LengthsResult = { ok: true; lengths: number[] } | { ok: false; message: string };

export function parseLengths(search: string): LengthsResult {
  const raw = new URLSearchParams(search).get("lengths");
  if (raw === null || raw.trim() === "") return { ok: true, lengths: DEFAULT_LENGTHS };
  const parts = raw.split(",").map((s) => s.trim());
  const bad = parts.filter((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > MAX_LENGTH);
  if (bad.length)
    return { ok: false, message: `?lengths= takes whole numbers from 1 to ${MAX_LENGTH}, separated by commas; not: ${bad.slice(0, 3).join(", ")}` };
  const lengths = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (lengths.length > MAX_COUNT) return { ok: false, message: `?lengths= takes at most ${MAX_COUNT} lengths` };
  return { ok: true, lengths };
}
