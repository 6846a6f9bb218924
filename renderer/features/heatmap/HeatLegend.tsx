import { legendStops } from '../../../shared/heatmap/colourScale';
import { useT } from '../../i18n/useT';
import { DEFAULT_RADIUS_M } from './HeatLayer';

/** The fixed scale: the same swatches and thresholds whatever is on screen. */
export function HeatLegend(props: { radiusM?: number; large?: boolean }) {
  const t = useT();
  return (
    <figure className={`heatlegend${props.large ? ' is-large' : ''}`} data-testid="heat-legend">
      <figcaption>{t('heat.legend')}</figcaption>
      <ol>
        {legendStops().map((stop) => (
          <li key={stop.level} data-density={stop.density}>
            <span className="heatlegend__swatch" style={{ background: stop.css }} />
            <span>
              ≥ {stop.density} · {t(`heat.level.${stop.level}` as const)}
            </span>
          </li>
        ))}
      </ol>
      <small>{t('heat.legendNote', { radius: props.radiusM ?? DEFAULT_RADIUS_M })}</small>
    </figure>
  );
}
