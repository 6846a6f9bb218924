import { useMemo } from 'react';
import { localize } from '../../../shared/i18n';
import { dueStates } from '../../../shared/roster/schedule';
import { alertList, isOpen } from '../../../shared/state/alertsDomain';
import type { SiteState } from '../../../shared/state';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { nameOf, useRoster } from '../roster';

/**
 * What the console showed at time t, read-only: the alert queue, the comms
 * checks (due states computed at t, not now), and every wall's layout,
 * pushed cameras and spotlight. No video is replayed; the panels say which
 * cameras were on the wall, popped up or snapshotted.
 */
export function ReplayStatePanels(props: { state: SiteState; t: number }) {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const site = useConsole((s) => s.bootstrap?.site);
  const tz = site?.timezone ?? 'UTC';
  const roster = useRoster();
  const types = useMemo(() => new Map((site?.alertTypes ?? []).map((a) => [a.code, localize(a.name, locale)])), [site, locale]);
  const open = useMemo(() => alertList(props.state.alerts).filter(isOpen), [props.state.alerts]);
  const checks = useMemo(
    () => (roster ? dueStates(props.state.roster, roster, tz, props.t).filter((s) => s.stage !== 'ok') : []),
    [props.state.roster, roster, tz, props.t],
  );
  const walls = Object.entries(props.state.wall.walls).sort(([a], [b]) => a.localeCompare(b));
  const snapshots = props.state.wall.snapshots.filter((s) => s.at <= props.t).slice(-5);
  return (
    <section className="panel replay__state" data-testid="replay-state">
      <h2 className="panel__title">{t('replayState.alerts', { count: open.length })}</h2>
      <ul className="replay__list" data-testid="replay-alerts">
        {open.slice(0, 30).map((a) => (
          <li key={a.id} data-alert={a.id} data-status={a.status} className={`sev sev--${a.severity}`}>
            {types.get(a.type) ?? a.type} · {a.zone ?? a.camera ?? '—'} · {t(`replayState.status.${a.status}`)}
          </li>
        ))}
      </ul>
      <h2 className="panel__title">{t('replayState.checks', { count: checks.length })}</h2>
      <ul className="replay__list" data-testid="replay-checks">
        {checks.slice(0, 30).map((c) => (
          <li key={`${c.checkId}:${c.subject}`} data-stage={c.stage}>
            {roster ? nameOf(roster, c.device ?? c.person, locale) : c.person} · {c.checkId} · {t(`replayState.stage.${c.stage}`)}
          </li>
        ))}
      </ul>
      <h2 className="panel__title">{t('replayState.walls')}</h2>
      <ul className="replay__list" data-testid="replay-walls">
        {walls.map(([address, w]) => (
          <li key={address} data-wall={address}>
            {address} · {t('replayState.layout', { layout: w.customId ?? w.layout })}
            {Object.keys(w.tiles).length > 0 && ` · ${t('replayState.pushed', { cameras: Object.values(w.tiles).join(', ') })}`}
            {w.spotlight && ` · ${t('replayState.spotlight', { camera: w.spotlight.camera, reason: w.spotlight.reason })}`}
            {w.tour && ` · ${t('replayState.tour', { tour: w.tour.tourId })}`}
          </li>
        ))}
        {snapshots.map((s) => (
          <li key={s.entryId}>{t('replayState.snapshot', { camera: s.camera })}</li>
        ))}
      </ul>
    </section>
  );
}
