import { useState } from 'react';
import type { Point } from '../../../shared/domain/ids';
import { useT } from '../../i18n/useT';

/** Calibration: two points clicked on the plan and the real distance between them. */
export function CalibrateFieldset(props: { active: boolean; points: readonly Point[]; busy: boolean; onStart: () => void; onApply: (a: Point, b: Point, distanceM: number) => void }) {
  const t = useT();
  const [distance, setDistance] = useState('');
  return (
    <fieldset>
      <legend>{t('plans.calibrate')}</legend>
      <button type="button" className="button" data-testid="plans-calibrate" onClick={props.onStart}>
        {t('plans.calibrate')}
      </button>
      {props.active ? (
        <>
          <small>{t('plans.calibrateHint')}</small>
          <input aria-label={t('plans.distance')} placeholder={t('plans.distance')} value={distance} onChange={(e) => setDistance(e.currentTarget.value)} inputMode="decimal" />
          <button
            type="button"
            className="button"
            disabled={props.busy || props.points.length !== 2}
            onClick={() => {
              const [a, b] = props.points;
              if (a && b) props.onApply(a, b, Number(distance));
            }}
          >
            {t('plans.applyScale')}
          </button>
        </>
      ) : null}
    </fieldset>
  );
}
