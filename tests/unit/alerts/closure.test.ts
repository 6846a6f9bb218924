import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_UNDO_MS, DEFAULT_CLOSURE_CODES } from '../../../shared/alerts/closure';
import { alertKinds } from '../../../shared/alerts/kinds';
import { parseAlert } from '../../../shared/alerts/parse';
import { SiteFileSchema } from '../../../shared/site/schema';
import { foldEntries, initialSiteState } from '../../../shared/state';
import { makeEntry } from '../../support/entries';
import { alertById } from '../../../shared/state/alertsDomain';
import { FakeClock } from '../../support/fakeClock';
import { signedIn } from '../../support/operators';
import { demoSiteFile } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

const NOW = Date.UTC(2026, 11, 3, 2, 0, 0);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function deskWithAlarm(id = 'fire-1') {
  const clock = new FakeClock(NOW);
  const core = await startConsole(demoSiteFile, 'desk', undefined, clock);
  cleanups.push(() => core.close());
  const raised = await core.alerts.ingest.submit({ id, type: 'fire', zone: 'lobby', occurredAt: NOW }, 'manual');
  if (raised.status !== 'raised') throw new Error(`not raised: ${raised.status}`);
  return { core, clock, op: await signedIn(core, 'op-he') };
}

describe('closing an alarm (a real core, its journal file)', () => {
  it('needs an acknowledgement first, a code of the site, and the comment its code requires', async () => {
    const { core, op } = await deskWithAlarm();
    await expect(op.closeAlert({ alertId: 'fire-1', code: 'false-alarm' })).rejects.toMatchObject({ code: 'conflict', message: 'alert fire-1: not acknowledged yet: acknowledge it, then close it' });
    await op.acknowledgeAlert({ alertId: 'fire-1' });
    await expect(op.closeAlert({ alertId: 'fire-1', code: 'fixed' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^code: "fixed" is not one of this site's closure codes \(real-incident, false-alarm/) });
    await expect(op.closeAlert({ alertId: 'fire-1', code: 'real-incident' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^note: closure code "real-incident" needs a comment/) });
    await expect(op.closeAlert({ alertId: 'fire-1', code: 'real-incident', note: '   ' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('note') });
    // The code the console keeps for itself cannot be chosen.
    await expect(op.closeAlert({ alertId: 'fire-1', code: 'drill-stopped' })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(op.closeAlert({ alertId: 'fire-1' } as never)).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(alertById(core.state.current().alerts, 'fire-1')).toMatchObject({ status: 'acknowledged' });

    const entry = await op.closeAlert({ alertId: 'fire-1', code: 'nuisance', note: ' 大风 ' });
    expect(entry).toMatchObject({ kind: 'alert.false-alarm', actor: 'op-he', payload: { alertId: 'fire-1', code: 'nuisance', note: '大风' } });
    expect(alertById(core.state.current().alerts, 'fire-1')).toMatchObject({ status: 'false-alarm', closure: { code: 'nuisance', by: 'op-he', before: 'acknowledged' } });
    expect(core.state.current().alerts.closed.at(-1)).toMatchObject({ id: 'fire-1', falseAlarm: true, code: 'nuisance' });
    await expect(op.closeAlert({ alertId: 'fire-1', code: 'test' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already closed') });
  });

  it('is undone by the person who closed it within 10 s, and by nobody else or later; the record keeps both steps', async () => {
    const { core, clock, op } = await deskWithAlarm();
    await op.acknowledgeAlert({ alertId: 'fire-1' });
    await op.closeAlert({ alertId: 'fire-1', code: 'real-incident', note: '已扑灭' });
    const other = await signedIn(core, 'op-ma');
    await expect(other.reopenAlert({ alertId: 'fire-1' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('closed by op-he; only they can undo it') });
    clock.advance(CLOSE_UNDO_MS - 1000);
    await op.reopenAlert({ alertId: 'fire-1' });
    expect(alertById(core.state.current().alerts, 'fire-1')).toMatchObject({ status: 'acknowledged' });
    expect(alertById(core.state.current().alerts, 'fire-1')?.closure).toBeUndefined();
    expect(core.state.current().alerts.closed.some((c) => c.id === 'fire-1')).toBe(false);
    await expect(op.reopenAlert({ alertId: 'fire-1' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('is not closed') });

    await op.closeAlert({ alertId: 'fire-1', code: 'test' });
    clock.advance(CLOSE_UNDO_MS + 1000);
    await expect(op.reopenAlert({ alertId: 'fire-1' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('can be undone within 10 s') });
    const kinds = (await core.journal.query({ kinds: ['alert.resolved', 'alert.reopened'], limit: 10 })).entries.map((e) => e.kind).reverse();
    expect(kinds).toEqual(['alert.resolved', 'alert.reopened', 'alert.resolved']);
  });

  it('a real-emergency stop closes every open drill alarm with "drill-stopped", acknowledged or not; live alarms stay open', async () => {
    const { core, clock } = await deskWithAlarm('live-1');
    const supervisor = await signedIn(core, 'duty-liu');
    await supervisor.startDrill({ scenarioId: 'perimeter-night', speed: 60 });
    for (let i = 0; i < 40 && !core.state.current().alerts.order.some((id) => id.startsWith('drill:')); i++) {
      clock.advance(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
    const drill = core.state.current().alerts.order.filter((id) => id.startsWith('drill:'));
    expect(drill.length).toBeGreaterThan(0);
    await supervisor.stopDrill({ reason: 'real-emergency' });
    for (const id of drill) expect(alertById(core.state.current().alerts, id)).toMatchObject({ status: 'resolved', closure: { code: 'drill-stopped', by: 'duty-liu' } });
    expect(alertById(core.state.current().alerts, 'live-1')).toMatchObject({ status: 'new' });
  });
});

describe('closure codes in the site file', () => {
  const demo = JSON.parse(readFileSync(demoSiteFile, 'utf8')) as Record<string, unknown>;
  it('default to the standard list', () => {
    expect(SiteFileSchema.parse(demo).closureCodes.map((c) => c.code)).toEqual(DEFAULT_CLOSURE_CODES.map((c) => c.code));
  });
  it('refuse a code listed twice, the console\'s own code, a bad id and an empty list, naming where', () => {
    const codes = (list: unknown) => SiteFileSchema.safeParse({ ...demo, closureCodes: list });
    const twice = codes([
      { code: 'ok', label: 'OK', closes: 'resolved' },
      { code: 'ok', label: 'OK again', closes: 'false-alarm' },
    ]);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]).toMatchObject({ path: ['closureCodes', 1, 'code'], message: 'closure code "ok" is listed twice' });
    expect(codes([{ code: 'drill-stopped', label: 'x', closes: 'resolved' }]).error?.issues[0]?.message).toContain("console's own code");
    expect(codes([{ code: 'Bad Code', label: 'x', closes: 'resolved' }]).error?.issues[0]?.path).toEqual(['closureCodes', 0, 'code']);
    expect(codes([]).error?.issues[0]?.message).toBe('a site needs at least one closure code');
    expect(SiteFileSchema.parse({ ...demo, closureCodes: [{ code: 'cleared', label: { en: 'Cleared', 'zh-CN': '已排除' }, closes: 'resolved' }] }).closureCodes).toEqual([
      { code: 'cleared', label: { en: 'Cleared', 'zh-CN': '已排除' }, closes: 'resolved', commentRequired: false },
    ]);
  });
});

describe('the alerts fold of closes and reopens (pure)', () => {
  const site = SiteFileSchema.parse(JSON.parse(readFileSync(demoSiteFile, 'utf8')));
  const at = (kind: string, payload: unknown, t: number, actor = 'op-he') => makeEntry({ site: 'demo', console: 'c-a', kind, occurredAt: t, actor, mode: 'LIVE', payload });
  const raisedEntry = () => {
    const parsed = parseAlert({ id: 'a-1', type: 'fire', zone: 'lobby', occurredAt: NOW }, site, 'manual');
    if (!parsed.ok) throw new Error(parsed.reason);
    return at('alert.raised', alertKinds['alert.raised'].payload.parse(parsed.alert), NOW, 'system');
  };
  it('a reopen names the close it undoes: one naming another close, or of an open alert, is a recorded no-op; a close without a code (older journals) still folds', () => {
    const closeA = at('alert.resolved', { alertId: 'a-1' }, NOW + 2000);
    let state = foldEntries(initialSiteState(), [raisedEntry(), at('alert.acknowledged', { alertId: 'a-1' }, NOW + 1000), closeA]);
    expect(alertById(state.alerts, 'a-1')).toMatchObject({ status: 'resolved', closure: { entryId: closeA.id, before: 'acknowledged' } });
    state = foldEntries(state, [at('alert.reopened', { alertId: 'a-1', closedEntry: 'some-other-entry' }, NOW + 3000)]);
    expect(alertById(state.alerts, 'a-1')?.status).toBe('resolved');
    expect(alertById(state.alerts, 'a-1')?.history.at(-1)).toMatchObject({ kind: 'alert.reopened', noop: true });
    state = foldEntries(state, [at('alert.reopened', { alertId: 'a-1', closedEntry: closeA.id }, NOW + 4000)]);
    expect(alertById(state.alerts, 'a-1')).toMatchObject({ status: 'acknowledged' });
    state = foldEntries(state, [at('alert.reopened', { alertId: 'a-1', closedEntry: closeA.id }, NOW + 5000)]);
    expect(alertById(state.alerts, 'a-1')?.history.at(-1)).toMatchObject({ kind: 'alert.reopened', noop: true });
  });
});
