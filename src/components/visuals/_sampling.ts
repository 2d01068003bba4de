/**
 * Topic 34's arithmetic: how a next-token distribution is reshaped before sampling.
 * The order is the one Hugging Face's generate applies its warpers in: temperature on the
 * logits, then top-k, then top-p (nucleus, Holtzman et al., 2020) on the renormalised
 * probabilities. Plain float64 arrays; no tfjs.
 */
import { softmax } from "./_math.js";

export interface SamplingSettings {
  /** T > 0 divides the logits; T → 0 tends to greedy decoding. */
  temperature: number;
  /** Keep the k most probable tokens (k ≥ vocabulary size keeps them all). */
  topK: number;
  /** Keep the smallest set of most probable tokens whose mass reaches p (p = 1 keeps all). */
  topP: number;
}

export interface SamplingResult {
  /** softmax(z / T), before any truncation. */
  tempered: number[];
  /** The distribution sampled from: truncated and renormalised (0 for dropped tokens). */
  final: number[];
  /** kept[i]: token i survives both truncations. */
  kept: boolean[];
}

/** Token indices from most to least probable; ties keep the lower index first (stable). */
export function rankByProbability(p: number[]): number[] {
  return p.map((_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
}

/** Keeps the k most probable tokens. */
export function topKMask(p: number[], k: number): boolean[] {
  const keep = new Set(rankByProbability(p).slice(0, Math.max(1, Math.floor(k))));
  return p.map((_, i) => keep.has(i));
}

/**
 * The nucleus: walk the tokens from most probable down and stop as soon as the mass taken
 * reaches p. The token that crosses p is kept, so the set is never empty.
 */
export function topPMask(p: number[], topP: number): boolean[] {
  const keep = new Array<boolean>(p.length).fill(false);
  let mass = 0;
  for (const i of rankByProbability(p)) {
    keep[i] = true;
    mass += p[i];
    // A hair of slack: with p = 1 float rounding must not drop the last token.
    if (mass >= topP - 1e-12) break;
  }
  return keep;
}

export function renormalise(p: number[], keep: boolean[]): number[] {
  const total = p.reduce((s, v, i) => s + (keep[i] ? v : 0), 0);
  return p.map((v, i) => (keep[i] ? v / total : 0));
}

export function samplingDistribution(logits: number[], s: SamplingSettings): SamplingResult {
  if (!(s.temperature > 0)) throw new RangeError(`temperature must be > 0, got ${s.temperature}`);
  const tempered = softmax(logits, s.temperature);
  const afterK = renormalise(tempered, topKMask(tempered, s.topK));
  const nucleus = topPMask(afterK, s.topP);
  const kept = afterK.map((v, i) => v > 0 && nucleus[i]);
  return { tempered, final: renormalise(afterK, kept), kept };
}

/** A toy two-step model: the next-token distribution given the prefix so far. */
export type ToyModel = (prefix: string[]) => Map<string, number>;

/** Greedy decoding: the most probable token at every step. Returns the sequence and its probability. */
export function greedy(model: ToyModel, steps: number): { tokens: string[]; prob: number } {
  const tokens: string[] = [];
  let prob = 1;
  for (let t = 0; t < steps; t++) {
    const [best, p] = [...model(tokens)].reduce((a, b) => (b[1] > a[1] ? b : a));
    tokens.push(best);
    prob *= p;
  }
  return { tokens, prob };
}

/** Beam search with beam width `beams` (no length penalty: every hypothesis has the same length). */
export function beamSearch(model: ToyModel, steps: number, beams: number): { tokens: string[]; prob: number } {
  let frontier = [{ tokens: [] as string[], logProb: 0 }];
  for (let t = 0; t < steps; t++) {
    const candidates = frontier.flatMap((h) => [...model(h.tokens)].map(([tok, p]) => ({ tokens: [...h.tokens, tok], logProb: h.logProb + Math.log(p) })));
    frontier = candidates.sort((a, b) => b.logProb - a.logProb).slice(0, beams);
  }
  return { tokens: frontier[0].tokens, prob: Math.exp(frontier[0].logProb) };
}
