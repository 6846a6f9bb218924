import { useEffect } from 'react';
import { localize } from '../../../shared/i18n';
import { kindLabels } from '../../../shared/journal/kinds';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { formatTime } from '../../ui/format';

const DUTY_LEVELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };

/** The command centre's list of watched sites: connection, open alerts, last entry. Read-only. */
export function CommandCentreSection() {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const tz = useConsole((s) => s.bootstrap?.site.timezone);
  const sites = useConsole((s) => s.commandSites);
  const error = useConsole((s) => s.commandError);
  const watch = useConsole((s) => s.watchCommandCentre);
  useEffect(() => watch(), [watch]);
  return (
    <main className="command" data-testid="command-centre">
      <section className="panel">
        <h2 className="panel__title">{t('cc.title')}</h2>
        <p className="muted">{t('cc.readOnly')}</p>
        {error && <div className="field__error" role="alert">{error}</div>}
        {sites.length === 0 ? (
          <p className="muted">{t('cc.none')}</p>
        ) : (
          <table className="command__table">
            <thead>
              <tr>
                <th>{t('cc.col.site')}</th>
                <th>{t('cc.col.link')}</th>
                <th>{t('cc.col.consoles')}</th>
                <th>{t('cc.col.open')}</th>
                <th>{t('cc.col.duty')}</th>
                <th>{t('cc.col.last')}</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.site} data-site={s.site} data-link={s.link} className={s.openAlerts > 0 ? 'has-alerts' : ''}>
                  <td>
                    <strong>{localize(s.name, locale)}</strong>
                    {s.drillActive && <span className="command__drill"> · {t('cc.drill')}</span>}
                    {s.problem && <div className="field__error">{t('cc.problem', { problem: s.problem })}</div>}
                  </td>
                  <td className={`command__link command__link--${s.link}`}>{t(`cc.link.${s.link}`)}</td>
                  <td data-col="consoles">{s.consoles}</td>
                  <td data-col="open">
                    {s.openAlerts}
                    {Object.entries(s.bySeverity).map(([sev, n]) => (
                      <span key={sev} className={`sev sev--${sev}`}>
                        {' '}
                        {n}
                      </span>
                    ))}
                  </td>
                  <td>{s.dutyLevel ? (locale === 'zh-CN' ? `${DUTY_LEVELS[s.dutyLevel] ?? s.dutyLevel}勤务` : `Level ${s.dutyLevel}`) : '—'}</td>
                  <td data-col="last">
                    {s.lastEntry
                      ? t('cc.ago', { time: formatTime(s.lastEntry.at, locale, tz, true), kind: s.lastEntry.kind ? localize(kindLabels[s.lastEntry.kind] ?? s.lastEntry.kind, locale) : '' })
                      : t('cc.never')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
