/**
 * The page's side of the lab: the worker is created only when a measurement starts (it
 * brings tfjs; the page does not), and lives until the page goes away.
 */
import { isWorkerMessage, type MeasureRequest, type WorkerMessage } from "./protocol.js";

export interface LabClient {
  measure(req: Omit<MeasureRequest, "type">, on: (m: WorkerMessage) => void): Promise<void>;
  dispose(): void;
}

export function labClient(workerUrl: string): LabClient {
  let worker: Worker | null = null;
  return {
    measure(req, on) {
      worker ??= new Worker(workerUrl, { type: "module" });
      const w = worker;
      return new Promise<void>((resolve, reject) => {
        w.onmessage = (e: MessageEvent) => {
          if (!isWorkerMessage(e.data)) return;
          on(e.data);
          if (e.data.type === "done") resolve();
          if (e.data.type === "fatal") reject(new Error(e.data.message));
        };
        w.onerror = (e) => reject(new Error(`the lab's worker failed: ${e.message}`));
        w.postMessage({ type: "boot" });
        w.postMessage({ type: "measure", ...req });
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
}
