import { localize, type Locale } from '../../shared/i18n';
import type { SiteView } from '../../shared/site/view';
import { formatInstant } from '../../shared/time/format';

/** Display name for an actor: the roster name when it is a roster id. */
export function actorName(site: SiteView | undefined, actor: string, locale: Locale): string {
  const person = site?.roster.people.find((p) => p.id === actor);
  return person ? localize(person.name, locale) : actor;
}

/** A time of day (hh:mm:ss, 24 h) in the site's time zone, with the month and day when asked (shared/time/format.ts). */
export function formatTime(ms: number, locale: Locale, timeZone: string | undefined, withDate: boolean): string {
  return formatInstant(ms, { locale, timeZone }, withDate ? 'dayTime' : 'time');
}
