/**
 * What the browser grading worker changes in tfjs's WebGPU backend so that one run cannot
 * break the next (issue 11), and how it notices when the GPU device is gone anyway.
 *
 * The `loss` exercise lost SwiftShader's device because of tfjs's synchronous readback:
 * once an op has used a tensor made from JavaScript values, the backend drops those values
 * (they live on the GPU now), and a later `dataSync()` reads the GPU buffer through an
 * OffscreenCanvas with a 'webgpu' context. On SwiftShader (Chromium's software WebGPU) that
 * path returns zeros and destroys the device's Instance: every later `mapAsync` fails with
 * "A valid external Instance reference no longer exists", in this run and the next.
 * A learner who calls `tf.notEqual(targets, …)` before `targets.dataSync()` — as the
 * contract allows — hit it on every case.
 */

/** The parts of tfjs's WebGPUBackend used here (not its public API, so typed by hand). */
export interface WebGpuBackendInternals {
  device: { lost: Promise<{ reason?: string; message?: string }>; destroy(): void };
  tensorMap: { get(dataId: object): { values: unknown; resource: unknown; dtype: string } | undefined };
  /** Compiled programs by shader key; a Promise while tfjs's compile-only mode compiles one. */
  pipelineCache: Record<string, unknown>;
  uploadToGPU(dataId: object): void;
  readSync(dataId: object): unknown;
}

/**
 * A tensor made from JavaScript values keeps them after its upload to the GPU, as tfjs
 * itself keeps the values it has read back: an input's `dataSync()` is then a CPU read on
 * any backend, whatever ran on it first. GPU tensors are immutable, so the copy stays true;
 * what runs where does not change (WEBGPU_CPU_FORWARD is off: every op still runs on the GPU).
 */
export function keepUploadedValues(backend: WebGpuBackendInternals): void {
  const upload = backend.uploadToGPU.bind(backend);
  backend.uploadToGPU = (dataId: object) => {
    const data = backend.tensorMap.get(dataId);
    const values = data?.values;
    upload(dataId);
    if (data && values != null && data.values == null) data.values = values;
  };
}

export const SYNC_READBACK_REFUSED =
  "dataSync()/arraySync() (and print()) of a tensor computed on the GPU cannot run on this browser's software WebGPU " +
  "(SwiftShader): its synchronous readback returns wrong values and loses the GPU device. Read an input's values instead " +
  "(inputs are on the CPU: targets.dataSync() is fine), or keep the computation in tensors.";

/**
 * On a software adapter, a synchronous read of values that exist only on the GPU throws a
 * clear error instead of taking tfjs's OffscreenCanvas path (above). Real GPUs keep it: it
 * is slow there, not wrong.
 */
export function refuseGpuSyncReadback(backend: WebGpuBackendInternals): void {
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => {
    const data = backend.tensorMap.get(dataId);
    if (data && data.values == null && data.resource != null && data.dtype !== "complex64") throw new Error(SYNC_READBACK_REFUSED);
    return readSync(dataId);
  };
}

/** How the errors of a lost device read (Chromium's words for a device or an Instance that is gone). */
const DEVICE_LOSS = /Instance reference no longer exists|device (?:is |was |has been )?lost|GPUDevice.*(?:lost|destroyed)/i;

/** Whether an error (name and message, as the harness reports it) says the GPU device is gone. */
export function isDeviceLoss(error: { name?: string; message?: string } | undefined): boolean {
  if (!error) return false;
  return DEVICE_LOSS.test(error.message ?? "") || (error.name === "AbortError" && /mapAsync/.test(error.message ?? ""));
}

/** What a run ended by a lost device reports: the browser's words, cut short (the engine words the rest, in both languages: "run.device-lost"). */
export function deviceLostDetail(detail: string): string {
  return detail.slice(0, 300);
}

/** Call `onLost` once, when the backend's device is lost (by the browser, the driver, or a reset). */
export function watchDevice(backend: WebGpuBackendInternals, onLost: (detail: string) => void): void {
  void backend.device.lost.then((info) => onLost(`${info.reason ?? "unknown"}: ${info.message || "no message"}`));
}

/**
 * Wait for the programs compiled asynchronously (tfjs's compile-only mode) and put them in
 * the cache as tfjs's checkCompileCompletionAsync does — except that a program that failed
 * to compile is dropped, so the run that needs it compiles it again and reports what failed,
 * instead of finding a rejected Promise in the cache.
 */
export async function settlePipelines(backend: WebGpuBackendInternals): Promise<void> {
  const cache = backend.pipelineCache;
  await Promise.all(
    Object.entries(cache).map(async ([key, pipeline]) => {
      try {
        cache[key] = await pipeline;
      } catch {
        delete cache[key];
      }
    }),
  );
}
