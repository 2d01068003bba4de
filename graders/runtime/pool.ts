/**
 * A bounded pool for grading runs: each run is its own child process, so the number in
 * flight is what the machine's cores sustain. Used by the CLI, classroom batches and the
 * benchmarks.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  jobs: number,
  work: (item: T, index: number) => Promise<R>,
  /** Once aborted, no further item is started (an interrupted class run keeps what finished). */
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  const width = Math.max(1, Math.min(Math.floor(jobs), items.length));
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
