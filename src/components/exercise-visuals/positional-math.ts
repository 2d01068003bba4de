/**
 * The sinusoidal encoding table for the `positional` exercise's page, in both layouts,
 * and what a column means: which pair it belongs to, whether it is a sine, and its
 * wavelength. Float64 and plain arrays: the page draws it without tfjs.
 */
export type Layout = "interleaved" | "concat";

/** Pair index and kind of column `col` in a table of width `dModel`. */
export function columnRole(col: number, dModel: number, layout: Layout): { pair: number; sine: boolean } {
  const half = dModel / 2;
  return layout === "interleaved" ? { pair: Math.floor(col / 2), sine: col % 2 === 0 } : { pair: col % half, sine: col < half };
}

export function frequency(pair: number, dModel: number): number {
  return Math.pow(10000, (-2 * pair) / dModel);
}

/** Positions offset … offset + seqLen − 1 as rows; each entry is sin or cos of position·ω of its column's pair. */
export function encodingTable(seqLen: number, dModel: number, layout: Layout, offset = 0): number[][] {
  if (!Number.isInteger(dModel) || dModel <= 0 || dModel % 2 !== 0) throw new Error(`dModel must be even, got ${dModel}`);
  return Array.from({ length: seqLen }, (_, t) =>
    Array.from({ length: dModel }, (_, col) => {
      const { pair, sine } = columnRole(col, dModel, layout);
      const angle = (offset + t) * frequency(pair, dModel);
      return sine ? Math.sin(angle) : Math.cos(angle);
    }),
  );
}

/** Wavelength 2π/ω_i of the pair of column `col`, in positions. */
export function wavelength(col: number, dModel: number, layout: Layout): number {
  return (2 * Math.PI) / frequency(columnRole(col, dModel, layout).pair, dModel);
}
