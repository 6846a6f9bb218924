import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { sounding } from '../../../shared/alerts/attention';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { useCan } from '../session';
import { AlarmSpeaker } from './tone';

/**
 * The desk's alarm tone and its silence control. Every alarm that waits for
 * a person sounds at its severity's tone until acknowledged; an operator
 * may silence this console for the alarms sounding now, giving a reason
 * (journaled; other desks keep sounding; a new alarm sounds again).
 *
 * A wall station (a console of its own, nobody signed in) sounds the same
 * tones without controls: acknowledgement at a desk stops it, and a kiosk
 * the browser keeps quiet says so (it has no one to click; start it with the
 * autoplay flag).
 */
export function AlarmTone(props: { controls?: boolean }) {
  const controls = props.controls ?? true;
  const consoleId = useConsole((s) => s.bootstrap?.console.id ?? '');
  const alerts = useConsole((s) => s.siteState.alerts);
  const silence = useConsole((s) => s.silenceAlarms);
  const error = useConsole((s) => s.silenceError);
  const canSilence = useCan('silenceAlarms') && controls;
  const t = useT();
  const sound = useMemo(() => sounding(alerts, consoleId), [alerts, consoleId]);
  const [speaker] = useState(() => new AlarmSpeaker());
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const state = useSyncExternalStore(
    (l) => speaker.onChange(l),
    () => `${speaker.state()}:${speaker.bursts}`,
  );
  const [toneState, bursts] = state.split(':');

  useEffect(() => speaker.play(sound.tone), [speaker, sound.tone]);
  useEffect(() => () => speaker.close(), [speaker]);
  // A page the browser keeps quiet plays after the operator's next click anywhere.
  useEffect(() => {
    if (toneState !== 'blocked' || !controls) return undefined;
    const unblock = (): void => speaker.unblock();
    window.addEventListener('pointerdown', unblock, { once: true });
    window.addEventListener('keydown', unblock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unblock);
      window.removeEventListener('keydown', unblock);
    };
  }, [speaker, toneState, controls]);

  const submit = (): void => {
    if (!reason.trim()) return;
    void silence(sound.alertIds, reason).then((ok) => {
      if (!ok) return;
      setAsking(false);
      setReason('');
    });
  };

  return (
    <span
      className={`tone tone--${toneState ?? 'quiet'}${sound.tone ? ` sev-${sound.tone}` : ''}`}
      data-testid="alarm-tone"
      data-state={toneState}
      data-tone={sound.tone ?? ''}
      data-sounding={sound.alertIds.length}
      data-silenced={sound.silenced}
      data-bursts={bursts}
    >
      {toneState === 'sounding' && <span aria-live="polite">🔊 {t('tone.sounding', { count: sound.alertIds.length })}</span>}
      {toneState === 'blocked' && !controls && <span className="tone__blocked">🔇 {t('tone.blockedKiosk')}</span>}
      {toneState === 'blocked' && controls && (
        <button type="button" className="tone__unblock" onClick={() => speaker.unblock()}>
          🔇 {t('tone.blocked')}
        </button>
      )}
      {toneState === 'unavailable' && <span>{t('tone.unavailable')}</span>}
      {toneState === 'quiet' && sound.silenced > 0 && <span className="muted">🔕 {t('tone.silencedCount', { count: sound.silenced })}</span>}
      {sound.alertIds.length > 0 && canSilence && !asking && (
        <button type="button" data-testid="tone-silence" onClick={() => setAsking(true)}>
          {t('tone.silence')}
        </button>
      )}
      {asking && (
        <form
          className="tone__form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <input
            name="silence-reason"
            autoFocus
            value={reason}
            placeholder={t('tone.reason')}
            aria-label={t('tone.reason')}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" disabled={!reason.trim()}>
            {t('tone.silenceConfirm', { count: sound.alertIds.length })}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('tone.cancel')}
          </button>
          {error && (
            <span className="field__error" role="alert">
              {error}
            </span>
          )}
        </form>
      )}
    </span>
  );
}
