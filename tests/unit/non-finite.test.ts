/** The non-finite-gradient diagnosis is worded from what the case contains. */
import { describe, expect, it } from "vitest";
import { nonFiniteCause } from "../../graders/engine/non-finite.js";
import { buildInstances } from "../../graders/engine/plan.js";
import { GRADERS } from "../../graders/index.js";

const byId = (id: string) => buildInstances(GRADERS.masking, undefined, 0).find((i) => i.spec.id === id)!;

describe("why a gradient is not finite", () => {
  it("names the fully masked row (NaN times 0 through where) when the case has one", () => {
    const text = nonFiniteCause(byId("fully-masked-row")).en;
    expect(text).toMatch(/every key is masked/);
    expect(text).toMatch(/0 · NaN/);
    expect(text).not.toMatch(/Nothing in this case's inputs is extreme/);
  });

  it("names exp overflow then ∞ · 0 when the inputs are large, with their size", () => {
    const text = nonFiniteCause(byId("large-scores")).en;
    expect(text).toMatch(/Its inputs reach ±\d/);
    expect(text).toMatch(/∞ · 0 = NaN/);
    expect(text).not.toMatch(/every key is masked/);
  });

  it("points to a guard in the code (tiny ε, log or sqrt of 0) when the inputs are ordinary", () => {
    const text = nonFiniteCause(byId("padded-keys")).en;
    expect(text).toMatch(/ε² underflows/);
    expect(text).not.toMatch(/every key is masked|Its inputs reach/);
  });
});
