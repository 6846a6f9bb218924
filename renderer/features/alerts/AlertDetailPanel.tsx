import { closureCode } from '../../../shared/alerts/closure';
import { deviceClockOffset } from '../../../shared/alerts/deviceClock';
import { countdowns } from '../../../shared/alerts/targets';
import { kindLabels } from '../../../shared/journal/kinds';
import { localize, type Locale, type MessageKey, type MessageParams } from '../../../shared/i18n';
import type { SiteView } from '../../../shared/site/view';
import type { AlertView } from '../../../shared/state/alertsDomain';
import { planSteps } from '../../../shared/site/alertTypes';
import { actorName } from '../../ui/format';
import { QuickCall } from '../roster';
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
  onStep: (alertId: string, step: string) => void;
  onCamera: (camera: string) => void;
}) {
  const { alert, site, locale, names, t } = props;
  const targets = alert ? names.targetsOf(alert.severity, alert.type) : undefined;
  if (!alert || !targets) return <p className="muted">{t('alerts.select')}</p>;
  return (
    <AlertDetail
      alert={alert}
      countdowns={countdowns(alert, targets, props.now)}
      plan={planSteps(site.alertTypes.find((x) => x.code === alert.type)?.checklist ?? []).map((step) => {
        const done = alert.steps?.[step.id];
        const camera = step.camera !== undefined ? site.cameras.find((c) => c.id === step.camera) : undefined;
        return {
          id: step.id,
          text: localize(step.text, locale),
          mandatory: step.mandatory,
          ...(step.contact !== undefined ? { contact: step.contact } : {}),
          ...(step.camera !== undefined ? { camera: step.camera, cameraName: camera ? localize(camera.name, locale) : step.camera } : {}),
          ...(done ? { done } : {}),
        };
      })}
      onStep={(step) => props.onStep(alert.id, step)}
      onCamera={props.onCamera}
      renderCall={(contact, why) => <QuickCall contact={contact} why={why} />}
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
