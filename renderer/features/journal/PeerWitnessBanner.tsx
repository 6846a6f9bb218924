import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

const short = (hash: string): string => (hash === '' ? '?' : hash.length > 16 ? `${hash.slice(0, 16)}…` : hash);

/** Consoles whose journals contradict what this console witnessed of them (desk and wall): which, where, both hashes. */
export function PeerWitnessBanner() {
  const peers = useConsole((s) => s.peers);
  const t = useT();
  const divergent = peers.filter((p) => p.divergence !== undefined);
  if (divergent.length === 0) return null;
  return (
    <div className="banner banner--diverged" role="alert" data-testid="peer-witness-banner">
      {divergent.map((p) =>
        p.divergence ? (
          <span key={p.console} data-console={p.console} data-seq={p.divergence.seq} title={`${p.divergence.heldHash}\n${p.divergence.receivedHash}`}>
            {t('peers.banner.divergent', { console: p.console, seq: p.divergence.seq, held: short(p.divergence.heldHash), received: short(p.divergence.receivedHash) })}
          </span>
        ) : null,
      )}
    </div>
  );
}
