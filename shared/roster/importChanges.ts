import { canonicalJson } from '../journal/canonical';
import type { Person } from '../site/roster';

/** What an import would change in the people of the roster in force, by person id (for the preview before applying). */
export interface RosterChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  readonly unchanged: number;
}

export function rosterChanges(current: readonly Person[], next: readonly Person[]): RosterChanges {
  const before = new Map(current.map((p) => [p.id, canonicalJson(p)]));
  const after = new Map(next.map((p) => [p.id, canonicalJson(p)]));
  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  for (const [id, json] of after) {
    const was = before.get(id);
    if (was === undefined) added.push(id);
    else if (was !== json) changed.push(id);
    else unchanged += 1;
  }
  const removed = [...before.keys()].filter((id) => !after.has(id));
  return { added, removed, changed, unchanged };
}
