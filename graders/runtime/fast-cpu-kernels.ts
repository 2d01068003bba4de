/**
 * Drop-in replacements for three of tfjs-backend-cpu's index helpers, substituted into the
 * grading bundles by tfjs-lite-plugin.ts. Profiling `bench:class` showed a third of a grading
 * child's time in the stock versions: they turn every flat index into a location array and
 * back (`indexToLoc` + `slice` + `locToIndex`), allocating per element, and the attention
 * family broadcasts on nearly every op (scores − max, ÷ sum, masks, biases).
 *
 * These walk the output with an odometer instead: the source offsets move by a fixed stride
 * per axis, so an element costs a few additions. They visit the same source element for
 * every output element and apply the same `op`, so every result is bit-for-bit the stock
 * one — tests/fast-cpu-kernels.test.ts checks that against stock tfjs on random shapes.
 * The signatures are the stock ones (tfjs-backend-cpu 4.22).
 */
import { backend_util, buffer, type DataType, type DataValues, type Rank, type TensorBuffer, type TypedArray, util } from "@tensorflow/tfjs-core";

type BinaryOp = (a: number, b: number) => number;

/** How far one step along each output axis moves in an input broadcast to it (0 where the input is 1 or lacks the axis). */
function stepsInto(inShape: readonly number[], outShape: readonly number[]): number[] {
  const offset = outShape.length - inShape.length;
  const own = util.computeStrides(inShape as number[]);
  return outShape.map((_, d) => {
    const k = d - offset;
    if (k < 0 || inShape[k] === 1) return 0;
    return k === inShape.length - 1 ? 1 : own[k];
  });
}

/** tfjs-backend-cpu's `createSimpleBinaryKernelImpl` (utils/binary_impl.js), without a per-element allocation. */
export function createSimpleBinaryKernelImpl(op: BinaryOp) {
  return (aShape: number[], bShape: number[], aVals: DataValues, bVals: DataValues, dtype: DataType): [TypedArray, number[]] => {
    const newShape = backend_util.assertAndGetBroadcastShape(aShape, bShape);
    const result = util.getTypedArrayFromDType(dtype as "float32", util.sizeFromShape(newShape));
    const av = aVals as ArrayLike<number>;
    const bv = bVals as ArrayLike<number>;
    if (backend_util.getBroadcastDims(aShape, newShape).length + backend_util.getBroadcastDims(bShape, newShape).length === 0) {
      // The stock fast path: only leading axes are missing, which a modulo repeats.
      for (let i = 0; i < result.length; ++i) result[i] = op(av[i % av.length], bv[i % bv.length]);
      return [result, newShape];
    }
    const rank = newShape.length;
    const aStep = stepsInto(aShape, newShape);
    const bStep = stepsInto(bShape, newShape);
    const idx = new Array<number>(rank).fill(0);
    let ia = 0;
    let ib = 0;
    for (let i = 0; i < result.length; ++i) {
      result[i] = op(av[ia], bv[ib]);
      for (let d = rank - 1; d >= 0; d--) {
        ia += aStep[d];
        ib += bStep[d];
        if (++idx[d] < newShape[d]) break;
        ia -= aStep[d] * newShape[d];
        ib -= bStep[d] * newShape[d];
        idx[d] = 0;
      }
    }
    return [result, newShape];
  };
}

/** tfjs-backend-cpu's `transposeImpl` (kernels/Transpose_impl.js): walks the input in order, writing each element where the permutation sends it. */
export function transposeImpl(xVals: TypedArray, xShape: number[], dtype: DataType, perm: number[], newShape: number[]): TypedArray {
  const rank = xShape.length;
  const xSize = util.sizeFromShape(xShape);
  const result = util.getTypedArrayFromDType(dtype as "float32", util.sizeFromShape(newShape));
  if (rank === 0) {
    if (xSize > 0) result[0] = xVals[0];
    return result;
  }
  const newStrides = [...util.computeStrides(newShape), 1];
  // Input axis d is output axis k with perm[k] === d: a step along d moves newStrides[k] in the output.
  const outStep = new Array<number>(rank);
  for (let k = 0; k < rank; k++) outStep[perm[k]] = newStrides[k];
  const idx = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < xSize; ++i) {
    result[o] = xVals[i];
    for (let d = rank - 1; d >= 0; d--) {
      o += outStep[d];
      if (++idx[d] < xShape[d]) break;
      o -= outStep[d] * xShape[d];
      idx[d] = 0;
    }
  }
  return result;
}

/** tfjs-backend-cpu's `tileImpl` (kernels/Tile_impl.js): an odometer over the output that wraps each axis's source position at the input's size. */
export function tileImpl<R extends Rank>(xBuf: TensorBuffer<R>, reps: number[]): TensorBuffer<R> {
  const rank = xBuf.rank;
  const inShape = xBuf.shape as number[];
  const newShape = inShape.map((n, d) => n * reps[d]);
  const result = buffer(newShape, xBuf.dtype) as unknown as TensorBuffer<R>;
  const out = result.values as ArrayLike<unknown> as unknown[];
  const src = xBuf.values as ArrayLike<unknown>;
  if (rank === 0) {
    if (out.length > 0) out[0] = src[0];
    return result;
  }
  const inStep = [...util.computeStrides(inShape), 1];
  const idx = new Array<number>(rank).fill(0);
  const pos = new Array<number>(rank).fill(0);
  let j = 0;
  for (let i = 0; i < out.length; ++i) {
    out[i] = src[j];
    for (let d = rank - 1; d >= 0; d--) {
      j += inStep[d];
      if (++pos[d] === inShape[d]) {
        pos[d] = 0;
        j -= inStep[d] * inShape[d];
      }
      if (++idx[d] < newShape[d]) break;
      idx[d] = 0;
    }
  }
  return result;
}
