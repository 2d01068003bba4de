/**
 * Finds functions longer than a limit in TypeScript files, without the TypeScript compiler
 * (typescript v7 is native and has no JS API): a tokenizer that knows strings, template
 * literals, comments and regular expressions, and a brace matcher over its tokens.
 *
 *   npx tsx scripts/function-length.ts [folder…]     lists every function over the limit
 *
 * A function counts from its first line (the `function` keyword, the method's name, or the
 * arrow's parameter list) to its closing brace, nested functions included. A declared data
 * table is exempt: put the comment `// function-length: data table` on the line above it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const MAX_FUNCTION_LINES = 80;
export const DATA_TABLE_MARK = "function-length: data table";

export interface Token {
  /** "id" (identifiers and keywords), "num", "str" (strings, template literals, regexps) or "punct". */
  kind: "id" | "num" | "str" | "punct";
  text: string;
  line: number;
}

export interface Tokens {
  tokens: Token[];
  /** Line numbers of the comments that carry DATA_TABLE_MARK. */
  dataTableMarks: Set<number>;
}

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(["return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "else", "do", "yield", "await", "instanceof"]);
const PUNCT = [
  "===",
  "!==",
  "**=",
  "...",
  "<<=",
  ">>=",
  ">>>",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
];

function regexAllowed(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === "num" || prev.kind === "str") return false;
  if (prev.kind === "id") return BEFORE_REGEX.has(prev.text);
  return ![")", "]", "}"].includes(prev.text);
}

export function tokenize(src: string): Tokens {
  const tokens: Token[] = [];
  const dataTableMarks = new Set<number>();
  /** Open template literals: the brace depth at which each `${` was entered. */
  const templates: number[] = [];
  let depth = 0;
  let line = 1;
  let i = 0;
  const push = (kind: Token["kind"], text: string, at: number) => tokens.push({ kind, text, line: at });
  const count = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (src[k] === "\n") line++;
  };
  /** Scan a template literal's text from i (just after ` or }) to its end or to `${`. */
  const templateChunk = () => {
    const start = line;
    const from = i;
    while (i < src.length && src[i] !== "`" && !(src[i] === "$" && src[i + 1] === "{")) i += src[i] === "\\" ? 2 : 1;
    count(from, i);
    if (src[i] === "`") {
      i++;
    } else {
      i += 2;
      templates.push(depth);
      depth++;
    }
    push("str", "`", start);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "/" && src[i + 1] === "/") {
      const end = src.indexOf("\n", i);
      const text = src.slice(i, end < 0 ? src.length : end);
      if (text.includes(DATA_TABLE_MARK)) dataTableMarks.add(line);
      i = end < 0 ? src.length : end;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      if (src.slice(i, stop).includes(DATA_TABLE_MARK)) dataTableMarks.add(line);
      count(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const start = line;
      let k = i + 1;
      while (k < src.length && src[k] !== c && src[k] !== "\n") k += src[k] === "\\" ? 2 : 1;
      count(i, k);
      i = k + 1;
      push("str", c, start);
    } else if (c === "`") {
      i++;
      templateChunk();
    } else if (c === "}" && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
      templates.pop();
      depth--;
      i++;
      templateChunk();
    } else if (c === "/" && regexAllowed(tokens[tokens.length - 1])) {
      let k = i + 1;
      let inClass = false;
      while (k < src.length && src[k] !== "\n" && (inClass || src[k] !== "/")) {
        if (src[k] === "\\") k++;
        else if (src[k] === "[") inClass = true;
        else if (src[k] === "]") inClass = false;
        k++;
      }
      k++;
      while (/[a-z]/i.test(src[k] ?? "")) k++;
      push("str", "/", line);
      i = k;
    } else if (/[A-Za-z_$\u00a0-\uffff]/.test(c)) {
      let k = i + 1;
      while (k < src.length && /[\w$\u00a0-\uffff]/.test(src[k])) k++;
      push("id", src.slice(i, k), line);
      i = k;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      let k = i + 1;
      while (k < src.length && /[\w.]/.test(src[k])) k++;
      push("num", src.slice(i, k), line);
      i = k;
    } else {
      const p = PUNCT.find((q) => src.startsWith(q, i)) ?? c;
      if (p === "{") depth++;
      if (p === "}") depth--;
      push("punct", p, line);
      i += p.length;
    }
  }
  return { tokens, dataTableMarks };
}

/** Index of the bracket that closes the one at `open`, or -1. */
function closing(tokens: Token[], open: number): number {
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  const stack: string[] = [];
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k].text;
    if (tokens[k].kind !== "punct") continue;
    if (pairs[t]) stack.push(pairs[t]);
    else if (t === ")" || t === "]" || t === "}") {
      stack.pop();
      if (stack.length === 0) return k;
    }
  }
  return -1;
}

/** Index of the bracket that opens the one that closes at `close`, or -1. */
function opening(tokens: Token[], close: number): number {
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  let n = 0;
  for (let k = close; k >= 0; k--) {
    const t = tokens[k].text;
    if (tokens[k].kind !== "punct") continue;
    if (pairs[t]) n++;
    else if (t === "(" || t === "[" || t === "{") {
      n--;
      if (n === 0) return k;
    }
  }
  return -1;
}

/** After a parameter list closing at `k`: the index of the body's `{`, skipping a return type; -1 when none. */
function bodyAfter(tokens: Token[], k: number): number {
  let j = k + 1;
  if (tokens[j]?.text !== ":") return tokens[j]?.text === "{" ? j : -1;
  j++;
  // A `{` right after these opens an object type, not the body.
  const typeContinues = new Set([":", "|", "&", "<", ",", "(", "[", "?", "=>", "keyof", "typeof", "is", "extends"]);
  while (j < tokens.length) {
    const t = tokens[j];
    if (t.text === "{" && !typeContinues.has(tokens[j - 1].text)) return j;
    if (t.text === "(" || t.text === "[" || t.text === "{") {
      j = closing(tokens, j) + 1;
      if (j === 0) return -1;
      continue;
    }
    if (t.text === ";" || t.text === "=" || t.text === "=>" || t.text === "}") return -1;
    j++;
  }
  return -1;
}

const NOT_METHODS = new Set(["if", "for", "while", "switch", "catch", "with", "function", "return", "await", "typeof", "new", "super", "import"]);

export interface FunctionSpan {
  name: string;
  start: number;
  end: number;
  lines: number;
}

/** Every function, method and block-bodied arrow in a file, with its line span. */
export function functionSpans(src: string): FunctionSpan[] {
  const { tokens, dataTableMarks } = tokenize(src);
  const spans: FunctionSpan[] = [];
  const seen = new Set<number>();
  const add = (name: string, startTok: number, body: number) => {
    const end = closing(tokens, body);
    if (end < 0 || seen.has(body)) return;
    seen.add(body);
    const start = tokens[startTok].line;
    if (dataTableMarks.has(start - 1)) return;
    spans.push({ name, start, end: tokens[end].line, lines: tokens[end].line - start + 1 });
  };
  /** Walks back over modifiers (export, async, static…) to the line a declaration starts on. */
  const declStart = (k: number) => {
    while (
      k > 0 &&
      ["export", "default", "async", "static", "private", "public", "protected", "readonly", "get", "set", "override"].includes(tokens[k - 1].text)
    )
      k--;
    return k;
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === "id" && t.text === "function" && tokens[k - 1]?.text !== ".") {
      let j = k + 1;
      if (tokens[j]?.text === "*") j++;
      const name = tokens[j]?.kind === "id" ? tokens[j].text : "(anonymous)";
      while (j < tokens.length && tokens[j].text !== "(") j++;
      const close = closing(tokens, j);
      const body = close < 0 ? -1 : bodyAfter(tokens, close);
      if (body >= 0) add(name, declStart(k), body);
    } else if (t.text === "=>" && tokens[k + 1]?.text === "{") {
      let start = k - 1;
      if (tokens[start]?.text === ")") start = opening(tokens, start);
      const prev = tokens[start - 1];
      if (prev?.text === "async") start--;
      const before = tokens[start - 1];
      const name = before?.text === "=" || before?.text === ":" ? (tokens[start - 2]?.text ?? "(arrow)") : "(arrow)";
      add(name, Math.max(start, 0), k + 1);
    } else if (
      t.kind === "id" &&
      !NOT_METHODS.has(t.text) &&
      tokens[k + 1]?.text === "(" &&
      tokens[k - 1]?.text !== "function" &&
      tokens[k - 1]?.text !== "."
    ) {
      const close = closing(tokens, k + 1);
      const body = close < 0 ? -1 : bodyAfter(tokens, close);
      if (body >= 0) add(t.text, declStart(k), body);
    }
  }
  return spans;
}

/** Every .ts file below `dir`, as paths relative to `root`. */
export function tsFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== "node_modules") walk(p);
      } else if (/\.(ts|js)$/.test(name) && !name.endsWith(".d.ts")) out.push(relative(root, p));
    }
  };
  walk(join(root, dir));
  return out;
}

export interface LongFunction extends FunctionSpan {
  file: string;
}

export function longFunctions(root: string, dirs: readonly string[], limit = MAX_FUNCTION_LINES): LongFunction[] {
  return dirs.flatMap((dir) =>
    tsFiles(root, dir).flatMap((file) =>
      functionSpans(readFileSync(join(root, file), "utf8"))
        .filter((s) => s.lines > limit)
        .map((s) => ({ ...s, file })),
    ),
  );
}

/** `x as T` casts (not `as const`, not import/export renames): what typed arguments are meant to remove. */
export function countCasts(src: string): number {
  const { tokens } = tokenize(src);
  let n = 0;
  let inModuleClause = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if ((t.text === "import" || t.text === "export") && tokens[k + 1]?.text !== "(")
      inModuleClause = ["{", "*", "type"].includes(tokens[k + 1]?.text) || t.text === "import";
    if (inModuleClause && (t.text === "from" || t.text === ";" || (t.text === "}" && tokens[k + 1]?.text !== "from"))) inModuleClause = false;
    if (t.kind !== "id" || t.text !== "as" || inModuleClause) continue;
    const prev = tokens[k - 1];
    const endsExpr = prev && (prev.kind !== "punct" || [")", "]", "}", "!"].includes(prev.text));
    if (endsExpr && tokens[k + 1]?.text !== "const") n++;
  }
  return n;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const root = process.cwd();
  const dirs = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (process.argv.includes("--casts")) {
    let total = 0;
    for (const dir of dirs) for (const f of tsFiles(root, dir)) total += countCasts(readFileSync(join(root, f), "utf8"));
    console.log(`${total} casts in ${dirs.join(", ")}`);
  } else {
    const long = longFunctions(root, dirs.length ? dirs : ["graders", "src/components"]);
    for (const f of long) console.log(`${f.file}:${f.start}  ${f.name}  ${f.lines} lines`);
    console.log(long.length ? `${long.length} function(s) over ${MAX_FUNCTION_LINES} lines` : `no function over ${MAX_FUNCTION_LINES} lines`);
  }
}
