/**
 * Property checks: invariants every correct implementation satisfies, tested on the
 * learner's own outputs (no reference involved). Each kind plans the extra calls it needs
 * and judges their outcomes; a spec picks kinds and parameters by name.
 */
import { allclose, fmt, fmtShape, type Tolerance } from "./compare.js";
import { buildCaseInputs, withLeaves, type CaseInputs } from "./inputs.js";
import { broadcastTo, forEachFibre, nd, normAxis, sizeOf, type NdArray } from "./ndarray.js";
import type { CallOutcome, PlannedCall } from "./protocol.js";
import { streamFor } from "./prng.js";
import type { CaseSpec, PropertySpec } from "./spec.js";
import { fieldOf, ndFromWire, plannedCall } from "./wire.js";

export interface CaseInstance {
  spec: CaseSpec;
  key: string;
  seed: number;
  inputs: CaseInputs;
}

export interface PropertyPlan {
  calls: PlannedCall[];
  judge(get: (id: string) => CallOutcome | undefined): { passed: boolean; message: string };
}

type Verdict = { passed: boolean; message: string };
const pass = (message: string): Verdict => ({ passed: true, message });
const fail = (message: string): Verdict => ({ passed: false, message });

/** The learner's output field from a call, or why there is none. */
function got(outcome: CallOutcome | undefined, field: string | null): NdArray | string {
  if (!outcome) return "the call did not run (time limit reached or the run ended early)";
  if (!outcome.ok) return `the call threw ${outcome.error.name}: ${outcome.error.message}`;
  const f = fieldOf(outcome.value, field);
  return typeof f === "string" ? `it returned ${f}` : ndFromWire(f);
}

function leafOf(inst: CaseInstance, name: string): NdArray {
  const leaf = inst.inputs.leaves.get(name);
  if (!leaf) throw new Error(`property on case ${inst.spec.id}: no input named ${name}`);
  return leaf.nd;
}

function perturbRows(a: NdArray, rows: (batch: number, row: number) => boolean, seed: number, name: string): NdArray {
  const rng = streamFor(seed, `perturb:${name}`);
  const [L, d] = a.shape.slice(-2);
  const out = nd(a.shape, a.data);
  for (let i = 0; i < out.data.length; i++) {
    const row = Math.floor(i / d) % L;
    const batch = Math.floor(i / (L * d));
    if (rows(batch, row)) out.data[i] = Math.fround(out.data[i] + 3 * rng.normal());
  }
  return out;
}

function sameOutputs(base: NdArray | string, other: NdArray | string, tol: Tolerance, what: string): Verdict | null {
  if (typeof base === "string") return fail(`could not check: ${base}`);
  if (typeof other === "string") return fail(`could not check: ${other}`);
  if (base.shape.join() !== other.shape.join()) return fail(`${what}: shapes ${fmtShape(base.shape)} and ${fmtShape(other.shape)} differ`);
  const cmp = allclose(base, other.data, tol);
  if (cmp.ok) return null;
  const w = cmp.worst!;
  return fail(`${what}: at ${fmtShape(w.coords)} the output changed from ${fmt(w.want)} to ${fmt(w.got)}`);
}

export function planProperty(prop: PropertySpec, inst: CaseInstance, tol: Tolerance): PropertyPlan {
  const p = prop.params as Record<string, unknown>;
  const field = (p.field as string | null | undefined) ?? null;
  const baseId = inst.key;
  const id = (n: number) => `${prop.id}@${inst.key}#${n}`;
  const fn = inst.spec.fn;

  switch (prop.kind) {
    case "sums-to-one":
      return {
        calls: [],
        judge(get) {
          const y = got(get(baseId), field);
          if (typeof y === "string") return fail(`could not check: ${y}`);
          const axis = normAxis((p.axis as number) ?? -1, y.shape.length);
          let worst = 0;
          let worstSum = 1;
          forEachFibre(y.shape, axis, (idx) => {
            let s = 0;
            for (const i of idx) s += y.data[i];
            const err = Number.isFinite(s) ? Math.abs(s - 1) : Infinity;
            if (err > worst) [worst, worstSum] = [err, s];
          });
          const bound = tol.atol * 10 + tol.rtol;
          return worst <= bound ? pass(`every slice along axis ${axis} sums to 1`) : fail(`a slice along axis ${axis} sums to ${fmt(worstSum)}, not 1`);
        },
      };

    case "shift-invariant": {
      const argName = p.arg as string;
      const shift = (p.shift as number) ?? 50;
      const x = leafOf(inst, argName);
      const shifted = withLeaves(inst.inputs, new Map([[argName, nd(x.shape, x.data.map((v) => Math.fround(v + shift)))]]));
      return {
        calls: [plannedCall(id(1), fn, shifted, null)],
        judge(get) {
          // Adding `shift` to float32 inputs rounds them again, so allow that input rounding.
          const bad = sameOutputs(got(get(baseId), field), got(get(id(1)), field), { atol: tol.atol * 10, rtol: tol.rtol * 10 }, `adding ${shift} to every logit`);
          return bad ?? pass(`adding ${shift} to every logit leaves the output unchanged`);
        },
      };
    }

    case "masked-exactly-zero": {
      const mask = leafOf(inst, p.mask as string);
      return {
        calls: [],
        judge(get) {
          const y = got(get(baseId), field);
          if (typeof y === "string") return fail(`could not check: ${y}`);
          let m: NdArray;
          try {
            m = broadcastTo(mask, y.shape);
          } catch {
            return fail(`the output shape ${fmtShape(y.shape)} does not match the mask ${fmtShape(mask.shape)}`);
          }
          let count = 0;
          let first = -1;
          for (let i = 0; i < y.data.length; i++) {
            if (m.data[i] === 0 && y.data[i] !== 0) {
              count++;
              if (first < 0) first = i;
            }
          }
          return count === 0
            ? pass("every blocked key gets exactly 0 weight")
            : fail(`${count} blocked position(s) get non-zero weight, e.g. ${fmt(y.data[first])} at flat index ${first}; blocked keys must get exactly 0`);
        },
      };
    }

    case "masked-values-ignored": {
      const mask = leafOf(inst, p.mask as string);
      const targets = p.perturb as string[];
      const replace = new Map<string, NdArray>();
      for (const name of targets) {
        const a = leafOf(inst, name);
        if (p.mode === "keys") {
          // Keys blocked for every query of a batch entry: perturb those rows of k and v.
          const B = mask.shape[0];
          const Lk = mask.shape[mask.shape.length - 1];
          const per = sizeOf(mask.shape) / B;
          const blocked = (b: number, j: number) => {
            const bb = B === 1 ? 0 : b;
            for (let i = j; i < per; i += Lk) if (mask.data[bb * per + i] !== 0) return false;
            return true;
          };
          replace.set(name, perturbRows(a, blocked, inst.seed, name));
        } else {
          const m = broadcastTo(mask, a.shape);
          const rng = streamFor(inst.seed, `perturb:${name}`);
          replace.set(name, nd(a.shape, a.data.map((v, i) => (m.data[i] === 0 ? Math.fround(v + 500 * rng.normal()) : v))));
        }
      }
      const perturbed = withLeaves(inst.inputs, replace);
      return {
        calls: [plannedCall(id(1), fn, perturbed, null)],
        judge(get) {
          const bad = sameOutputs(got(get(baseId), field), got(get(id(1)), field), tol, `changing only blocked ${targets.join(" and ")}`);
          return bad ?? pass(`changing blocked ${targets.join(" and ")} changes nothing`);
        },
      };
    }

    case "causal": {
      const t = p.t as number;
      const replace = new Map<string, NdArray>();
      for (const name of p.perturb as string[]) replace.set(name, perturbRows(leafOf(inst, name), (_b, row) => row > t, inst.seed, name));
      const perturbed = withLeaves(inst.inputs, replace);
      return {
        calls: [plannedCall(id(1), fn, perturbed, null)],
        judge(get) {
          const a = got(get(baseId), field);
          const b = got(get(id(1)), field);
          if (typeof a === "string") return fail(`could not check: ${a}`);
          if (typeof b === "string") return fail(`could not check: ${b}`);
          if (a.shape.join() !== b.shape.join()) return fail("the output shape changed when later inputs changed");
          const axisLen = a.shape[a.shape.length - 2];
          const last = a.shape[a.shape.length - 1];
          for (let i = 0; i < a.data.length; i++) {
            const row = Math.floor(i / last) % axisLen;
            if (row > t) continue;
            const bound = tol.atol * 10 + tol.rtol * Math.abs(a.data[i]);
            if (!(Math.abs(a.data[i] - b.data[i]) <= bound)) {
              return fail(`the output at position ${row} ≤ ${t} changed (${fmt(a.data[i])} → ${fmt(b.data[i])}) when only inputs after position ${t} changed: the future leaks into the past`);
            }
          }
          return pass(`outputs at positions ≤ ${t} do not depend on inputs after ${t}`);
        },
      };
    }

    case "norm-preserving": {
      const x = leafOf(inst, p.arg as string);
      return {
        calls: [],
        judge(get) {
          const y = got(get(baseId), field);
          if (typeof y === "string") return fail(`could not check: ${y}`);
          if (y.shape.join() !== x.shape.join()) return fail(`the output shape ${fmtShape(y.shape)} differs from the input's ${fmtShape(x.shape)}`);
          const d = x.shape[x.shape.length - 1];
          for (let r = 0; r < x.data.length / d; r++) {
            let nx = 0;
            let ny = 0;
            for (let i = r * d; i < (r + 1) * d; i++) {
              nx += x.data[i] ** 2;
              ny += y.data[i] ** 2;
            }
            const [a, b] = [Math.sqrt(nx), Math.sqrt(ny)];
            if (!(Math.abs(a - b) <= tol.atol * 10 * Math.max(1, a) + tol.rtol * 10 * a)) {
              return fail(`row ${r}: the norm changed from ${fmt(a)} to ${fmt(b)}; a rotation preserves norms`);
            }
          }
          return pass("every row keeps its norm");
        },
      };
    }

    case "identity-at-zero": {
      const x = leafOf(inst, p.arg as string);
      return {
        calls: [],
        judge(get) {
          const y = got(get(baseId), field);
          if (typeof y === "string") return fail(`could not check: ${y}`);
          if (y.shape.join() !== x.shape.join()) return fail(`the output shape ${fmtShape(y.shape)} differs from the input's ${fmtShape(x.shape)}`);
          const [L, d] = x.shape.slice(-2);
          for (let i = 0; i < x.data.length; i++) {
            if (Math.floor(i / d) % L !== 0) continue;
            if (!(Math.abs(x.data[i] - y.data[i]) <= tol.atol * 10)) {
              return fail(`position 0 should not rotate (angle 0·θ = 0), but element ${i % d} of row 0 changed from ${fmt(x.data[i])} to ${fmt(y.data[i])}`);
            }
          }
          return pass("position 0 is left unchanged");
        },
      };
    }

    case "relative-position": {
      // ⟨R_m q, R_n k⟩ must depend only on n − m: shifting both by s keeps every score.
      const shift = (p.shift as number) ?? 7;
      const other = buildCaseInputs({ ...inst.spec, args: inst.spec.args.map((a) => (a.name === p.arg ? { ...a, name: `${a.name}-k` } : a)) }, inst.seed);
      const kInputs = { ...other, names: inst.inputs.names };
      const withOffset = (ci: CaseInputs, extra: number): CaseInputs => ({
        ...ci,
        args: ci.args.map((a) =>
          a.t === "json" && a.value && typeof a.value === "object"
            ? { t: "json", value: { ...(a.value as object), offset: (((a.value as { offset?: number }).offset ?? 0) + extra) } }
            : a,
        ),
      });
      return {
        calls: [
          plannedCall(id(1), fn, kInputs, null),
          plannedCall(id(2), fn, withOffset(inst.inputs, shift), null),
          plannedCall(id(3), fn, withOffset(kInputs, shift), null),
        ],
        judge(get) {
          const outs = [got(get(baseId), field), got(get(id(1)), field), got(get(id(2)), field), got(get(id(3)), field)];
          const bad = outs.find((o) => typeof o === "string");
          if (bad !== undefined) return fail(`could not check: ${bad}`);
          const [q0, k0, q1, k1] = outs as NdArray[];
          const scores = (q: NdArray, k: NdArray) => {
            const [L, d] = q.shape.slice(-2);
            const batches = q.data.length / (L * d);
            const s = nd([batches, L, L]);
            for (let b = 0; b < batches; b++)
              for (let i = 0; i < L; i++)
                for (let j = 0; j < L; j++) {
                  let acc = 0;
                  for (let c = 0; c < d; c++) acc += q.data[b * L * d + i * d + c] * k.data[b * L * d + j * d + c];
                  s.data[b * L * L + i * L + j] = acc;
                }
            return s;
          };
          const cmp = allclose(scores(q0, k0), scores(q1, k1).data, { atol: tol.atol * 100, rtol: tol.rtol * 100 });
          if (cmp.ok) return pass(`shifting every position by ${shift} leaves every score ⟨R_m q, R_n k⟩ unchanged`);
          const w = cmp.worst!;
          return fail(`score ${fmtShape(w.coords)} changed from ${fmt(w.want)} to ${fmt(w.got)} when both positions moved by ${shift}: the score must depend only on n − m`);
        },
      };
    }
  }
}
