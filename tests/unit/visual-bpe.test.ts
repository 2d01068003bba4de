/**
 * Topic 35's tokenisers (src/components/visuals/_bpe.ts): BPE learns the most frequent pair
 * first and encodes by replaying its merges, byte-level BPE never meets an unknown character,
 * and the Unigram Viterbi search finds the most probable split.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  applyMerge,
  baseSymbols,
  displaySymbol,
  encode,
  learnMerges,
  mostFrequentPair,
  pretokenise,
  viterbiSegment,
  wordCounts,
} from "../../src/components/visuals/_bpe.js";

const SAMPLE = "low lower lowest, new newer newest, wide wider widest";

describe("pre-tokenisation", () => {
  it("marks words that follow a space and splits punctuation off", () => {
    expect(pretokenise("low lower, lowest")).toEqual(["▁low", "▁lower", ",", "▁lowest"]);
    expect(pretokenise("机器学习，学习")).toEqual(["▁机器学习", "，", "学习"]);
  });

  it("goes to UTF-8 bytes at byte level: 3 for a common Chinese character, 2 for é", () => {
    expect(baseSymbols("▁学", true).map((s) => s.charCodeAt(0))).toEqual([0x20, 0xe5, 0xad, 0xa6]);
    expect(baseSymbols("é", true)).toHaveLength(2);
    expect(baseSymbols("é", false)).toEqual(["é"]);
  });

  it("shows whole characters decoded and stray bytes in hex", () => {
    const bytes = baseSymbols("学习", true);
    expect(displaySymbol(bytes.slice(0, 4).join(""), true)).toBe("学<E4>");
    expect(displaySymbol(bytes.join(""), true)).toBe("学习");
  });
});

describe("learning merges", () => {
  it("counts pairs weighted by word frequency and takes the most frequent", () => {
    const corpus = wordCounts(pretokenise("hug hug hug pug pun"), false);
    const best = mostFrequentPair(corpus)!;
    // "u g" occurs in hug ×3 and pug ×1; "▁ h" only 3 times.
    expect([best.left, best.right, best.count]).toEqual(["u", "g", 4]);
  });

  it("breaks a tie in favour of the pair seen first", () => {
    const best = mostFrequentPair(wordCounts(pretokenise("ab cd"), false))!;
    expect(best.left + best.right).toBe("▁a");
  });

  it("merges 'we' first on the sample, since it occurs in lower, lowest, newer and newest", () => {
    const merges = learnMerges(wordCounts(pretokenise(SAMPLE), false), 100);
    expect(merges[0]).toMatchObject({ left: "w", right: "e", count: 4 });
    // Learning stops once every word is a single symbol: then the text encodes to whole words.
    const final = encode(pretokenise(SAMPLE), merges, false);
    expect(final.every((w) => w.length === 1)).toBe(true);
  });

  it("never increases the number of tokens as merges are added, and encodes back to the same text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("low", "lower", "newest", "wide", "学习", "机器", "café", ","), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (parts, byteLevel) => {
          const words = pretokenise(parts.join(" "));
          const merges = learnMerges(wordCounts(words, byteLevel), 50);
          let previous = Infinity;
          for (let k = 0; k <= merges.length; k++) {
            const tokens = encode(words, merges.slice(0, k), byteLevel);
            const count = tokens.flat().length;
            expect(count).toBeLessThanOrEqual(previous);
            previous = count;
            expect(tokens.map((w) => w.join(""))).toEqual(words.map((w) => baseSymbols(w, byteLevel).join("")));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("applies a merge left to right without overlapping", () => {
    expect(applyMerge(["a", "a", "a"], "a", "a")).toEqual(["aa", "a"]);
  });
});

describe("Unigram segmentation", () => {
  const logProb = new Map([
    ["un", -3],
    ["related", -6],
    ["relate", -5],
    ["d", -3],
    ["u", -5],
    ["n", -5],
    ["r", -5],
    ["e", -4],
    ["l", -5],
    ["a", -5],
    ["t", -5],
  ]);

  it("picks the split with the largest total log-probability", () => {
    // un + related = −9 beats un + relate + d = −11 and anything built from single letters.
    expect(viterbiSegment("unrelated", logProb)).toEqual({ pieces: ["un", "related"], logProb: -9 });
  });

  it("returns null when the vocabulary cannot spell the word", () => {
    expect(viterbiSegment("unzip", logProb)).toBeNull();
  });
});
