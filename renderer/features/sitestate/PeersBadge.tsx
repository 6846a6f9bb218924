import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

/** The site's other consoles: present or not, and how far behind our copy of each journal is. */
export function PeersBadge() {
  const peers = useConsole((s) => s.peers);
  const bus = useConsole((s) => s.bootstrap?.site.bus);
  const t = useT();
  if (!bus) return null;
  const present = peers.filter((p) => p.present).length;
  const behind = peers.reduce((n, p) => n + p.behind, 0);
  const trouble = peers.some((p) => p.problem !== undefined);
  const tone = trouble ? 'bad' : present < peers.length ? 'warn' : 'ok';
  const title = peers
    .map((p) => `${p.console} (${p.station ? t(`station.${p.station}`) : '?'}): ${p.present ? t('peers.present') : t('peers.absent')}, ${t('peers.behind', { count: p.behind })}${p.problem ? ` — ${p.problem}` : ''}`)
    .join('\n');
  return (
    <span className={`integrity integrity--${tone} integrity--compact`} data-testid="peers-badge" title={title}>
      {t('peers.summary', { present, total: peers.length })}
      {behind > 0 && <> · {t('peers.behind', { count: behind })}</>}
      {trouble && <> · {t('peers.problem')}</>}
    </span>
  );
}
