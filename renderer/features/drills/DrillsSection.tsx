import { useEffect, useState } from 'react';
import { localize } from '../../../shared/i18n';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { formatTime } from '../../ui/format';
import { DrillReview } from './DrillReview';

const SPEEDS = [1, 2, 5, 10, 30, 60];

/** The drill desk: scenarios to start, the running drill's injects, past drills to review. */
export function DrillsSection() {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const tz = useConsole((s) => s.bootstrap?.site.timezone);
  const scenarios = useConsole((s) => s.drillScenarios);
  const load = useConsole((s) => s.loadDrills);
  const start = useConsole((s) => s.startDrill);
  const drill = useConsole((s) => s.siteState.drill);
  const [speed, setSpeed] = useState(1);
  const scenarioName = (id: string, fallback: string): string => {
    const s = scenarios.find((x) => x.id === id);
    return s ? localize(s.name, locale) : fallback;
  };
  const error = useConsole((s) => s.drillsError);

  useEffect(() => {
    void load();
  }, [load]);

  // Starting a drill is an operator's action (methodRequirement); the runs and their reviews are for everyone signed in.
  const canStart = useCan('startDrill');
  return (
    <main className="drills" data-testid="drills-section">
      <section className="panel">
        <h2 className="panel__title">{t('drill.scenarios')}</h2>
        {error && <div className="field__error" role="alert">{error}</div>}
        <ul className="drills__list">
          {scenarios.map((s) => (
            <li key={s.id} className="drills__item" data-scenario={s.id}>
              <div>
                <strong>{localize(s.name, locale)}</strong>
                <div className="muted">{s.description ? localize(s.description, locale) : ''}</div>
                <div className="muted">{t('drill.meta', { minutes: Math.round(s.durationSec / 60), injects: s.injects.length })}</div>
              </div>
              {canStart && <div className="drills__start">
                <label className="field field--inline">
                  {t('drill.speed')}
                  <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} name="speed">
                    {SPEEDS.map((v) => (
                      <option key={v} value={v}>
                        {v}×
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={drill.active !== undefined}
                  data-testid={`start-drill-${s.id}`}
                  onClick={() => void start(s.id, speed)}
                >
                  {t('drill.start')}
                </button>
              </div>}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <h2 className="panel__title">{t('drill.runs')}</h2>
        <ol className="drills__runs">
          {[...drill.runs].reverse().map((run) => (
            <li key={run.startId} data-run={run.startId} className={run.end ? '' : 'is-active'}>
              <strong>{scenarioName(run.scenarioId, run.name)}</strong> · {formatTime(run.startedAt, locale, tz, true)} · {run.speed}× ·{' '}
              {run.end ? t(`drill.endReason.${run.end.reason}`) : t('drill.running')}
              <ul className="drills__injects">
                {run.fired.map((f) => (
                  <li key={f.entryId}>
                    {formatTime(f.at, locale, tz, false)} · {f.inject.id} ({f.inject.kind}
                    {f.phase === 'restore' ? ` ${t('drill.restored')}` : ''})
                  </li>
                ))}
              </ul>
              {run.end && <DrillReview run={run} />}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
