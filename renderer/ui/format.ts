import { localize, type Locale } from '../../shared/i18n';
import { groupName } from '../../shared/journal/summary';
import type { SiteView } from '../../shared/site/view';
import { formatInstant } from '../../shared/time/format';

/** Display name for an actor: the roster name when it is a roster id. */
export function actorName(site: SiteView | undefined, actor: string, locale: Locale): string {
  const person = site?.roster.people.find((p) => p.id === actor);
  if (person) return localize(person.name, locale);
  // A working group an alarm went to (`group:rapid-response`), or an external unit.
  const group = groupName(locale, actor);
  if (group !== undefined) return group;
  const unit = site?.roster.units.find((u) => u.id === actor);
  return unit ? localize(unit.name, locale) : actor;
}

/** A time of day (hh:mm:ss, 24 h) in the site's time zone, with the month and day when asked (shared/time/format.ts). */
export function formatTime(ms: number, locale: Locale, timeZone: string | undefined, withDate: boolean): string {
  return formatInstant(ms, { locale, timeZone }, withDate ? 'dayTime' : 'time');
}
