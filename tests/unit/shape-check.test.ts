/** The browser's small validator (graders/engine/shape-check.ts): what it accepts, what it reports, what it keeps. */
import { describe, expect, it } from "vitest";
import {
  anyNumber,
  array,
  describeIssues,
  instanceOf,
  lazy,
  literal,
  number,
  object,
  oneOf,
  optional,
  record,
  type Shape,
  string,
  union,
} from "../../graders/engine/shape-check.js";

const Entry = object({ name: string({ min: 1, max: 5 }), n: number({ int: true, min: 0, max: 3 }), note: optional(string()) });

describe("shape checks", () => {
  it("accepts a matching value and drops keys the shape does not declare", () => {
    expect(Entry.parse({ name: "a", n: 2, extra: true })).toEqual({ name: "a", n: 2 });
    expect(Entry.parse({ name: "a", n: 2, note: "x" })).toEqual({ name: "a", n: 2, note: "x" });
  });

  it("reports every problem with its path", () => {
    const r = object({ items: array(Entry, { max: 2 }) }).safeParse({
      items: [
        { name: "", n: 1.5 },
        { name: "ok", n: 9, note: 3 },
      ],
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(describeIssues(r.error.issues)).toBe(
      "items.0.name: must have at least 1 characters; items.0.n: expected an integer, received 1.5; items.1.n: must be ≤ 3; items.1.note: expected string, received number",
    );
  });

  it("names a missing required key and a value of the wrong kind at the root", () => {
    expect(Entry.safeParse({ name: "a" }).success).toBe(false);
    const r = Entry.safeParse([]);
    expect(!r.success && describeIssues(r.error.issues)).toBe("(root): expected object, received array");
    expect(() => Entry.parse(null)).toThrow("(root): expected object, received null");
  });

  it("rejects NaN and ±∞ as numbers unless any number is allowed", () => {
    for (const v of [Number.NaN, Infinity]) {
      expect(number().safeParse(v).success).toBe(false);
      expect(anyNumber().safeParse(v).success).toBe(true);
    }
    expect(anyNumber().safeParse("1").success).toBe(false);
  });

  it("checks literals, enumerations, records, instances and string patterns", () => {
    expect(literal(1).safeParse(1).success).toBe(true);
    expect(literal(1).safeParse("1").success).toBe(false);
    expect(oneOf(["a", "b"]).safeParse("c").success).toBe(false);
    expect(record(number()).safeParse({ a: 1, b: "2" }).success).toBe(false);
    expect(instanceOf(Float32Array).safeParse(new Float32Array(1)).success).toBe(true);
    expect(instanceOf(Float32Array).safeParse([0]).success).toBe(false);
    expect(string({ pattern: /^[a-z]+$/ }).safeParse("A").success).toBe(false);
  });

  it("a union takes the first match and, failing all, reports the closest alternative", () => {
    const U = union([object({ t: literal("a"), x: number() }), object({ t: literal("b"), y: string() })]);
    expect(U.parse({ t: "b", y: "z" })).toEqual({ t: "b", y: "z" });
    const r = U.safeParse({ t: "b", y: 1 });
    expect(!r.success && describeIssues(r.error.issues)).toBe("y: expected string, received number");
  });

  it("a lazy shape checks nested values of itself", () => {
    type Tree = { v: number; kids: Tree[] };
    const Tree: Shape<Tree> = lazy(() => object({ v: number(), kids: array(Tree) }));
    expect(Tree.safeParse({ v: 1, kids: [{ v: 2, kids: [] }] }).success).toBe(true);
    const r = Tree.safeParse({ v: 1, kids: [{ v: "2", kids: [] }] });
    expect(!r.success && describeIssues(r.error.issues)).toBe("kids.0.v: expected number, received string");
  });
});
