/** The drill's reads and writes of the progress store, with their defaults. */
import * as progress from "../progress.js";
import type { CardRecord, DrillSettings } from "../progress.js";
import { DEFAULT_NEW_PER_DAY } from "./deck.js";

export function cardStates(ids: readonly string[]): Map<string, CardRecord> {
  const out = new Map<string, CardRecord>();
  for (const id of ids) {
    const r = progress.read("card", id);
    if (r) out.set(id, r);
  }
  return out;
}

export function settings(): DrillSettings {
  return progress.read("drill", "settings") ?? { newPerDay: DEFAULT_NEW_PER_DAY, interviewMode: false };
}

export function saveSettings(change: Partial<DrillSettings>): void {
  progress.write("drill", "settings", { ...settings(), ...change });
}
