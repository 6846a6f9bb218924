import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';

const short = (hash: string): string => (hash.length > 16 ? `${hash.slice(0, 16)}…` : hash || '-');

/** The upstream holds a different history than this journal: publishing stopped, and what to do (desk and wall). */
export function UpstreamBanner() {
  const upstream = useConsole((s) => s.journalStatus?.upstream);
  const t = useT();
  const d = upstream?.configured ? upstream.divergence : undefined;
  if (!d) return null;
  return (
    <div className="banner banner--diverged" role="alert" data-testid="upstream-banner" data-upstream-seq={d.upstreamSeq} data-local-seq={d.localSeq}>
      <span title={`${d.subject}\n${d.upstreamHash}\n${d.localHash}`}>
        {t('journal.banner.diverged', { upstreamSeq: d.upstreamSeq, upstreamHash: short(d.upstreamHash), localSeq: d.localSeq, localHash: short(d.localHash) })}
      </span>
    </div>
  );
}
