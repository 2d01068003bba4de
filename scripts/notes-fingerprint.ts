/**
 * The originality check compares the Chinese pages with the source notes, which are not
 * part of this repository (and must not be: no sentence of them ships). What the
 * repository keeps instead is a fingerprint: the sorted 32-bit hashes of every
 * 12-character run of the notes, whitespace removed — enough to count shared runs, not
 * enough to read a sentence back.
 *
 *   npx tsx scripts/notes-fingerprint.ts [path/to/notes.txt]   rewrites the fingerprint
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const RUN = 12;
export const FINGERPRINT = join(import.meta.dirname, "..", "tests", "fixtures", "notes-fingerprint.bin");
export const DEFAULT_NOTES = join(import.meta.dirname, "..", "..", "shared", "seed", "000_39609d314d5c4419.txt");

/** FNV-1a over the UTF-16 code units: stable, fast, and the same in every Node version. */
export function hashRun(run: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < run.length; i++) {
    h ^= run.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Every RUN-character window of the text with whitespace removed. */
export function* runs(text: string): Generator<string> {
  const flat = text.replace(/\s+/g, "");
  for (let i = 0; i + RUN <= flat.length; i++) yield flat.slice(i, i + RUN);
}

export function fingerprint(text: string): Uint32Array {
  return Uint32Array.from(new Set(Array.from(runs(text), hashRun))).sort();
}

/** Little-endian uint32s, whatever the machine. */
export function encodeFingerprint(fp: Uint32Array): Buffer {
  const out = Buffer.alloc(fp.length * 4);
  fp.forEach((h, i) => {
    out.writeUInt32LE(h, i * 4);
  });
  return out;
}

export function readFingerprint(file = FINGERPRINT): Set<number> {
  const bytes = readFileSync(file);
  const hashes = new Set<number>();
  for (let i = 0; i + 4 <= bytes.length; i += 4) hashes.add(bytes.readUInt32LE(i));
  return hashes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const notes = process.argv[2] ?? DEFAULT_NOTES;
  const fp = fingerprint(readFileSync(notes, "utf8"));
  writeFileSync(FINGERPRINT, encodeFingerprint(fp));
  process.stdout.write(`${fp.length} run hashes of ${notes} → ${FINGERPRINT}\n`);
}
