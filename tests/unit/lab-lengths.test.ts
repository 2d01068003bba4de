import { describe, expect, it } from "vitest";
import { DEFAULT_LENGTHS, parseLengths } from "../../src/components/lab/lengths.js";

describe("the lab's ?lengths=", () => {
  it("defaults to 128 … 4096", () => {
    expect(parseLengths("")).toEqual({ ok: true, lengths: DEFAULT_LENGTHS });
    expect(DEFAULT_LENGTHS[0]).toBe(128);
    expect(DEFAULT_LENGTHS.at(-1)).toBe(4096);
  });
  it("takes a list, sorted and without repeats", () => {
    expect(parseLengths("?lengths=32,16,32")).toEqual({ ok: true, lengths: [16, 32] });
  });
  it("names what it refuses", () => {
    const r = parseLengths("?lengths=16,abc,-3,0");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/abc, -3, 0/);
    expect(parseLengths("?lengths=99999").ok).toBe(false);
    expect(parseLengths(`?lengths=${Array.from({ length: 13 }, (_, i) => i + 1).join(",")}`).ok).toBe(false);
  });
});
