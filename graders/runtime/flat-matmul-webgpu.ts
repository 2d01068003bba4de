/**
 * A batched matmul for the grading worker on SwiftShader (WebGPU on the CPU), where compiling
 * GPU programs, not running them, is most of a first verdict (issue 14). Measured in Node's
 * Dawn on SwiftShader: tfjs's tiled matmul (MatMulSmallOutputSizeProgram) takes 120–145 ms to
 * compile, and tfjs compiles it once per combination of transposes, flat or 3-d dispatch and
 * which operand has the output's shape — 18 programs in multi-head attention's run, 2.2 s of a
 * 4 s first verdict. This program computes each output element as one invocation's ordered
 * sum over k, reads the transposes and sizes from uniforms and sees its operands as flat
 * arrays, so one program (a few variants at most: an operand of one element, or one as large
 * as the output) serves every matmul, and it compiles in about as long as an elementwise op.
 *
 * It is a GPU kernel like tfjs's: float32 arithmetic in a compute shader, products summed in
 * k order. Batch dimensions broadcast as in tfjs 4.22's kernels (batch index modulo each
 * operand's batch size). A real GPU keeps tfjs's own programs.
 */
import type * as TF from "@tensorflow/tfjs";

type Tf = typeof TF;

interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}

interface WebGpuBackendLike {
  runWebGPUProgram(program: object, inputs: TensorInfo[], dtype: string, uniforms: { type: string; data: number[] }[]): TensorInfo;
}

const WORKGROUP = 64;

/** The tfjs WebGPUProgram shape (webgpu_program.ts): its generator adds buffers, uniforms and the entry point. */
function flatMatMulProgram(size: number) {
  return {
    variableNames: ["A", "B"],
    outputShape: [size],
    shaderKey: "courseFlatMatMul",
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(size / WORKGROUP), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    size: true,
    uniforms: "batchA : i32, batchB : i32, m : i32, n : i32, k : i32, transA : i32, transB : i32,",
    getUserCode: () => `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let mn = uniforms.m * uniforms.n;
          let batch = index / mn;
          let row = (index % mn) / uniforms.n;
          let col = index % uniforms.n;
          let aBase = (batch % uniforms.batchA) * uniforms.m * uniforms.k;
          let bBase = (batch % uniforms.batchB) * uniforms.k * uniforms.n;
          var acc = 0.0;
          for (var t = 0; t < uniforms.k; t++) {
            let ai = select(aBase + row * uniforms.k + t, aBase + t * uniforms.m + row, uniforms.transA != 0);
            let bi = select(bBase + t * uniforms.n + col, bBase + col * uniforms.k + t, uniforms.transB != 0);
            acc = acc + A[ai] * B[bi];
          }
          setOutputAtIndex(index, acc);
        }
      }`,
  };
}

/** Replace the webgpu backend's BatchMatMul kernel with the flat one (float32 operands; others go to tfjs's own). */
export function useFlatMatMul(tf: Tf): void {
  const sizeOf = tf.util.sizeFromShape;
  const stock = tf.getKernel("BatchMatMul", "webgpu");
  if (!stock) return;
  tf.unregisterKernel("BatchMatMul", "webgpu");
  tf.registerKernel({
    ...stock,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as unknown as { a: TensorInfo; b: TensorInfo };
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      if (a.dtype !== "float32" || b.dtype !== "float32" || sizeOf(a.shape) === 0 || sizeOf(b.shape) === 0) return stock.kernelFunc(args);
      const ra = a.shape.length;
      const rb = b.shape.length;
      const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
      const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
      const kB = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
      const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
      // tfjs-core's matMul op has already checked the shapes; the stock kernel reports anything else.
      if (k !== kB) return stock.kernelFunc(args);
      const batchA = sizeOf(a.shape.slice(0, -2));
      const batchB = sizeOf(b.shape.slice(0, -2));
      const outBatch = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
      const outShape = [...outBatch, m, n];
      const size = Math.max(batchA, batchB) * m * n;
      const backend = args.backend as unknown as WebGpuBackendLike;
      const flat = (t: TensorInfo): TensorInfo => ({ dataId: t.dataId, shape: [sizeOf(t.shape)], dtype: t.dtype });
      const uniforms = [batchA, batchB, m, n, k, transposeA ? 1 : 0, transposeB ? 1 : 0].map((v) => ({ type: "int32", data: [v] }));
      const out = backend.runWebGPUProgram(flatMatMulProgram(size), [flat(a), flat(b)], "float32", uniforms);
      return { dataId: out.dataId, shape: outShape, dtype: "float32" } as unknown as TF.TensorInfo;
    },
  });
}
