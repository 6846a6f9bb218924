import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DrillScenarioSchema } from '../../../shared/drill/scenario';
import { drillAlertId, scoreDrill } from '../../../shared/drill/scoring';
import { SiteFileSchema } from '../../../shared/site/schema';
import { alertById } from '../../../shared/state/alertsDomain';
import type { DrillRun } from '../../../shared/state/drillDomain';
import { makeEntry } from '../../support/entries';
import { FakeClock } from '../../support/fakeClock';
import { signedIn } from '../../support/operators';
import { demoSiteFile } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

// The response plan as steps (issue 16): ticks journaled with time and person, mandatory steps before resolve, step times in drill scoring.

const NOW = Date.UTC(2026, 11, 3, 2, 0, 0);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function deskWith(type: string, id: string) {
  const clock = new FakeClock(NOW);
  const core = await startConsole(demoSiteFile, 'desk', undefined, clock);
  cleanups.push(() => core.close());
  const raised = await core.alerts.ingest.submit({ id, type, zone: 'gate', occurredAt: NOW }, 'manual');
  if (raised.status !== 'raised') throw new Error(`not raised: ${raised.status}`);
  return { core, clock, op: await signedIn(core, 'op-he') };
}

describe('ticking the response plan (a real core, its journal file)', () => {
  it('refuses a step before the acknowledgement, a step the plan lacks, and a second tick; records each tick with the plan text', async () => {
    const { core, clock, op } = await deskWith('forced-entry', 'fe-1');
    await expect(op.tickAlertStep({ alertId: 'fe-1', step: 'lock-down' })).rejects.toMatchObject({ code: 'conflict', message: 'alert fe-1: not acknowledged yet: acknowledge it, then work its plan' });
    await op.acknowledgeAlert({ alertId: 'fe-1' });
    await expect(op.tickAlertStep({ alertId: 'fe-1', step: 'call-119' })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: 'step: "call-119" is not a step of the forced-entry response plan (its steps are lock-down, call-110, step-3)',
    });
    await expect(op.tickAlertStep({ alertId: 'fe-1', step: 'Lock down' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('step') });
    clock.advance(40_000);
    const tick = await op.tickAlertStep({ alertId: 'fe-1', step: 'lock-down' });
    expect(tick).toMatchObject({ kind: 'alert.step-done', actor: 'op-he', payload: { alertId: 'fe-1', step: 'lock-down', text: { en: 'Lock down the entrance', 'zh-CN': '封控出入口' } } });
    await expect(op.tickAlertStep({ alertId: 'fe-1', step: 'lock-down' })).rejects.toMatchObject({ code: 'conflict', message: 'alert fe-1: step lock-down was already done by op-he' });
    const alert = alertById(core.state.current().alerts, 'fe-1');
    expect(alert?.steps).toEqual({ 'lock-down': { at: expect.any(Number), by: 'op-he' } });
    // A tick is progress: the no-progress timer starts again from it.
    expect(alert?.progressAt).toBe(alert?.steps?.['lock-down']?.at);
    expect(alert?.history.at(-1)).toMatchObject({ kind: 'alert.step-done', step: 'lock-down', by: 'op-he' });
  });

  it('resolving waits for the mandatory steps (naming them); a false alarm needs no plan', async () => {
    const { op } = await deskWith('forced-entry', 'fe-2');
    await op.acknowledgeAlert({ alertId: 'fe-2' });
    await expect(op.closeAlert({ alertId: 'fe-2', code: 'real-incident', note: '门被撬' })).rejects.toMatchObject({
      code: 'conflict',
      message: "alert fe-2: the response plan's mandatory steps are not done yet (lock-down, call-110)",
    });
    await op.tickAlertStep({ alertId: 'fe-2', step: 'lock-down' });
    await expect(op.closeAlert({ alertId: 'fe-2', code: 'test' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('(call-110)') });
    await op.tickAlertStep({ alertId: 'fe-2', step: 'call-110' });
    await expect(op.closeAlert({ alertId: 'fe-2', code: 'real-incident', note: '门被撬' })).resolves.toMatchObject({ kind: 'alert.resolved' });
    // A closed alarm's plan is done with.
    await expect(op.tickAlertStep({ alertId: 'fe-2', step: 'step-3' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already closed') });

    const { op: other } = await deskWith('forced-entry', 'fe-3');
    await other.acknowledgeAlert({ alertId: 'fe-3' });
    await expect(other.closeAlert({ alertId: 'fe-3', code: 'nuisance' })).resolves.toMatchObject({ kind: 'alert.false-alarm' });
  });
});

describe('a site plan that does not hold together is refused', () => {
  const site = (): Record<string, unknown> & { alertTypes: { code: string; checklist: unknown[] }[] } => JSON.parse(readFileSync(demoSiteFile, 'utf8'));
  it('names a step id used twice, an unknown contact and an unknown camera', () => {
    const s = site();
    const fire = s.alertTypes.find((t) => t.code === 'fire');
    if (!fire) throw new Error('no fire type');
    fire.checklist = [{ id: 'call', text: 'a', contact: 'nobody' }, { id: 'call', text: 'b', camera: 'no-cam' }, 'step-3 text'];
    const result = SiteFileSchema.safeParse(s);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    const at = s.alertTypes.indexOf(fire);
    expect(messages).toEqual(
      expect.arrayContaining([
        `alertTypes.${at}.checklist.0.contact: unknown roster person or unit "nobody"`,
        `alertTypes.${at}.checklist.1.id: step id "call" is used twice in this plan`,
        `alertTypes.${at}.checklist.1.camera: unknown camera "no-cam"`,
      ]),
    );
  });
});

describe('plan steps in drill scoring', () => {
  it('times a named step from its inject, and a plan-step action must name its step', () => {
    const scenario = DrillScenarioSchema.parse({
      format: 'watchpost-drill/1',
      id: 'plan',
      name: 'plan',
      durationSec: 600,
      injects: [{ id: 'entry', atSec: 0, kind: 'alert', type: 'forced-entry', zone: 'gate', expected: [{ action: 'plan-step', step: 'call-110', withinSec: 60 }, { action: 'plan-step', step: 'lock-down', withinSec: 30 }] }],
      objectives: [],
    });
    const T0 = NOW;
    const start = '01937c5e-0000-7000-8000-00000000abcd';
    const run: DrillRun = {
      startId: start,
      scenarioId: 'plan',
      name: 'plan',
      startedAt: T0,
      startedBy: 'duty-liu',
      speed: 1,
      durationSec: 600,
      fired: scenario.injects.map((inject) => ({ inject, at: T0, phase: 'start' as const, entryId: 'e0' })),
      end: { at: T0 + 600_000, reason: 'ended', by: 'system' },
      evaluations: [],
    };
    const alertId = drillAlertId(start, 'entry');
    const tick = (step: string, sec: number) => makeEntry({ kind: 'alert.step-done', occurredAt: T0 + sec * 1000, actor: 'op-he', mode: 'DRILL', payload: { alertId, step, text: step } });
    const score = scoreDrill(run, scenario, [tick('lock-down', 45), tick('call-110', 50)]);
    expect(score.injects[0]?.actions).toEqual([
      expect.objectContaining({ action: 'plan-step', step: 'call-110', tookSec: 50, pass: true, by: 'op-he' }),
      expect.objectContaining({ action: 'plan-step', step: 'lock-down', tookSec: 45, pass: false }),
    ]);
    const bad = DrillScenarioSchema.safeParse({ ...scenario, injects: [{ ...scenario.injects[0], expected: [{ action: 'plan-step', withinSec: 60 }] }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('a plan-step action names its step (and only a plan-step action does)');
  });
});
