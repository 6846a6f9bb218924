import { useState } from 'react';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { formatTime } from '../../ui/format';
import type { PlayerFrame, ReplayPlayer } from './player';

const SPEEDS = [0.5, 1, 2, 5, 10, 30, 60];

/** Transport and timeline: scrub, play at 0.5×–60×, skip idle stretches, jump to the next alert. */
export function ReplayTimeline(props: { player: ReplayPlayer; frame: PlayerFrame; onClose: () => void }) {
  const t = useT();
  const locale = useConsole((s) => s.settings.locale);
  const tz = useConsole((s) => s.bootstrap?.site.timezone);
  const { player, frame } = props;
  const { info } = player;
  const [skip, setSkip] = useState(player.skipIdle);
  const span = Math.max(1, info.end - info.start);
  return (
    <section className="panel replay__bar" data-testid="replay-timeline" data-t={Math.round(frame.t)} data-index={frame.index} data-playing={frame.playing}>
      <div className="replay__row">
        <strong>{info.label}</strong>
        <span className={info.verified ? 'integrity integrity--ok' : 'integrity integrity--bad'} data-testid="replay-verified">
          {info.verified ? t('replay.verified', { count: info.entries }) : t('replay.unverified', { problem: info.problem ?? '' })}
        </span>
        <span className="muted">{t('replay.consoles', { count: info.consoles.length })}</span>
        <button type="button" className="button button--quiet" onClick={props.onClose}>
          {t('replay.close')}
        </button>
      </div>
      <div className="replay__row">
        <button type="button" className="button" data-testid="replay-play" onClick={() => (frame.playing ? player.pause() : player.play())}>
          {frame.playing ? t('replay.pause') : t('replay.play')}
        </button>
        <select aria-label={t('replay.speed')} value={frame.speed} onChange={(e) => player.setSpeed(Number(e.target.value))} name="replaySpeed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        <label className="field field--inline">
          <input
            type="checkbox"
            checked={skip}
            onChange={(e) => {
              player.setSkipIdle(e.target.checked);
              setSkip(e.target.checked);
            }}
          />{' '}
          {t('replay.skipIdle')}
        </label>
        <button type="button" className="button" data-testid="replay-next-alert" onClick={() => void player.jumpToNext(['alert.raised', 'drill.inject'])}>
          {t('replay.nextEvent')}
        </button>
        <span className="replay__clock" data-testid="replay-clock">
          {formatTime(frame.t, locale, tz, true)}
        </span>
      </div>
      <div className="replay__track">
        {info.marks.map((m) => (
          <span key={m.index} className={`replay__mark replay__mark--${m.kind.replace('.', '-')}`} style={{ left: `${((m.t - info.start) / span) * 100}%` }} />
        ))}
        <input
          type="range"
          min={info.start}
          max={info.end}
          step="any"
          value={Math.round(frame.t)}
          aria-label={t('replay.timeline')}
          data-testid="replay-scrubber"
          onChange={(e) => void player.seek(Number(e.target.value))}
        />
      </div>
    </section>
  );
}
