import type { FloorView } from '../../../shared/site/view';
import { useLocalize, useT } from '../../i18n/useT';

/** Floor tabs, ordered by storey (top floor first), each with its active-alert count; a floor with an unacknowledged alarm flashes. */
export function FloorTabs(props: {
  floors: readonly FloorView[];
  current: string;
  onSelect: (id: string) => void;
  /** Open alerts per floor id. */
  activeCounts?: ReadonlyMap<string, number>;
  /** Floors with a red or orange alarm awaiting acknowledgement: their tab flashes. */
  alarmFloors?: ReadonlySet<string>;
}) {
  const localize = useLocalize();
  const t = useT();
  const floors = [...props.floors].sort((a, b) => b.level - a.level);
  return (
    <div className="tabs" role="tablist" aria-label={t('site.floors')}>
      {floors.map((floor) => {
        const count = props.activeCounts?.get(floor.id) ?? 0;
        const alarm = props.alarmFloors?.has(floor.id) ?? false;
        return (
          <button
            key={floor.id}
            role="tab"
            type="button"
            data-floor-tab={floor.id}
            aria-selected={floor.id === props.current}
            className={`tab${floor.id === props.current ? ' is-active' : ''}${alarm ? ' tab--alarm' : ''}`}
            {...(alarm ? { 'data-alarm': 'true' } : {})}
            onClick={() => props.onSelect(floor.id)}
          >
            {localize(floor.name)}
            {count > 0 ? (
              <span className="tab__count" data-active-count={count} title={t('floor.activeCount', { count })}>
                {count}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
