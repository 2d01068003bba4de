/**
 * The encoder diagram's model and layout are plain data and arithmetic (no DOM): the wiring
 * of Post-LN and Pre-LN, the parameter counts of the 2017 base model, and boxes that stack
 * without overlapping and fit the narrowest and widest chart.
 */
import { describe, expect, it } from "vitest";
import { layerModel, paramRows, type LayerSettings } from "../../src/components/visuals/encoder/model.js";
import { GAP, RAIL_X, layoutLayer } from "../../src/components/visuals/encoder/layout.js";
import { T } from "../../src/components/visuals/encoder/strings.js";

const base: LayerSettings = { pre: false, decoder: false, d: 512, heads: 8, dff: 2048 };
const kinds = (s: LayerSettings) => layerModel(s, T.en).nodes.map((n) => n.kind);

describe("encoder diagram model", () => {
  it("Post-LN puts LayerNorm after the add; Pre-LN puts it first inside the branch", () => {
    expect(kinds(base)).toEqual(["io", "attn", "drop", "add", "ln", "ffn", "drop", "add", "ln", "io"]);
    expect(kinds({ ...base, pre: true })).toEqual(["io", "ln", "attn", "drop", "add", "ln", "ffn", "drop", "add", "io"]);
  });

  it("every residual span leaves below a sub-layer and rejoins at an add node", () => {
    for (const pre of [false, true]) {
      for (const decoder of [false, true]) {
        const m = layerModel({ ...base, pre, decoder }, T.en);
        expect(m.spans).toHaveLength(decoder ? 3 : 2);
        for (const [from, to] of m.spans) {
          expect(m.nodes[to].kind).toBe("add");
          // Pre-LN branches into the LayerNorm; Post-LN straight into the sub-layer.
          expect(pre ? m.nodes[from].kind : ["attn", "ffn"].includes(m.nodes[from].kind)).toBe(pre ? "ln" : true);
          expect(to).toBeGreaterThan(from);
        }
      }
    }
  });

  it("the decoder has masked self-attention, then cross-attention fed from the encoder", () => {
    const m = layerModel({ ...base, decoder: true }, T.en);
    const attn = m.nodes.filter((n) => n.kind === "attn");
    expect(attn.map((n) => n.title)).toEqual([T.en.maskedAttn, T.en.crossAttn]);
    expect(attn.map((n) => Boolean(n.cross))).toEqual([false, true]);
    expect(m.shape).toBe("[B, T, 512]");
  });

  it("flags a d_model that heads do not divide", () => {
    expect(layerModel(base, T.en).divisible).toBe(true);
    expect(layerModel({ ...base, d: 768, heads: 32 }, T.en).divisible).toBe(true);
    expect(layerModel({ ...base, d: 64, heads: 12 }, T.en).divisible).toBe(false);
  });

  it("counts the base model's encoder layer as 3,152,384 parameters (attention 1,050,624, FFN 2,099,712, two LayerNorms of 1,024)", () => {
    const { rows, perLayer, stackTotal } = paramRows(base, 6, T.en);
    expect(rows.map((r) => r.n)).toEqual([1_050_624, 1_024, 2_099_712, 1_024]);
    expect(perLayer).toBe(3_152_384);
    expect(stackTotal).toBe(6 * 3_152_384);
    // Pre-LN adds one final LayerNorm to the stack, not to each layer.
    expect(paramRows({ ...base, pre: true }, 6, T.en).stackTotal).toBe(6 * 3_152_384 + 1_024);
    expect(paramRows({ ...base, decoder: true }, 1, T.en).perLayer).toBe(3_152_384 + 1_050_624 + 1_024);
  });
});

describe("encoder diagram layout", () => {
  for (const width of [300, 390, 640]) {
    for (const decoder of [false, true]) {
      it(`stacks the ${decoder ? "decoder" : "encoder"} layer bottom to top without overlap at width ${width}`, () => {
        const m = layerModel({ ...base, decoder, pre: true }, T.en);
        const l = layoutLayer(m.nodes, width, decoder);
        expect(l.tops).toHaveLength(m.nodes.length);
        for (let i = 1; i < l.tops.length; i++) expect(l.tops[i] + l.heights[i] + GAP).toBe(l.tops[i - 1]);
        expect(Math.min(...l.tops)).toBeGreaterThanOrEqual(0);
        expect(l.tops[0] + l.heights[0]).toBeLessThanOrEqual(l.height);
        // The boxes sit right of the residual rail and inside the canvas.
        expect(l.cx - l.boxWidth / 2).toBeGreaterThan(RAIL_X);
        expect(l.cx + l.boxWidth / 2).toBeLessThanOrEqual(width);
      });
    }
  }
});
