/**
 * A minimal float64 n-d array for the reference kernels. Deliberately not tfjs: the
 * references must not share a single line of arithmetic with what they judge, and they
 * must not inherit float32 rounding.
 */
export interface NdArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function nd(shape: readonly number[], data?: ArrayLike<number>): NdArray {
  const n = sizeOf(shape);
  const out = new Float64Array(n);
  if (data) {
    if (data.length !== n) throw new Error(`nd: ${data.length} values for shape [${shape}]`);
    out.set(data);
  }
  return { shape: [...shape], data: out };
}

export function zerosLike(a: NdArray): NdArray {
  return nd(a.shape);
}

export function map(a: NdArray, f: (v: number, i: number) => number): NdArray {
  const out = nd(a.shape);
  for (let i = 0; i < a.data.length; i++) out.data[i] = f(a.data[i], i);
  return out;
}

export function zip(a: NdArray, b: NdArray, f: (x: number, y: number) => number): NdArray {
  assertSameShape(a, b, "zip");
  const out = nd(a.shape);
  for (let i = 0; i < a.data.length; i++) out.data[i] = f(a.data[i], b.data[i]);
  return out;
}

export function assertSameShape(a: NdArray, b: NdArray, where: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${where}: shapes [${a.shape}] and [${b.shape}] differ`);
  }
}

/** Resolve a possibly negative axis against a rank, as tfjs and NumPy do. */
export function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw new Error(`axis ${axis} out of range for rank ${rank}`);
  return a;
}

/**
 * Visit every 1-d fibre along `axis`: calls f with the flat indices of that fibre.
 * Kernels that act "along an axis" (softmax, sums) are written once against this.
 */
export function forEachFibre(shape: readonly number[], axis: number, f: (idx: number[]) => void): void {
  const ax = normAxis(axis, shape.length);
  const len = shape[ax];
  const inner = sizeOf(shape.slice(ax + 1));
  const outer = sizeOf(shape.slice(0, ax));
  const idx = new Array<number>(len);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      for (let k = 0; k < len; k++) idx[k] = base + k * inner;
      f(idx);
    }
  }
}

/** Row-major strides. */
export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** NumPy broadcasting of two shapes; throws when they are incompatible. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`cannot broadcast [${a}] with [${b}]`);
    out.push(Math.max(da, db));
  }
  return out;
}

/**
 * For each axis of `big`, how far a step along it moves in `small` (right-aligned, NumPy
 * rules): 0 where `small` has 1 or lacks the axis. Walking `big` with these strides reads
 * (or accumulates into) the matching element of `small` without a division per element.
 */
function broadcastStrides(small: readonly number[], big: readonly number[]): number[] {
  const offset = big.length - small.length;
  const own = strides(small);
  return big.map((_, d) => (d < offset || small[d - offset] === 1 ? 0 : own[d - offset]));
}

/** Calls f(i, j) for every flat index i of `shape` and the index j it maps to under `steps` (an odometer, innermost axis fastest). */
function walkBroadcast(shape: readonly number[], steps: readonly number[], f: (i: number, j: number) => void): void {
  const n = sizeOf(shape);
  const r = shape.length;
  const idx = new Array<number>(r).fill(0);
  let j = 0;
  for (let i = 0; i < n; i++) {
    f(i, j);
    for (let d = r - 1; d >= 0; d--) {
      idx[d]++;
      j += steps[d];
      if (idx[d] < shape[d]) break;
      j -= steps[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/** Materialise `a` broadcast to `shape`. */
export function broadcastTo(a: NdArray, shape: readonly number[]): NdArray {
  const full = broadcastShapes(a.shape, shape);
  if (full.length !== shape.length || full.some((d, i) => d !== shape[i])) {
    throw new Error(`cannot broadcast [${a.shape}] to [${shape}]`);
  }
  // Only axes of size 1 were added: the same elements in the same order.
  if (a.data.length === sizeOf(shape)) return nd(shape, a.data);
  const out = nd(shape);
  const src = a.data;
  const dst = out.data;
  walkBroadcast(shape, broadcastStrides(a.shape, shape), (i, j) => {
    dst[i] = src[j];
  });
  return out;
}

/** `a` broadcast to `shape` for reading only: `a` itself when it already has that shape (no copy). */
function broadcastView(a: NdArray, shape: readonly number[]): NdArray {
  if (a.shape.length === shape.length && a.shape.every((d, i) => d === shape[i])) return a;
  return broadcastTo(a, shape);
}

/** Sum `a` down to `shape` — the adjoint of broadcastTo, needed by every VJP of a broadcast. */
export function sumTo(a: NdArray, shape: readonly number[]): NdArray {
  if (a.data.length === sizeOf(shape)) return nd(shape, a.data);
  const out = nd(shape);
  const src = a.data;
  const dst = out.data;
  walkBroadcast(a.shape, broadcastStrides(shape, a.shape), (i, j) => {
    dst[j] += src[i];
  });
  return out;
}

/** Swap the last two axes (batched matrix transpose). */
export function transposeLast2(a: NdArray): NdArray {
  const r = a.shape.length;
  const m = a.shape[r - 2];
  const n = a.shape[r - 1];
  const batch = sizeOf(a.shape.slice(0, r - 2));
  const out = nd([...a.shape.slice(0, r - 2), n, m]);
  for (let b = 0; b < batch; b++) {
    const off = b * m * n;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out.data[off + j * m + i] = a.data[off + i * n + j];
  }
  return out;
}

/** General axis permutation. */
export function transpose(a: NdArray, perm: readonly number[]): NdArray {
  const shape = perm.map((p) => a.shape[p]);
  const out = nd(shape);
  const aStrides = strides(a.shape);
  const oStrides = strides(shape);
  for (let i = 0; i < out.data.length; i++) {
    let src = 0;
    for (let d = 0; d < shape.length; d++) src += (Math.floor(i / oStrides[d]) % shape[d]) * aStrides[perm[d]];
    out.data[i] = a.data[src];
  }
  return out;
}

export function reshape(a: NdArray, shape: readonly number[]): NdArray {
  if (sizeOf(shape) !== a.data.length) throw new Error(`cannot reshape [${a.shape}] to [${shape}]`);
  return { shape: [...shape], data: a.data };
}

/**
 * Batched matmul over the last two axes, with NumPy broadcasting of the batch axes.
 * a [..., m, k] · b [..., k, n] → [..., m, n].
 */
export function matmul(a: NdArray, b: NdArray): NdArray {
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2) throw new Error("matmul needs rank ≥ 2");
  const [m, k] = a.shape.slice(ra - 2);
  const [k2, n] = b.shape.slice(rb - 2);
  if (k !== k2) throw new Error(`matmul: inner dims ${k} and ${k2} differ`);
  const batch = broadcastShapes(a.shape.slice(0, ra - 2), b.shape.slice(0, rb - 2));
  const A = broadcastView(a, [...batch, m, k]);
  const B = broadcastView(b, [...batch, k, n]);
  const out = nd([...batch, m, n]);
  const nb = sizeOf(batch);
  for (let bi = 0; bi < nb; bi++) {
    const ao = bi * m * k;
    const bo = bi * k * n;
    const oo = bi * m * n;
    // i-t-j order walks B and the output by rows (no strided column reads); each output
    // element still sums its k products in the order t = 0, 1, …, so results are unchanged.
    for (let i = 0; i < m; i++) {
      const row = oo + i * n;
      for (let t = 0; t < k; t++) {
        const ait = A.data[ao + i * k + t];
        const brow = bo + t * n;
        for (let j = 0; j < n; j++) out.data[row + j] += ait * B.data[brow + j];
      }
    }
  }
  return out;
}

export function add(a: NdArray, b: NdArray): NdArray {
  const shape = broadcastShapes(a.shape, b.shape);
  return zip(broadcastView(a, shape), broadcastView(b, shape), (x, y) => x + y);
}

export function mul(a: NdArray, b: NdArray): NdArray {
  const shape = broadcastShapes(a.shape, b.shape);
  return zip(broadcastView(a, shape), broadcastView(b, shape), (x, y) => x * y);
}

export function scale(a: NdArray, s: number): NdArray {
  return map(a, (v) => v * s);
}

/** Σ a ⊙ b — the scalar a gradient check differentiates. */
export function dot(a: NdArray, b: NdArray): number {
  assertSameShape(a, b, "dot");
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i] * b.data[i];
  return s;
}
