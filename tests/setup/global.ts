/** Build the grader's child-process bundle once, before parallel test files race to do it. */
import { ensureChildBundle } from "../../graders/runtime/node-bundle.ts";

export default async function setup(): Promise<void> {
  await ensureChildBundle();
}
