import { closureCode } from '../../../shared/alerts/closure';
import { deviceClockOffset } from '../../../shared/alerts/deviceClock';
import { countdowns } from '../../../shared/alerts/targets';
import { kindLabels } from '../../../shared/journal/kinds';
import { localize, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n';
import type { SiteView } from '../../../shared/site/view';
import type { AlertView } from '../../../shared/state/alertsDomain';
import { actorName } from '../../ui/format';
import { AlertDetail, type DetailAction } from './AlertDetail';
import type { AlertNames } from './useAlertNames';

/** The selected alert's detail, its names and countdowns looked up in the site; a hint when nothing is selected. */
export function AlertDetailPanel(props: {
  alert: AlertView | undefined;
  site: SiteView;
  locale: Locale;
  now: number;
  names: AlertNames;
  readOnly: boolean;
  t: (key: MessageKey, params?: MessageParams) => string;
  onAction: (action: DetailAction, alertId: string) => void;
}) {
  const { alert, site, locale, names, t } = props;
  const targets = alert ? names.targetsOf(alert.severity, alert.type) : undefined;
  if (!alert || !targets) return <p className="muted">{t('alerts.select')}</p>;
  return (
    <AlertDetail
      alert={alert}
      countdowns={countdowns(alert, targets, props.now)}
      checklist={(site.alertTypes.find((x) => x.code === alert.type)?.checklist ?? []).map((c) => localize(c, locale))}
      typeName={names.typeName(alert.type)}
      zoneName={names.zoneName(alert.zone)}
      floorName={alert.floor !== undefined ? localize(site.floors.find((f) => f.id === alert.floor)?.name ?? alert.floor, locale) : '—'}
      cameraName={(id) => {
        const c = site.cameras.find((x) => x.id === id);
        return c ? localize(c.name, locale) : id;
      }}
      actorName={(a) => actorName(site, a, locale)}
      time={names.time}
      dateTime={names.dateTime}
      kindName={(kind) => {
        const label = kindLabels[kind];
        return label ? localize(label, locale) : kind;
      }}
      clockOffset={deviceClockOffset(alert, site.deviceClockToleranceSec)}
      closureName={(code) => {
        const c = closureCode(site.closureCodes, code);
        return c ? localize(c.label, locale) : code;
      }}
      duration={names.duration}
      readOnly={props.readOnly}
      t={t}
      onAction={(action) => props.onAction(action, alert.id)}
    />
  );
}
