import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { formatTime } from '../../ui/format';

/** "Verified to #N" and the upstream copy: connected, offline since T, behind by N, or a different history upstream. */
export function IntegrityBadge(props: { compact?: boolean }) {
  const status = useConsole((s) => s.journalStatus);
  const locale = useConsole((s) => s.settings.locale);
  const tz = useConsole((s) => s.bootstrap?.site.timezone);
  const t = useT();
  if (!status) return null;
  const up = status.upstream;
  const chain =
    status.state === 'broken'
      ? t('journal.badge.broken', { seq: status.problem?.seq ?? '?' })
      : status.state === 'recovered'
        ? t('journal.badge.recovered', { seq: status.verifiedTo })
        : status.verifying
        ? t('journal.badge.verifying', { seq: status.verifiedTo })
        : t('journal.badge.verified', { seq: status.verifiedTo });
  const upstream = !up.configured
    ? t('journal.upstream.standalone')
    : up.divergence
      ? t('journal.upstream.diverged', { seq: up.divergence.upstreamSeq })
      : up.state === 'connected'
        ? up.behind > 0
          ? t('journal.upstream.catchingUp', { count: up.behind })
          : t('journal.upstream.synced', { seq: up.lastAck?.seq ?? 0, time: up.lastAck ? formatTime(up.lastAck.at, locale, tz, false) : '-' })
        : t('journal.upstream.offline', { time: up.since ? formatTime(up.since, locale, tz, false) : '-', count: up.behind });
  const tone = status.state !== 'ok' || (up.configured && up.divergence) ? 'bad' : up.configured && up.state !== 'connected' ? 'warn' : 'ok';
  return (
    <span className={`integrity integrity--${tone}${props.compact ? ' integrity--compact' : ''}`} data-testid="integrity-badge" title={status.file}>
      <span data-testid="integrity-chain">{chain}</span>
      <span className="integrity__sep">·</span>
      <span data-testid="integrity-upstream">{upstream}</span>
    </span>
  );
}
