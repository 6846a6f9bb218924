import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n';
import type { AlertView } from '../../../shared/state/alertsDomain';
import { AlertDetail, type AlertDetailProps } from '../../../renderer/features/alerts/AlertDetail';

// The alarm detail asks for a step in place when the console re-alerted for want of progress (issue 16).

const at = Date.UTC(2026, 11, 3, 2, 0);
const acknowledged: AlertView = {
  id: 'a-1',
  type: 'fire',
  severity: 'red',
  source: 'webhook',
  mode: 'LIVE',
  zone: 'lobby',
  cameras: [],
  occurredAt: at,
  raisedAt: at,
  ackAt: at + 60_000,
  status: 'acknowledged',
  history: [],
};

function render(alert: AlertView, readOnly = false): string {
  const props: AlertDetailProps = {
    alert,
    countdowns: [],
    checklist: [],
    typeName: 'Fire',
    zoneName: 'Lobby',
    floorName: '1F',
    cameraName: (id) => id,
    actorName: (a) => a,
    time: () => '10:01',
    dateTime: () => '2026-12-03 10:01',
    kindName: (k) => k,
    closureName: (c) => c,
    clockOffset: undefined,
    duration: (ms) => `${ms} ms`,
    readOnly,
    t: (key, params) => translate('en', key, params),
    onAction: () => undefined,
  };
  return renderToStaticMarkup(<AlertDetail {...props} />);
}

describe('the no-progress prompt in the alarm detail', () => {
  it('shows while a progress re-alert stands, names the last step and offers to record one', () => {
    const html = render({ ...acknowledged, progressDueAt: at + 3600_000 });
    expect(html).toContain('data-testid="alert-no-progress"');
    expect(html).toContain('No progress recorded since 10:01');
    expect(html).toContain('data-testid="alert-record-progress"');
  });

  it('goes once a step is recorded after the re-alert, and is not shown to a read-only view as a button', () => {
    expect(render({ ...acknowledged, progressDueAt: at + 3600_000, progressAt: at + 3700_000 })).not.toContain('alert-no-progress');
    expect(render(acknowledged)).not.toContain('alert-no-progress');
    const readOnly = render({ ...acknowledged, progressDueAt: at + 3600_000 }, true);
    expect(readOnly).toContain('alert-no-progress');
    expect(readOnly).not.toContain('alert-record-progress');
  });
});
