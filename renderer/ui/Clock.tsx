import { useEffect, useState } from 'react';
import type { Locale } from '../../shared/i18n';

/** Local wall-clock time with seconds; the monitoring room reads it across the room. */
export function Clock(props: { locale: Locale; timeZone?: string; large?: boolean }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false };
  const dateOptions: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' };
  if (props.timeZone) {
    options.timeZone = props.timeZone;
    dateOptions.timeZone = props.timeZone;
  }
  return (
    <div className={props.large ? 'clock clock--large' : 'clock'} data-testid="clock">
      <span className="clock__time">{now.toLocaleTimeString(props.locale, options)}</span>
      <span className="clock__date">{now.toLocaleDateString(props.locale, dateOptions)}</span>
    </div>
  );
}
