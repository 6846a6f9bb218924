import { useEffect, useState } from 'react';
import type { Locale } from '../../shared/i18n';
import { formatInstant, formatWeekday } from '../../shared/time/format';

/** The site's wall-clock time with seconds (never the PC's zone); the monitoring room reads it across the room. */
export function Clock(props: { locale: Locale; timeZone?: string; large?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const ctx = { locale: props.locale, timeZone: props.timeZone };
  return (
    <div className={props.large ? 'clock clock--large' : 'clock'} data-testid="clock">
      <span className="clock__time">{formatInstant(now, ctx, 'time')}</span>
      <span className="clock__date">
        {formatInstant(now, ctx, 'date')} {formatWeekday(now, ctx)}
      </span>
    </div>
  );
}
