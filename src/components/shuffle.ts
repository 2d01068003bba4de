/**
 * Fisher–Yates shuffles for quiz choices. The banks were written with the key mostly in the
 * same few positions; a learner who notices would score without knowing, so every attempt
 * (topic page or drill) shows the choices in a fresh order and grades by original index.
 */
export type Random = () => number;

export function shuffled<T>(items: readonly T[], random: Random = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A display order for n choices: order[k] is the original index shown in position k. */
export function choiceOrder(n: number, random: Random = Math.random): number[] {
  return shuffled(
    Array.from({ length: n }, (_, i) => i),
    random,
  );
}
