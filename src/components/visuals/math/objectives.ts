/**
 * What each pre-training objective trains on, for topic 41 (pure functions; the visual and the
 * tests share them). A layout lists the model's input positions, the target (if any) whose
 * cross-entropy each position contributes, and which positions each may attend to.
 * - causal LM: every position predicts the next token and sees only itself and the past;
 * - masked LM (Devlin et al., 2019): 15% of positions are chosen, of which 80% become [MASK],
 *   10% a random token and 10% stay as they are; only the chosen positions have a target,
 *   and attention is bidirectional;
 * - prefix LM: bidirectional inside the prefix, causal after it, loss on the continuation only;
 * - encoder–decoder with span corruption (Raffel et al., 2020): spans of the input are replaced
 *   by sentinels; the decoder, causal and cross-attending to the whole encoder, produces
 *   the sentinels followed by the dropped spans.
 */

export type Objective = "causal" | "masked" | "prefix" | "span";

export interface Position {
  /** The token the model is fed here. */
  input: string;
  /** The token whose −log p is in the loss here, or null (no loss). */
  target: string | null;
  /** Encoder or decoder side (only the encoder–decoder layout has both). */
  side: "encoder" | "decoder" | "single";
  /** For masked LM: how the input was corrupted, if it was chosen. */
  corruption?: "mask" | "random" | "kept";
}

export interface Layout {
  positions: Position[];
  /** attend[i][j]: may position i (as a query) attend to position j (as a key)? */
  attend: boolean[][];
}

export const BOS = "<s>";
export const EOS = "</s>";
export const MASK = "[MASK]";
const SENTINELS = ["<X>", "<Y>", "<Z>", "<W>", "<V>", "<U>"];

const grid = (n: number, rule: (i: number, j: number) => boolean) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => rule(i, j)));

/** Input <s> w1 … wn; position i predicts w(i+1), the last one </s>. */
export function causalLayout(words: string[]): Layout {
  const inputs = [BOS, ...words];
  return { positions: inputs.map((input, i) => ({ input, target: words[i] ?? EOS, side: "single" })), attend: grid(inputs.length, (i, j) => j <= i) };
}

/** The prefix is the first `prefixLen` input positions (counting <s>); loss from the last prefix position on. */
export function prefixLayout(words: string[], prefixLen: number): Layout {
  const n = words.length + 1;
  if (!Number.isInteger(prefixLen) || prefixLen < 1 || prefixLen > n - 1) throw new Error(`the prefix must hold 1…${n - 1} positions, got ${prefixLen}`);
  const { positions } = causalLayout(words);
  return {
    positions: positions.map((p, i) => ({ ...p, target: i >= prefixLen - 1 ? p.target : null })),
    attend: grid(n, (i, j) => j <= i || j < prefixLen),
  };
}

/** BERT's corruption: round(rate·n) positions (at least one), each → [MASK] (80%), a random vocabulary word (10%) or itself (10%). */
export function maskedLayout(words: string[], next: () => number, vocabulary: string[], rate = 0.15): Layout {
  const n = words.length;
  const chosen = new Set<number>();
  const count = Math.max(1, Math.round(rate * n));
  while (chosen.size < count) chosen.add(Math.floor(next() * n));
  const positions: Position[] = words.map((w, i) => {
    if (!chosen.has(i)) return { input: w, target: null, side: "single" };
    const r = next();
    if (r < 0.8) return { input: MASK, target: w, side: "single", corruption: "mask" };
    if (r < 0.9) return { input: vocabulary[Math.floor(next() * vocabulary.length)], target: w, side: "single", corruption: "random" };
    return { input: w, target: w, side: "single", corruption: "kept" };
  });
  return { positions, attend: grid(n, () => true) };
}

/** Encoder: the words with each span replaced by a sentinel. Decoder: <s>, then each sentinel and its span, then a final sentinel. */
export function spanLayout(words: string[], spans: [number, number][]): Layout {
  if (spans.length > SENTINELS.length - 1) throw new Error(`at most ${SENTINELS.length - 1} spans, got ${spans.length}`);
  const encoder: string[] = [];
  const target: string[] = [];
  let at = 0;
  spans.forEach(([start, len], s) => {
    if (start < at || len < 1 || start + len > words.length) throw new Error(`span ${s} [${start}, ${start + len}) overlaps another or leaves the sentence`);
    encoder.push(...words.slice(at, start), SENTINELS[s]);
    target.push(SENTINELS[s], ...words.slice(start, start + len));
    at = start + len;
  });
  encoder.push(...words.slice(at));
  target.push(SENTINELS[spans.length]);
  const decoderInputs = [BOS, ...target.slice(0, -1)];
  const e = encoder.length;
  const positions: Position[] = [
    ...encoder.map((input): Position => ({ input, target: null, side: "encoder" })),
    ...decoderInputs.map((input, i): Position => ({ input, target: target[i], side: "decoder" })),
  ];
  return {
    positions,
    // Encoder rows see the whole encoder; decoder rows see the whole encoder (cross-attention) and the decoder causally.
    attend: grid(positions.length, (i, j) => (i < e ? j < e : j < e || j <= i)),
  };
}

/** Positions with a loss term, and all positions. */
export function lossCoverage(layout: Layout): { trained: number; total: number } {
  return { trained: layout.positions.filter((p) => p.target !== null).length, total: layout.positions.length };
}
