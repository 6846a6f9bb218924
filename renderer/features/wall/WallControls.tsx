import type { SiteView } from '../../../shared/site/view';
import type { WallScreen } from '../../../shared/state/wallDomain';
import { layoutIds, type LayoutId } from '../../../shared/wall/layouts';
import type { WallModel } from '../../../shared/wall/model';
import { useConsole } from '../../app/StoreContext';
import { useLocalize, useT } from '../../i18n/useT';

/** How many wall addresses the desk offers (wall-1 … wall-N); wall windows are opened per display. */
export const DESK_WALLS = 8;

/** The desk's wall controls: which wall, its layout, camera groups, tours, spotlight. */
export function WallControls(props: {
  site: SiteView;
  address: string;
  onAddress: (address: string) => void;
  screen: WallScreen;
  model: WallModel;
}) {
  const { site, address, screen, model } = props;
  const wallSetLayout = useConsole((s) => s.wallSetLayout);
  const wallShowGroup = useConsole((s) => s.wallShowGroup);
  const wallTour = useConsole((s) => s.wallTour);
  const wallSpotlight = useConsole((s) => s.wallSpotlight);
  const t = useT();
  const localize = useLocalize();
  const setLayout = (layout: LayoutId, customId?: string): void => void wallSetLayout(address, layout, customId);
  const tours = site.wall?.tours ?? [];
  const custom = site.wall?.layouts ?? [];
  const showGroup = (groupId: string): void => {
    const group = site.cameraGroups.find((g) => g.id === groupId);
    if (group) void wallShowGroup(address, group.cameras.slice(0, model.tiles.length));
  };
  return (
    <div className="wallcontrols" data-testid="wall-controls">
      <label>
        {t('wall.target')}{' '}
        <select value={address} onChange={(e) => props.onAddress(e.target.value)} data-testid="wall-address">
          {Array.from({ length: DESK_WALLS }, (_, i) => `wall-${i + 1}`).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <span className="wallcontrols__group" role="group" aria-label={t('wall.layout')}>
        {layoutIds
          .filter((l) => l !== 'custom')
          .map((l) => (
            <button key={l} type="button" className={screen.layout === l ? 'is-active' : ''} data-layout={l} onClick={() => setLayout(l)}>
              {l}
            </button>
          ))}
        {custom.map((c) => (
          <button
            key={c.id}
            type="button"
            className={screen.layout === 'custom' && screen.customId === c.id ? 'is-active' : ''}
            data-layout={`custom:${c.id}`}
            onClick={() => setLayout('custom', c.id)}
          >
            {t('wall.layout.custom', { name: c.name })}
          </button>
        ))}
      </span>
      {site.cameraGroups.length > 0 && (
        <select value="" onChange={(e) => showGroup(e.target.value)} data-testid="wall-group" aria-label={t('wall.group')}>
          <option value="">{t('wall.group.show')}</option>
          {site.cameraGroups.map((g) => (
            <option key={g.id} value={g.id}>
              {localize(g.name)}
            </option>
          ))}
        </select>
      )}
      {tours.length > 0 &&
        (screen.tour ? (
          <button type="button" data-testid="tour-stop" onClick={() => void wallTour(address, null, 'stop')}>
            {t('wall.tour.stop')}
          </button>
        ) : (
          <select
            value=""
            data-testid="tour-start"
            aria-label={t('wall.tour.start')}
            onChange={(e) => e.target.value && void wallTour(address, e.target.value, 'start')}
          >
            <option value="">{t('wall.tour.start')}</option>
            {tours.map((tour) => (
              <option key={tour.id} value={tour.id}>
                {tour.name}
              </option>
            ))}
          </select>
        ))}
      {model.tour && (
        <span className="wallcontrols__tour" data-testid="tour-status" data-paused={model.tour.paused}>
          {model.tour.paused ? t('wall.tour.paused') : t('wall.tour.step', { name: model.tour.name, step: model.tour.index + 1, steps: model.tour.steps })}
        </span>
      )}
      {screen.spotlight && (
        <button type="button" data-testid="spotlight-clear" onClick={() => void wallSpotlight(address, null)}>
          {t('wall.spotlight.clear')}
        </button>
      )}
    </div>
  );
}
