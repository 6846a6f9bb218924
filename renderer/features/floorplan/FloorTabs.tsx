import type { FloorView } from '../../../shared/site/view';
import { useLocalize, useT } from '../../i18n/useT';

/** Floor tabs, ordered by storey. Later: each tab shows its active-alert count. */
export function FloorTabs(props: { floors: readonly FloorView[]; current: string; onSelect: (id: string) => void }) {
  const localize = useLocalize();
  const t = useT();
  const floors = [...props.floors].sort((a, b) => b.level - a.level);
  return (
    <div className="tabs" role="tablist" aria-label={t('site.floors')}>
      {floors.map((floor) => (
        <button
          key={floor.id}
          role="tab"
          type="button"
          aria-selected={floor.id === props.current}
          className={floor.id === props.current ? 'tab is-active' : 'tab'}
          onClick={() => props.onSelect(floor.id)}
        >
          {localize(floor.name)}
        </button>
      ))}
    </div>
  );
}
