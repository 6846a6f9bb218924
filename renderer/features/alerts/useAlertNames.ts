import { useCallback } from 'react';
import { resolveTargets, type ResolvedTargets } from '../../../shared/alerts/targets';
import type { Severity } from '../../../shared/domain/severity';
import { localize, type Locale } from '../../../shared/i18n';
import type { SiteView } from '../../../shared/site/view';
import { formatDuration, formatInstant } from '../../../shared/time/format';
import { formatTime } from '../../ui/format';

export interface AlertNames {
  typeName(code: string): string;
  zoneName(id: string | undefined): string;
  time(ms: number): string;
  /** Date and time in the site's zone (an alarm's detail: a time alone hides a date days or years off). */
  dateTime(ms: number): string;
  /** A span in the app's language ("3 min 20 s" / "3分20秒"). */
  duration(ms: number): string;
  hourLabel(hour: number): string;
  targetsOf(severity: Severity, type?: string): ResolvedTargets | undefined;
}

/** How the alert views name types, zones and times, and which response targets apply: stable while the site and locale are. */
export function useAlertNames(site: SiteView | undefined, locale: Locale): AlertNames {
  const tz = site?.timezone;
  const typeName = useCallback(
    (code: string) => {
      const type = site?.alertTypes.find((x) => x.code === code);
      return type ? localize(type.name, locale) : code;
    },
    [site, locale],
  );
  const zoneName = useCallback(
    (id: string | undefined) => {
      if (id === undefined) return '—';
      const zone = site?.zones.find((z) => z.id === id);
      return zone ? localize(zone.name, locale) : id;
    },
    [site, locale],
  );
  const time = useCallback((ms: number) => formatTime(ms, locale, tz, false), [locale, tz]);
  const dateTime = useCallback((ms: number) => formatInstant(ms, { locale, timeZone: tz }, 'dateTime'), [locale, tz]);
  const duration = useCallback((ms: number) => formatDuration(ms, locale), [locale]);
  const hourLabel = useCallback((hour: number) => formatTime(hour, locale, tz, false).slice(0, 5), [locale, tz]);
  const targetsOf = useCallback(
    (severity: Severity, type?: string) =>
      site ? resolveTargets(site.responseTargets, severity, site.alertTypes.find((x) => x.code === type)) : undefined,
    [site],
  );
  return { typeName, zoneName, time, dateTime, duration, hourLabel, targetsOf };
}
