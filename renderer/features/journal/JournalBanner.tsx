import { useState } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { errorText } from '../../ui/errorText';
import { PeerWitnessBanner } from './PeerWitnessBanner';
import { UpstreamBanner } from './UpstreamBanner';

/** The journal's trouble, where every view (desk and wall) can see it: its own file's, an upstream that differs, and peers that contradict what was witnessed. */
export function JournalBanner(props: { interactive: boolean }) {
  return (
    <>
      <ChainBanner interactive={props.interactive} />
      <UpstreamBanner />
      <PeerWitnessBanner />
    </>
  );
}

/** Disk full, broken chain, new segment after a break, writer down. */
function ChainBanner(props: { interactive: boolean }) {
  const status = useConsole((s) => s.journalStatus);
  const startNewSegment = useConsole((s) => s.startNewJournalSegment);
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!status || status.state === 'ok') return null;
  const message =
    status.state === 'full'
      ? t('journal.banner.full')
      : status.state === 'broken'
        ? t('journal.banner.broken', { seq: status.problem?.seq ?? '?', problem: status.problem?.problem ?? status.detail ?? '' })
        : status.state === 'recovered'
          ? t('journal.banner.recovered', { detail: status.detail ?? '' })
          : t('journal.banner.unavailable', { detail: status.detail ?? '' });
  return (
    <div className={`banner banner--${status.state}`} role="alert" data-testid="journal-banner" data-state={status.state}>
      <span>{message}</span>
      {(status.state === 'broken' || status.state === 'recovered') && props.interactive && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            startNewSegment()
              .catch((err: unknown) => setError(errorText(err)))
              .finally(() => setBusy(false));
          }}
        >
          {t(status.state === 'recovered' ? 'journal.banner.acknowledge' : 'journal.banner.newSegment')}
        </button>
      )}
      {error && <span className="banner__error">{error}</span>}
    </div>
  );
}
