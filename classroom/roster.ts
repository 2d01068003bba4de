/**
 * A roster joins the gradebook to the school's records: a CSV with a header naming a `folder`
 * or `github` column (the student's folder name, or GitHub username), and `name` and
 * `student_id`. GitHub Classroom names repositories "<assignment>-<username>", so a folder
 * matches a username when it is the username or ends with "-<username>" (case-insensitive).
 * The same small CSV reader reads a --times file (student,submitted_at).
 */
import { readFileSync } from "node:fs";

export interface RosterEntry {
  key: string;
  by: "folder" | "github";
  name: string;
  studentId: string;
}

export class RosterError extends Error {}

/** RFC 4180: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted && c === '"' && src[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      endField();
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  if (quoted) throw new RosterError("a quoted field is not closed");
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

function readCsv(path: string, what: string): string[][] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new RosterError(`${path}: cannot read the ${what}`);
  }
  try {
    return parseCsv(text);
  } catch (e) {
    throw new RosterError(`${path}: ${(e as Error).message}`);
  }
}

export function loadRoster(path: string): RosterEntry[] {
  const [header, ...rows] = readCsv(path, "roster");
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  const by = cols.includes("folder") ? "folder" : cols.includes("github") ? "github" : null;
  const name = cols.indexOf("name");
  const sid = cols.indexOf("student_id");
  if (!by || name < 0 || sid < 0)
    throw new RosterError(`${path}: the header must name a "folder" or "github" column, and "name" and "student_id" (found: ${cols.join(", ") || "nothing"})`);
  const keyCol = cols.indexOf(by);
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const key = (r[keyCol] ?? "").trim();
    if (!key) throw new RosterError(`${path}: line ${i + 2} has an empty ${by}`);
    const norm = by === "github" ? key.toLowerCase() : key;
    if (seen.has(norm)) throw new RosterError(`${path}: line ${i + 2}: ${by} "${key}" is listed twice`);
    seen.add(norm);
    return { key, by, name: (r[name] ?? "").trim(), studentId: (r[sid] ?? "").trim() };
  });
}

export function rosterMatches(entry: RosterEntry, folder: string): boolean {
  if (entry.by === "folder") return entry.key === folder;
  const f = folder.toLowerCase();
  const u = entry.key.toLowerCase();
  return f === u || f.endsWith(`-${u}`);
}

/** --times: the teacher's record of when each student submitted (student,submitted_at). */
export function loadTimes(path: string): Map<string, string> {
  const [header, ...rows] = readCsv(path, "times file");
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  const student = cols.indexOf("student");
  const at = cols.indexOf("submitted_at");
  if (student < 0 || at < 0)
    throw new RosterError(`${path}: the header must name "student" and "submitted_at" columns (found: ${cols.join(", ") || "nothing"})`);
  return new Map(rows.map((r) => [(r[student] ?? "").trim(), (r[at] ?? "").trim()]));
}
