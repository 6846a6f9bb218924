import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n';
import type { AlertView } from '../../../shared/state/alertsDomain';
import { AlertDetail, type AlertDetailProps, type PlanRow } from '../../../renderer/features/alerts/AlertDetail';

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
  ackBy: 'duty-liu',
  status: 'acknowledged',
  history: [],
};

function render(alert: AlertView, readOnly = false, plan: readonly PlanRow[] = []): string {
  const props: AlertDetailProps = {
    alert,
    countdowns: [],
    plan,
    onStep: () => undefined,
    onCamera: () => undefined,
    renderCall: (contact) => <span data-call={contact} />,
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

describe('the response plan as steps to tick', () => {
  const plan: PlanRow[] = [
    { id: 'step-1', text: 'Hold the exit', mandatory: true, done: { at: at + 120_000, by: 'duty-liu' } },
    { id: 'call-119', text: 'Call the fire brigade', mandatory: true, contact: 'fire' },
    { id: 'step-3', text: 'Watch the lobby', mandatory: false, camera: 'lobby', cameraName: 'Lobby cam' },
  ];
  const ticks = (html: string): string[] => [...html.matchAll(/<input type="checkbox"[^>]*>/g)].map((m) => m[0]);

  it('shows each step with who ticked it, what is required and what is left, and the step camera', () => {
    const html = render(acknowledged, false, plan);
    expect(html).toContain('1 of 3 done');
    expect(html).toContain('1 required before resolving');
    expect(html).toMatch(/data-step="step-1" data-done="true"/);
    expect(html).toContain('10:01 · duty-liu');
    expect(html).toContain('Show Lobby cam on the wall');
    expect(html).toContain('data-testid="plan-step-call"');
    const boxes = ticks(html);
    expect(boxes).toHaveLength(3);
    // The ticked step cannot be ticked again; the others can.
    expect(boxes[0]).toContain('disabled');
    expect(boxes[1]).not.toContain('disabled');
  });

  it('waits for the acknowledgement, and a read-only view ticks nothing and calls nobody', () => {
    const { ackAt: _ack, ackBy: _by, ...unacknowledged } = acknowledged;
    const fresh = render({ ...unacknowledged, status: 'new' }, false, plan);
    expect(fresh).toContain('Acknowledge the alarm to work its plan.');
    expect(ticks(fresh).every((b) => b.includes('disabled'))).toBe(true);
    const readOnly = render(acknowledged, true, plan);
    expect(ticks(readOnly).every((b) => b.includes('disabled'))).toBe(true);
    expect(readOnly).not.toContain('plan-step-call');
  });
});
