/**
 * Global setup of the grader tier: bundle the grader's child process once (parallel test
 * files would race to build it).
 */
import { ensureChildBundle } from "../../graders/runtime/node-bundle.js";

export default async function setup(): Promise<void> {
  await ensureChildBundle();
}
