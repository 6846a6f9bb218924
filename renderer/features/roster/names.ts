import { localize, type Locale } from '../../../shared/i18n';
import type { Roster } from '../../../shared/site/roster';

/** Display name of a person, external contact or device id; the id itself when unknown. */
export function nameOf(roster: Roster | undefined, id: string, locale: Locale): string {
  const person = roster?.people.find((p) => p.id === id) ?? roster?.units.find((u) => u.id === id);
  if (person) return localize(person.name, locale);
  const device = roster?.equipment.find((e) => e.id === id || `dev:${e.id}` === id);
  return device ? device.label : id;
}
