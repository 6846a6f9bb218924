import { TIME_WINDOWS } from '../../../shared/heatmap/timeWindow';
import { formatInstant } from '../../../shared/time/format';
import { useT } from '../../i18n/useT';
import { useTimeContext } from '../../ui/useTimeContext';
import type { HeatTimeline } from './useHeatTimeline';

/** Window length buttons, the window-end slider and play / live controls. */
export function TimeWindow(props: { timeline: HeatTimeline; span: { start: number; end: number }; count: number }) {
  const t = useT();
  const time = useTimeContext();
  const { timeline, span } = props;
  const stepMs = Math.max(1_000, Math.round((span.end - span.start) / 1_000));
  return (
    <div className="timewindow" data-testid="heat-timewindow">
      <div className="timewindow__windows" role="radiogroup" aria-label={t('heat.window')}>
        {TIME_WINDOWS.map((w) => (
          <button
            key={w.id}
            type="button"
            role="radio"
            aria-checked={timeline.windowId === w.id}
            className={timeline.windowId === w.id ? 'chip is-active' : 'chip'}
            data-window={w.id}
            onClick={() => timeline.setWindow(w.id)}
          >
            {t(`heat.window.${w.id}` as const)}
          </button>
        ))}
      </div>
      <div className="timewindow__scrub">
        <button type="button" className="chip" data-testid="heat-play" onClick={() => timeline.togglePlay(span)}>
          {timeline.playing ? t('heat.pause') : t('heat.play')}
        </button>
        <input
          type="range"
          aria-label={t('heat.windowEnd')}
          min={span.start}
          max={span.end}
          step={stepMs}
          value={Math.min(Math.max(timeline.end, span.start), span.end)}
          onChange={(e) => timeline.scrub(Number(e.currentTarget.value))}
        />
        <button
          type="button"
          className={timeline.live ? 'chip is-active' : 'chip'}
          aria-pressed={timeline.live}
          data-testid="heat-live"
          onClick={timeline.goLive}
        >
          {t('heat.live')}
        </button>
        <time dateTime={new Date(timeline.end).toISOString()} className="timewindow__end">
          {formatInstant(timeline.end, time, 'dayMinute')}
        </time>
        <span className="timewindow__count" data-testid="heat-count">
          {t('heat.inWindow', { count: props.count })}
        </span>
      </div>
    </div>
  );
}
