/**
 * Checks of untrusted JSON-like values against a declared shape, with the TypeScript type
 * each check proves — for what runs in the browser: the progress store (every page) and the
 * grading worker's messages (exercise pages). zod does the same for specs and content at
 * build and test time, but Framework serves an npm package whole, and zod with its locales
 * is 85–95 KiB gzipped on a page whose budget is 120–150 KiB.
 *
 * `safeParse`/`parse` mirror zod's: objects keep only their declared keys (an unknown key is
 * dropped, not an error), every problem is reported with its path, nothing is coerced.
 */

export type Path = (string | number)[];
export interface Issue {
  path: Path;
  message: string;
}
export type Result<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } };

/** Returns the checked value (objects rebuilt with their declared keys); records issues on the way. */
type Check<T> = (value: unknown, path: Path, issues: Issue[]) => T;

export class Shape<T> {
  constructor(
    readonly check: Check<T>,
    readonly isOptional = false,
  ) {}

  safeParse(value: unknown): Result<T> {
    const issues: Issue[] = [];
    const data = this.check(value, [], issues);
    return issues.length ? { success: false, error: { issues } } : { success: true, data };
  }

  parse(value: unknown): T {
    const r = this.safeParse(value);
    if (!r.success) throw new Error(describeIssues(r.error.issues));
    return r.data;
  }
}

export type Infer<S> = S extends Shape<infer T> ? T : never;

/** "path: message; path: message", the root named "(root)". */
export function describeIssues(issues: Issue[]): string {
  return issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

const kindOf = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** A check on one primitive type, followed by the refinements that apply to it. */
function primitive<T>(type: string, refine: (v: T) => string | null = () => null): Shape<T> {
  return new Shape((v, path, issues) => {
    if (typeof v !== type) issues.push({ path, message: `expected ${type}, received ${kindOf(v)}` });
    else {
      const problem = refine(v as T);
      if (problem) issues.push({ path, message: problem });
    }
    return v as T;
  });
}

export function string(opts: { min?: number; max?: number; pattern?: RegExp } = {}): Shape<string> {
  return primitive<string>("string", (s) => {
    if (opts.min !== undefined && s.length < opts.min) return `must have at least ${opts.min} characters`;
    if (opts.max !== undefined && s.length > opts.max) return `must have at most ${opts.max} characters`;
    if (opts.pattern && !opts.pattern.test(s)) return `must match ${opts.pattern}`;
    return null;
  });
}

/** A finite number (NaN and ±∞ are rejected, as zod's z.number() does), optionally an integer in a range. */
export function number(opts: { int?: boolean; min?: number; max?: number } = {}): Shape<number> {
  return primitive<number>("number", (n) => {
    if (!Number.isFinite(n)) return `expected a finite number, received ${n}`;
    if (opts.int && !Number.isInteger(n)) return `expected an integer, received ${n}`;
    if (opts.min !== undefined && n < opts.min) return `must be ≥ ${opts.min}`;
    if (opts.max !== undefined && n > opts.max) return `must be ≤ ${opts.max}`;
    return null;
  });
}

/** Any number, NaN and ±∞ included. */
export const anyNumber = (): Shape<number> => primitive<number>("number");
export const boolean = (): Shape<boolean> => primitive<boolean>("boolean");
export const unknown = (): Shape<unknown> => new Shape((v) => v);

export function literal<const V extends string | number | boolean>(want: V): Shape<V> {
  return new Shape((v, path, issues) => {
    if (v !== want) issues.push({ path, message: `expected ${JSON.stringify(want)}` });
    return v as V;
  });
}

export function oneOf<const V extends readonly string[]>(values: V): Shape<V[number]> {
  return new Shape((v, path, issues) => {
    if (!values.includes(v as string)) issues.push({ path, message: `expected one of ${values.map((x) => JSON.stringify(x)).join(", ")}` });
    return v as V[number];
  });
}

export function instanceOf<T>(ctor: new (...args: never[]) => T): Shape<T> {
  return new Shape((v, path, issues) => {
    if (!(v instanceof ctor)) issues.push({ path, message: `expected ${ctor.name}, received ${kindOf(v)}` });
    return v as T;
  });
}

/** A shape whose key an object may leave out. */
export type OptionalShape<T> = Shape<T | undefined> & { readonly isOptional: true };

/** The key may be absent (or undefined); present, it must match. */
export function optional<T>(shape: Shape<T>): OptionalShape<T> {
  return new Shape((v, path, issues) => (v === undefined ? undefined : shape.check(v, path, issues)), true) as OptionalShape<T>;
}

export function array<T>(item: Shape<T>, opts: { min?: number; max?: number } = {}): Shape<T[]> {
  return new Shape((v, path, issues) => {
    if (!Array.isArray(v)) {
      issues.push({ path, message: `expected array, received ${kindOf(v)}` });
      return [];
    }
    if (opts.min !== undefined && v.length < opts.min) issues.push({ path, message: `must have at least ${opts.min} items` });
    if (opts.max !== undefined && v.length > opts.max) issues.push({ path, message: `must have at most ${opts.max} items` });
    return v.map((x, i) => item.check(x, [...path, i], issues));
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** String keys to values of one shape. */
export function record<T>(value: Shape<T>): Shape<Record<string, T>> {
  return new Shape((v, path, issues) => {
    if (!isPlainObject(v)) {
      issues.push({ path, message: `expected object, received ${kindOf(v)}` });
      return {};
    }
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v)) out[k] = value.check(x, [...path, k], issues);
    return out;
  });
}

type Props = Record<string, Shape<unknown>>;
type OptionalKeys<P extends Props> = { [K in keyof P]: P[K] extends { readonly isOptional: true } ? K : never }[keyof P];
type Flatten<T> = { [K in keyof T]: T[K] };
export type ObjectOf<P extends Props> = Flatten<
  { [K in Exclude<keyof P, OptionalKeys<P>>]: Infer<P[K]> } & { [K in OptionalKeys<P>]?: Exclude<Infer<P[K]>, undefined> }
>;

/** Declared keys only: an undeclared key is dropped from the result, as zod's z.object does. */
export function object<P extends Props>(props: P): Shape<ObjectOf<P>> {
  return new Shape((v, path, issues) => {
    if (!isPlainObject(v)) {
      issues.push({ path, message: `expected object, received ${kindOf(v)}` });
      return {} as ObjectOf<P>;
    }
    const out: Record<string, unknown> = {};
    for (const [k, shape] of Object.entries(props)) {
      const x = shape.check(v[k], [...path, k], issues);
      if (x !== undefined || (k in v && !shape.isOptional)) out[k] = x;
    }
    return out as ObjectOf<P>;
  });
}

/** The first alternative that matches; when none does, the issues of the one that came closest. */
export function union<const S extends Shape<unknown>[]>(alternatives: S): Shape<Infer<S[number]>> {
  return new Shape((v, path, issues) => {
    let best: Issue[] | null = null;
    for (const alt of alternatives) {
      const own: Issue[] = [];
      const data = alt.check(v, path, own);
      if (!own.length) return data as Infer<S[number]>;
      if (!best || own.length < best.length) best = own;
    }
    issues.push(...(best ?? [{ path, message: "no alternative to match" }]));
    return v as Infer<S[number]>;
  });
}

/** A shape that refers to itself (a nested value): `define` is called on first use. */
export function lazy<T>(define: () => Shape<T>): Shape<T> {
  let shape: Shape<T> | null = null;
  return new Shape((v, path, issues) => {
    shape ??= define();
    return shape.check(v, path, issues);
  });
}
