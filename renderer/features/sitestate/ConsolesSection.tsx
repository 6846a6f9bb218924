import { useEffect, useState } from 'react';
import type { PeerStatus } from '../../../shared/sync/peers';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { EnrolForm } from './EnrolForm';
import { keyFingerprint } from './keyFingerprint';

/**
 * The site's consoles: this one's key (to be read off this screen when another
 * desk enrols it), the others on the bus with what counts of each, and the
 * enrolment of one the site does not know yet (a supervisor's action).
 */
export function ConsolesSection() {
  const t = useT();
  const consoleId = useConsole((s) => s.bootstrap?.console.id);
  const publicKey = useConsole((s) => s.journalStatus?.publicKey);
  const peers = useConsole((s) => s.peers);
  // Enrolling a console takes an operator with a supervisor (four eyes); replay and observers only look.
  const readOnly = !useCan('enrollConsole');
  const [fingerprint, setFingerprint] = useState<string | undefined>();
  const [chosen, setChosen] = useState<PeerStatus | undefined>();
  useEffect(() => {
    let live = true;
    if (publicKey) void keyFingerprint(publicKey).then((f) => live && setFingerprint(f));
    return () => {
      live = false;
    };
  }, [publicKey]);
  return (
    <main className="desk-consoles panel" data-testid="consoles-section">
      <h2 className="panel__title">{t('consoles.title')}</h2>
      <section className="roster__pad" data-testid="console-self">
        <h3>{t('consoles.self')}</h3>
        <p>
          <strong>{consoleId}</strong> · {t('consoles.fingerprint')} <code data-testid="console-self-fingerprint">{fingerprint ?? '…'}</code>
        </p>
        <label className="field">
          {t('consoles.key')}
          <textarea readOnly rows={2} value={publicKey ?? ''} data-testid="console-self-key" onFocus={(e) => e.currentTarget.select()} />
        </label>
        <p className="muted">{t('consoles.selfHelp')}</p>
      </section>
      <section className="roster__pad">
        <h3>{t('consoles.others')}</h3>
        {peers.length === 0 ? (
          <p className="muted">{t('consoles.none')}</p>
        ) : (
          <table className="table" data-testid="consoles-table">
            <thead>
              <tr>
                <th>{t('consoles.col.console')}</th>
                <th>{t('consoles.col.state')}</th>
                <th>{t('consoles.col.key')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {peers.map((p) => (
                <tr key={p.console} data-console={p.console} data-unknown={p.unknown === true}>
                  <td>{p.console}</td>
                  <td>
                    {p.unknown ? t('peers.unknown') : `${t('consoles.counted')} · ${p.present ? t('peers.present') : t('peers.absent')}`}
                    {p.keptApart && <div className="muted">{t('peers.keptApart', { count: p.keptApart.count, reason: t(`peers.why.${p.keptApart.why}`) })}</div>}
                  </td>
                  <td>
                    <code>{p.keptApart?.claimedKey ?? '—'}</code>
                  </td>
                  <td>
                    {p.unknown && !readOnly && (
                      <button type="button" className="button" data-testid="consoles-enrol-pick" onClick={() => setChosen(p)}>
                        {t('consoles.enrol')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {!readOnly && <EnrolForm key={chosen?.console ?? ''} consoleId={chosen?.console ?? ''} claimedKey={chosen?.keptApart?.claimedKey} />}
    </main>
  );
}
