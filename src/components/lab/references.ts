/**
 * Reference points measured on an NVIDIA H100 (issue 14): scaled dot-product attention,
 * forward + backward, at four sizes B·L·D from 8·128·64 to 4·2048·64 — tfjs's WebGPU backend
 * (through Dawn, Vulkan) against PyTorch on CUDA, same GPU, same sizes.
 */
export const H100_REFERENCE = {
  sizes: { first: "8·128·64", last: "4·2048·64", count: 4 },
  tfjsWebgpuMs: [6.2, 12.4, 16.9, 20.8],
  pytorchCudaMs: [0.9, 0.7, 0.8, 1.0],
} as const;
