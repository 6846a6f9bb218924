import type { SiteView } from '../../../shared/site/view';
import type { AlarmPopup } from '../../../shared/wall/alarms';
import { useLocalize, useT } from '../../i18n/useT';

export interface AlarmCardsProps {
  readonly site: SiteView;
  readonly cards: readonly AlarmPopup[];
  /** Alarms that want a slot but wait for one. */
  readonly waiting: number;
}

/**
 * The wall's alarms beside the spotlight: a card for each (type, zone,
 * floor), so a fence with no camera is still seen; a further camera alarm's
 * card names its camera rather than playing it, since every extra player costs
 * a decoder the wall's tiles need (its picture comes up when it takes the
 * spotlight). Then how many more wait.
 */
export function AlarmCards({ site, cards, waiting }: AlarmCardsProps) {
  const t = useT();
  const localize = useLocalize();
  if (cards.length === 0 && waiting === 0) return null;
  return (
    <div className="wallstage__alarms" data-testid="wall-alarms">
      {cards.map((card) => {
        const type = site.alertTypes.find((a) => a.code === card.type);
        const zone = card.zone !== undefined ? site.zones.find((z) => z.id === card.zone) : undefined;
        const floorId = card.floor ?? zone?.floor;
        const floor = floorId !== undefined ? site.floors.find((f) => f.id === floorId) : undefined;
        const camera = card.camera !== undefined ? site.cameras.find((c) => c.id === card.camera) : undefined;
        return (
          <div
            key={card.alertId}
            className={`wallstage__card sev-${card.severity}${card.awaitingAck ? ' wallstage__card--awaiting' : ''}`}
            role="alert"
            data-testid="wall-alarm-card"
            data-alert={card.alertId}
            data-severity={card.severity}
            {...(camera ? { 'data-camera': camera.id } : {})}
          >
            <div className="wallstage__cardhead">
              <strong>{t('wall.alarm.title')}</strong>
              <span>{type ? localize(type.name) : card.type}</span>
              {card.mode === 'DRILL' && <span className="wallstage__drill">DRILL</span>}
            </div>
            <div className="wallstage__where">
              {zone && <span data-testid="wall-alarm-zone">{localize(zone.name)}</span>}
              {floor && <span data-testid="wall-alarm-floor">{localize(floor.name)}</span>}
              {!zone && !floor && <span>{t('wall.alarm.nowhere')}</span>}
            </div>
            <div className="wallstage__nocamera">{camera ? t('wall.alarm.camera', { name: localize(camera.name) }) : t('wall.alarm.noCamera')}</div>
            <div>{card.awaitingAck ? t('wall.alarm.awaitingAck') : t('wall.alarm.acknowledged')}</div>
          </div>
        );
      })}
      {waiting > 0 && (
        <div className="wallstage__waiting" data-testid="wall-alarms-waiting" data-count={waiting}>
          {t('wall.alarm.waiting', { count: waiting })}
        </div>
      )}
    </div>
  );
}
