/**
 * How hidden draws vary a case's shapes and options, as data. A case declares symbolic
 * dimensions with ranges, the symbolic shape of each tensor argument, and which JSON
 * options take a drawn dimension or one of a list of values; each hidden draw picks values
 * from the grader's PRNG (seeded from the teacher's secret) and rewrites a copy of the case.
 *
 *   vary: {
 *     dims: { B: [1, 4], Lq: [1, 64], Lk: [1, 64], H: [1, 8], DH: [1, 8, "even"] },
 *     shapes: { q: ["B", "H", "Lq", "DH"], "w.wq": ["H*DH", "H*DH"] },
 *     json: { numHeads: "H", numKvHeads: "HKV", axis: { oneOf: [-1, 1] }, options: { fields: { blockSize: "BS" } } },
 *     classes: { targets: "K" },
 *   }
 *
 * A draw the float64 reference rejects (an axis the drawn rank lacks) is drawn again, a
 * few times, before the case falls back to its public shapes. Masks that are varied keep
 * their pattern; padding lengths are drawn again for the new batch and key length (a 0 in
 * the public lengths stays a fully padded entry), blocked rows are kept inside the query length.
 */
import { z } from "zod";
import type { Prng } from "./prng.js";
import type { ArgSpec, MaskArgSpec } from "./spec.js";

const Symbol_ = z.string().regex(/^[A-Za-z_]\w*$/);
/** A number, a symbol, a product of symbols and numbers ("H*DH", "2*L"), or a sum of such products ("NB*BS+R"). */
const Factor = String.raw`(?:[A-Za-z_]\w*|\d+)`;
const Product = String.raw`${Factor}(?:\*${Factor})*`;
const ExtentPattern = new RegExp(String.raw`^${Product}(?:\+${Product})*$`);
const Extent = z.union([z.number().int().min(0), z.string().regex(ExtentPattern)]);
const DimRange = z.union([
  z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  z.tuple([z.number().int().min(0), z.number().int().min(0), z.enum(["odd", "even"])]),
]);
const OneOf = z.object({ oneOf: z.array(z.unknown()).min(1) });
/** A drawn dimension or a product of them ("G*HKV"), or one of a list of values. */
const JsonValue = z.union([z.string().regex(ExtentPattern), OneOf]);
const JsonVariation = z.union([
  JsonValue,
  /** Some fields of an options object, each drawn as above; the others stay as they are. */
  z.object({ fields: z.record(z.string(), JsonValue) }),
  /** Padding lengths: `count` entries in [0, max], the first full and (if `withEmpty`) the last 0. */
  z.object({ lengths: z.tuple([Symbol_, Symbol_]), withEmpty: z.boolean().default(false) }),
]);

export const VarySpec = z.object({
  dims: z.record(Symbol_, DimRange),
  /** Argument name (a weights entry as "w.wq") → symbolic shape. */
  shapes: z.record(z.string(), z.array(Extent)).default({}),
  /** JSON argument name → a dimension symbol, or a list to draw one value from. */
  json: z.record(z.string(), JsonVariation).default({}),
  /** Labels argument name → its class count, usually the logits' last extent ("K"). */
  classes: z.record(z.string(), Extent).optional(),
});
export type VarySpec = z.infer<typeof VarySpec>;
export type VarySpecInput = z.input<typeof VarySpec>;

function drawDim(range: z.infer<typeof DimRange>, rng: Prng): number {
  const [lo, hi, parity] = range;
  for (let tries = 0; tries < 64; tries++) {
    const v = rng.int(lo, Math.max(lo, hi));
    if (!parity || (parity === "even") === (v % 2 === 0)) return v;
  }
  return parity === "even" ? lo + (lo % 2) : lo + 1 - (lo % 2);
}

export function drawDims(vary: VarySpec, rng: Prng): Record<string, number> {
  const dims: Record<string, number> = {};
  for (const [name, range] of Object.entries(vary.dims)) dims[name] = drawDim(range, rng);
  return dims;
}

function extentValue(e: z.infer<typeof Extent>, dims: Record<string, number>): number {
  if (typeof e === "number") return e;
  const product = (term: string) =>
    term.split("*").reduce((p, part) => {
      const v = /^\d+$/.test(part) ? Number(part) : dims[part];
      if (v === undefined) throw new Error(`vary: unknown dimension ${part}`);
      return p * v;
    }, 1);
  return e.split("+").reduce((sum, term) => sum + product(term), 0);
}

/** A mask's pattern parameters, redrawn for its new shape. */
function revaryMask(a: MaskArgSpec, shape: number[], rng: Prng): MaskArgSpec {
  const lk = shape[shape.length - 1];
  const lq = shape.length >= 2 ? shape[shape.length - 2] : 1;
  const out: MaskArgSpec = { ...a, shape };
  if (a.pattern === "padding") {
    const zeros = (a.lengths ?? []).some((l) => l === 0);
    const n = Math.max(1, shape[0]);
    out.lengths = Array.from({ length: n }, (_, i) => (i === 0 ? lk : zeros && i === n - 1 ? 0 : rng.int(1, Math.max(1, lk))));
  }
  if (a.blockedRows) out.blockedRows = a.blockedRows.map((r) => Math.min(r, lq - 1));
  return out;
}

function varyArg(a: ArgSpec, prefix: string, vary: VarySpec, dims: Record<string, number>, rng: Prng): ArgSpec {
  const key = prefix + a.name;
  switch (a.kind) {
    case "tensor": {
      const sym = vary.shapes[key];
      return sym ? { ...a, shape: sym.map((e) => extentValue(e, dims)) } : a;
    }
    case "mask": {
      const sym = vary.shapes[key];
      return sym
        ? revaryMask(
            a,
            sym.map((e) => extentValue(e, dims)),
            rng,
          )
        : a;
    }
    case "labels": {
      const sym = vary.shapes[key];
      const classes = vary.classes?.[key];
      return {
        ...a,
        ...(sym ? { shape: sym.map((e) => extentValue(e, dims)) } : {}),
        ...(classes !== undefined ? { classes: extentValue(classes, dims) } : {}),
      };
    }
    case "json": {
      const v = vary.json[key];
      if (v === undefined) return a;
      const pick = (w: z.infer<typeof JsonValue>) => (typeof w === "string" ? extentValue(w, dims) : structuredClone(w.oneOf[rng.int(0, w.oneOf.length - 1)]));
      if (typeof v === "string" || "oneOf" in v) return { ...a, value: pick(v) };
      if ("fields" in v) {
        const base = typeof a.value === "object" && a.value !== null ? (a.value as Record<string, unknown>) : {};
        return { ...a, value: { ...base, ...Object.fromEntries(Object.entries(v.fields).map(([k, w]) => [k, pick(w)])) } };
      }
      const [count, max] = [dims[v.lengths[0]], dims[v.lengths[1]]];
      return { ...a, value: Array.from({ length: count }, (_, i) => (i === 0 ? max : v.withEmpty && i === count - 1 ? 0 : rng.int(0, max))) };
    }
    case "weights":
      return { ...a, entries: a.entries.map((e) => varyArg(e, `${key}.`, vary, dims, rng) as typeof e) };
    default:
      return a;
  }
}

/** The case's arguments with one draw of its variation applied. */
export function variedArgs(args: ArgSpec[], vary: VarySpec, rng: Prng): ArgSpec[] {
  const dims = drawDims(vary, rng);
  return args.map((a) => varyArg(a, "", vary, dims, rng));
}
