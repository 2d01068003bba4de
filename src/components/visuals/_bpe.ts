/**
 * Topic 35's arithmetic: byte-pair encoding learned on a small text (Sennrich et al., 2016,
 * §3.2 and Algorithm 1), and the Viterbi segmentation a Unigram model uses (Kudo, 2018).
 *
 * Conventions, chosen to match what learners meet in practice:
 * - Pre-tokenisation splits letter/digit runs from punctuation; a word that follows a space
 *   (or starts the text) carries SentencePiece's "▁" marker, so merges never cross words.
 * - Base symbols are characters, or — byte-level, as in GPT-2 — the UTF-8 bytes of each
 *   character. A byte-level symbol is stored as a "binary string" (one char per byte).
 * - Among pairs with the same count, the one seen first in the text wins: Algorithm 1's
 *   max over a Python dict, which keeps insertion order.
 */

export const SPACE_MARK = "▁";

export interface Word {
  symbols: string[];
  count: number;
}

export interface Merge {
  left: string;
  right: string;
  count: number;
}

const WORD = /(\s*)([\p{L}\p{N}]+|[^\s\p{L}\p{N}]+)/gu;

/** The words of a text in order, each with its space marker when it follows a space. */
export function pretokenise(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(WORD)) words.push((m.index === 0 || m[1] ? SPACE_MARK : "") + m[2]);
  return words;
}

function utf8Bytes(s: string): string {
  return [...new TextEncoder().encode(s)].map((b) => String.fromCharCode(b)).join("");
}

/** Base symbols of one word: its characters, or the UTF-8 bytes of each character (the marker is the space byte). */
export function baseSymbols(word: string, byteLevel: boolean): string[] {
  if (!byteLevel) return [...word];
  const text = word.startsWith(SPACE_MARK) ? ` ${word.slice(SPACE_MARK.length)}` : word;
  return [...utf8Bytes(text)];
}

/** Bytes in a UTF-8 sequence that starts with `lead` (0 for a continuation byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 0;
}

/** How a symbol is shown: bytes that form whole characters are decoded; stray bytes are shown as <E4>. */
export function displaySymbol(symbol: string, byteLevel: boolean): string {
  if (!byteLevel) return symbol;
  const bytes = [...symbol].map((c) => c.charCodeAt(0));
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]);
    const whole = n > 0 && i + n <= bytes.length && bytes.slice(i + 1, i + n).every((b) => b >= 0x80 && b < 0xc0);
    if (whole) {
      out += new TextDecoder().decode(Uint8Array.from(bytes.slice(i, i + n))).replace(/ /g, SPACE_MARK);
      i += n;
    } else {
      out += `<${bytes[i].toString(16).toUpperCase()}>`;
      i++;
    }
  }
  return out;
}

/** Distinct words with their counts, in order of first appearance (the order ties are broken in). */
export function wordCounts(words: string[], byteLevel: boolean): Word[] {
  const byWord = new Map<string, Word>();
  for (const w of words) {
    const entry = byWord.get(w);
    if (entry) entry.count++;
    else byWord.set(w, { symbols: baseSymbols(w, byteLevel), count: 1 });
  }
  return [...byWord.values()];
}

/** Replaces every adjacent (left, right) in a symbol list, scanning left to right. */
export function applyMerge(symbols: string[], left: string, right: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
      out.push(left + right);
      i++;
    } else out.push(symbols[i]);
  }
  return out;
}

/** The most frequent adjacent pair over the corpus (first seen wins a tie), or null if none is left. */
export function mostFrequentPair(corpus: Word[]): Merge | null {
  const counts = new Map<string, Merge>();
  for (const { symbols, count } of corpus) {
    for (let i = 0; i + 1 < symbols.length; i++) {
      const key = `${symbols[i]}\u0000${symbols[i + 1]}`;
      const entry = counts.get(key);
      if (entry) entry.count += count;
      else counts.set(key, { left: symbols[i], right: symbols[i + 1], count });
    }
  }
  let best: Merge | null = null;
  for (const m of counts.values()) if (!best || m.count > best.count) best = m;
  return best;
}

/** Learns up to `maxMerges` merges; stops early once every word is a single symbol. */
export function learnMerges(corpus: Word[], maxMerges: number): Merge[] {
  let words = corpus.map((w) => ({ ...w, symbols: [...w.symbols] }));
  const merges: Merge[] = [];
  while (merges.length < maxMerges) {
    const best = mostFrequentPair(words);
    if (!best) break;
    merges.push(best);
    words = words.map((w) => ({ ...w, symbols: applyMerge(w.symbols, best.left, best.right) }));
  }
  return merges;
}

/** Encodes words with the merges in the order they were learned (how a BPE tokenizer encodes). */
export function encode(words: string[], merges: Merge[], byteLevel: boolean): string[][] {
  return words.map((w) => merges.reduce((symbols, m) => applyMerge(symbols, m.left, m.right), baseSymbols(w, byteLevel)));
}

/**
 * Unigram segmentation: the split of `word` into pieces of the vocabulary that maximises
 * the sum of the pieces' log-probabilities (Viterbi over end positions). Null if no split exists.
 */
export function viterbiSegment(word: string, logProb: Map<string, number>): { pieces: string[]; logProb: number } | null {
  const chars = [...word];
  const best: { score: number; from: number }[] = [{ score: 0, from: -1 }];
  for (let end = 1; end <= chars.length; end++) {
    best[end] = { score: -Infinity, from: -1 };
    for (let start = 0; start < end; start++) {
      const lp = logProb.get(chars.slice(start, end).join(""));
      if (lp === undefined || best[start].score === -Infinity) continue;
      if (best[start].score + lp > best[end].score) best[end] = { score: best[start].score + lp, from: start };
    }
  }
  if (best[chars.length].score === -Infinity) return null;
  const pieces: string[] = [];
  for (let end = chars.length; end > 0; end = best[end].from) pieces.unshift(chars.slice(best[end].from, end).join(""));
  return { pieces, logProb: best[chars.length].score };
}
