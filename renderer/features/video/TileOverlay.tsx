import { useEffect, useState } from 'react';
import { useT } from '../../i18n/useT';
import type { TileHealth } from './tileState';

export interface TileOverlayProps {
  readonly name: string;
  readonly state: 'playing' | 'connecting' | 'no-signal';
  readonly reasonText: string | undefined;
  readonly retryAt: number | undefined;
  readonly health: TileHealth | undefined;
  readonly streamLabel: string;
}

/** The tile's words: camera name, LIVE or NO SIGNAL with the reason, and measured health. */
export function TileOverlay({ name, state, reasonText, retryAt, health, streamLabel }: TileOverlayProps) {
  const t = useT();
  return (
    <div className="tile__overlay">
      <div className="tile__top">
        <span className="tile__name">{name}</span>
        {state === 'playing' && <span className="tile__live">{t('camera.live')}</span>}
      </div>
      {state === 'connecting' && <div className="tile__status">{t('camera.connecting')}</div>}
      {state === 'no-signal' && (
        <div className="tile__nosignal" role="status">
          <strong>{t('camera.noSignal')}</strong>
          {reasonText && <span className="tile__reason">{reasonText}</span>}
          {retryAt !== undefined && <RetryCountdown at={retryAt} />}
        </div>
      )}
      {health && state === 'playing' && (
        <div className="tile__health" data-testid="tile-health" data-fps={health.fps} data-latency={health.latencySec ?? ''} data-frame-age={health.lastFrameAgeMs}>
          {health.transport.toUpperCase()} {streamLabel} · {health.width}×{health.height} · {health.fps.toFixed(0)} fps · {health.kbps} kbps
          {health.latencySec !== undefined && <> · {t('wall.health.latency', { seconds: health.latencySec.toFixed(1) })}</>}
          {' · '}
          {t('wall.health.age', { seconds: (health.lastFrameAgeMs / 1000).toFixed(1) })}
          {health.freezes > 0 && <> · {t('wall.health.freezes', { count: health.freezes })}</>}
        </div>
      )}
    </div>
  );
}

function RetryCountdown({ at }: { at: number }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return <span className="tile__retry">{t('camera.retryIn', { seconds })}</span>;
}
