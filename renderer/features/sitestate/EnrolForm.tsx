import { useEffect, useState } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { keyFingerprint } from './keyFingerprint';

/** Enrols a console by its key: the fingerprint of what was pasted is shown beside the one its journal claims. */
export function EnrolForm(props: { consoleId: string; claimedKey: string | undefined }) {
  const t = useT();
  const enrollConsole = useConsole((s) => s.enrollConsole);
  const error = useConsole((s) => s.enrolError);
  const [consoleId, setConsoleId] = useState(props.consoleId);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [reason, setReason] = useState('');
  const [fingerprint, setFingerprint] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void keyFingerprint(key).then((f) => live && setFingerprint(f));
    return () => {
      live = false;
    };
  }, [key]);
  const submit = async (): Promise<void> => {
    setDone(undefined);
    const ok = await enrollConsole({ consoleId: consoleId.trim(), publicKey: key.replace(/\s+/g, ''), reason, ...(name.trim() ? { name: name.trim() } : {}) });
    if (ok) setDone(consoleId.trim());
  };
  return (
    <section className="roster__pad" data-testid="consoles-enrol">
      <h3>{t('consoles.enrol')}</h3>
      <p className="muted">{t('consoles.enrolHelp')}</p>
      <label className="field">
        {t('consoles.enrolId')}
        <input name="enrolConsole" value={consoleId} onChange={(e) => setConsoleId(e.target.value)} />
      </label>
      <label className="field">
        {t('consoles.enrolName')}
        <input name="enrolName" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        {t('consoles.enrolKey')}
        <textarea name="enrolKey" rows={2} value={key} onChange={(e) => setKey(e.target.value)} />
      </label>
      {key.trim() !== '' && (
        <p data-testid="enrol-fingerprint" data-matches={props.claimedKey === undefined ? undefined : fingerprint === props.claimedKey}>
          {t('consoles.fingerprint')} <code>{fingerprint ?? t('consoles.keyInvalid')}</code>
          {fingerprint !== undefined && props.claimedKey !== undefined && (
            <> · {fingerprint === props.claimedKey ? t('consoles.keyMatches') : <strong className="field__error">{t('consoles.keyDiffers', { claimed: props.claimedKey })}</strong>}</>
          )}
        </p>
      )}
      <label className="field">
        {t('consoles.enrolReason')}
        <input name="enrolReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="button" className="button button--primary" data-testid="enrol-submit" onClick={() => void submit()}>
        {t('consoles.enrolSubmit')}
      </button>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p role="status" data-testid="enrol-done">
          {t('consoles.enrolled', { console: done })}
        </p>
      )}
    </section>
  );
}
