import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

/** The site's other consoles: present or not, and how far behind our copy of each journal is. */
export function PeersBadge() {
  const peers = useConsole((s) => s.peers);
  const bus = useConsole((s) => s.bootstrap?.site.bus);
  const t = useT();
  if (!bus) return null;
  const counted = peers.filter((p) => p.unknown !== true);
  const present = counted.filter((p) => p.present).length;
  const behind = peers.reduce((n, p) => n + p.behind, 0);
  const trouble = peers.some((p) => p.problem !== undefined);
  const divergent = peers.some((p) => p.divergence !== undefined);
  // A console the site has not enrolled, or entries under an enrolled one's name it did not sign: someone on the bus poses as a console.
  const unknown = peers.filter((p) => p.unknown === true).length;
  const forged = peers.some((p) => p.keptApart !== undefined);
  const tone = trouble || divergent || unknown > 0 || forged ? 'bad' : present < counted.length ? 'warn' : 'ok';
  const title = peers
    .map((p) => {
      const head = `${p.console} (${p.station ? t(`station.${p.station}`) : '?'}): `;
      const kept = p.keptApart
        ? ` — ${t('peers.keptApart', { count: p.keptApart.count, reason: t(`peers.why.${p.keptApart.why}`) })}${p.keptApart.claimedKey ? `, ${t('peers.claimedKey', { key: p.keptApart.claimedKey })}` : ''}`
        : '';
      if (p.unknown) return `${head}${t('peers.unknown')}${kept}`;
      return `${head}${p.present ? t('peers.present') : t('peers.absent')}, ${t('peers.behind', { count: p.behind })}${p.problem ? ` — ${p.problem}` : ''}${kept}`;
    })
    .join('\n');
  return (
    <span className={`integrity integrity--${tone} integrity--compact`} data-testid="peers-badge" title={title}>
      {t('peers.summary', { present, total: counted.length })}
      {behind > 0 && <> · {t('peers.behind', { count: behind })}</>}
      {divergent ? <> · {t('peers.divergent')}</> : trouble && <> · {t('peers.problem')}</>}
      {unknown > 0 && (
        <span data-testid="peers-unknown">
          {' · '}
          {t('peers.unknownCount', { count: unknown })}
        </span>
      )}
    </span>
  );
}
