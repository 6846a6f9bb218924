import { useState } from 'react';
import { localize } from '../../../shared/i18n';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';

/**
 * While a drill runs, every desk and wall view says so: a banner and a
 * watermark across the page. The desk banner carries the "real emergency —
 * stop the drill" control.
 */
export function DrillBanner(props: { interactive: boolean }) {
  const active = useConsole((s) => s.siteState.drill.active);
  const scenarios = useConsole((s) => s.bootstrap?.drills);
  const locale = useConsole((s) => s.settings.locale);
  const readOnly = !useCan('stopDrill');
  const stopDrill = useConsole((s) => s.stopDrill);
  const t = useT();
  const [busy, setBusy] = useState(false);
  const error = useConsole((s) => s.drillsError);
  if (!active) return null;
  const scenario = scenarios?.find((d) => d.id === active.scenarioId);
  const name = scenario ? localize(scenario.name, locale) : active.name;
  const stop = (reason: 'real-emergency' | 'operator'): void => {
    setBusy(true);
    void stopDrill(reason).then(() => setBusy(false));
  };
  return (
    <>
      <div className="watermark" aria-hidden="true" data-testid="drill-watermark">
        {t('drill.watermark')}
      </div>
      <div className="banner banner--drill" role="status" data-testid="drill-banner">
        <strong>{t('drill.banner', { name })}</strong>
        <span>{t('drill.injected', { count: active.fired.filter((f) => f.phase === 'start').length })}</span>
        {props.interactive && !readOnly && (
          <>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => stop('real-emergency')} data-testid="drill-real-emergency">
              {t('drill.realEmergency')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => stop('operator')}>
              {t('drill.end')}
            </button>
          </>
        )}
        {error && <span className="banner__error">{error}</span>}
      </div>
    </>
  );
}
