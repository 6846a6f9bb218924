import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DrillScenarioSchema } from '../../../shared/drill/scenario';
import { parseCorrectiveActions } from '../../../shared/drill/evaluationForm';
import { drillAlertId, scoreDrill, stepIntervals } from '../../../shared/drill/scoring';
import type { JournalEntry } from '../../../shared/journal/entry';
import { renderDrillReport } from '../../../shared/reports/drillReport';
import type { DrillRun } from '../../../shared/state/drillDomain';
import { makeEntry } from '../../support/entries';
import { demoSiteDir } from '../../support/paths';

const scenario = DrillScenarioSchema.parse(JSON.parse(readFileSync(`${demoSiteDir}/drills/perimeter-night.json`, 'utf8')));
const T0 = Date.UTC(2026, 10, 28, 14, 0, 0);
const START = '01937c5e-0000-7000-8000-00000000abcd';

/** A run at 10x: scenario second s fires at wall time T0 + s*100 ms. */
function run(): DrillRun {
  const at = (sec: number): number => T0 + sec * 100;
  return {
    startId: START,
    scenarioId: scenario.id,
    name: 'n',
    startedAt: T0,
    startedBy: 'duty-liu',
    speed: 10,
    durationSec: scenario.durationSec,
    fired: scenario.injects.map((inject, i) => ({ inject, at: at(inject.atSec), phase: 'start' as const, entryId: `e${i}` })),
    end: { at: at(1200), reason: 'ended', by: 'system' },
    evaluations: [],
  };
}

const entry = (kind: string, atSec: number, payload: unknown, mode: 'LIVE' | 'DRILL' = 'DRILL'): JournalEntry =>
  makeEntry({ kind, occurredAt: T0 + atSec * 100, actor: 'op-he', mode, payload });

describe('drill scoring', () => {
  it('measures each expected action from its inject in scenario time and judges it against the target', () => {
    const fence = drillAlertId(START, 'fence-climb');
    const fibre = drillAlertId(START, 'fibre-alarm');
    const entries = [
      entry('alert.acknowledged', 30 + 20, { alertId: fibre }), // 20 s ≤ 30: pass
      entry('comms.attempt', 30 + 50, { to: 'resp-wu', method: 'radio', result: 'no-answer' }), // not legible: does not count
      entry('comms.attempt', 30 + 70, { to: 'resp-wu', method: 'radio', result: 'answered' }), // 70 s > 60: fail (fibre) …
      entry('alert.acknowledged', 90 + 45, { alertId: fence }), // 45 s > 30: fail
      entry('alert.dispatched', 90 + 100, { alertId: fence }),
      entry('alert.on-scene', 90 + 400, { alertId: fence }),
      entry('alert.reported', 90 + 800, { alertId: fence, to: 'command-centre' }),
      entry('alert.resolved', 90 + 1000, { alertId: fence }),
      entry('alert.acknowledged', 90 + 10, { alertId: 'drill:other:fence-climb' }), // another run's alert: ignored
      entry('comms.attempt', 240 + 100, { to: 'warden-li', method: 'radio', result: 'answered' }, 'LIVE'), // LIVE: not part of the drill
      entry('comms.attempt', 240 + 200, { to: 'warden-li', method: 'satphone', result: 'relayed' }),
    ];
    const score = scoreDrill(run(), scenario, entries);
    const of = (inject: string, action: string) => score.injects.find((s) => s.injectId === inject)?.actions.find((a) => a.action === action);
    expect(of('fibre-alarm', 'acknowledge')).toMatchObject({ tookSec: 20, pass: true, by: 'op-he' });
    expect(of('fibre-alarm', 'radio-contact')).toMatchObject({ tookSec: 70, pass: false });
    expect(of('fence-climb', 'acknowledge')).toMatchObject({ tookSec: 45, pass: false });
    // The radio contact at 30+70 s is 10 s after the fence-climb inject.
    expect(of('fence-climb', 'radio-contact')).toMatchObject({ tookSec: 10, pass: true });
    expect(of('fence-climb', 'start-plan')).toMatchObject({ tookSec: 100, pass: true });
    expect(of('fence-climb', 'resolve')).toMatchObject({ tookSec: 1000, pass: true });
    expect(of('warden-silent', 'comms-check')).toMatchObject({ tookSec: 200, pass: true });
    expect(score.objectives.map((o) => [o.id, o.pass, `${o.passed}/${o.total}`])).toEqual([
      ['detect', false, '1/2'],
      ['respond', false, '5/6'],
      ['comms', true, '1/1'],
    ]);
    expect(score.passed).toBe(7);
    expect(score.total).toBe(9);
    const fenceScore = score.injects.find((s) => s.injectId === 'fence-climb');
    expect(fenceScore && stepIntervals(fenceScore).slice(0, 3)).toEqual([
      { from: 'alert', to: 'acknowledge', sec: 45 },
      { from: 'acknowledge', to: 'radio-contact', sec: -35 },
      { from: 'radio-contact', to: 'start-plan', sec: 90 },
    ]);
  });

  it('scores nothing done as failures, and an inject that never fired as failed', () => {
    const r = run();
    const notFired: DrillRun = { ...r, fired: r.fired.filter((f) => f.inject.id !== 'warden-silent') };
    const score = scoreDrill(notFired, scenario, []);
    expect(score.passed).toBe(0);
    expect(score.injects.find((s) => s.injectId === 'warden-silent')).toMatchObject({ firedAt: null, pass: false });
  });

  it('renders the report in both languages with the summary, the chart and the evaluation', () => {
    const score = scoreDrill(run(), scenario, [entry('alert.acknowledged', 50, { alertId: drillAlertId(START, 'fibre-alarm') })]);
    const input = {
      siteName: '演示站点',
      timeZone: 'Asia/Shanghai',
      scenario,
      score,
      evaluations: [{ strengths: ['报警确认及时'], improvements: ['对讲<联络>偏慢'], correctiveActions: [{ action: '加练', owner: '刘', due: '2026-12-05' }], by: 'duty-liu', at: T0 }],
      observations: [{ at: T0 + 5000, text: '观察', by: 'obs' }],
      names: { 'duty-liu': '刘值班' },
      generatedAt: T0,
      source: 'journal.sqlite',
    };
    const zh = renderDrillReport(input, 'zh-CN');
    expect(zh).toContain('9 项预期动作中 1 项在目标时间内完成');
    expect(zh).toContain('data-chart="response-times"');
    expect(zh).toContain('对讲&lt;联络&gt;偏慢'); // escaped
    expect(zh).toContain('刘值班');
    const en = renderDrillReport(input, 'en');
    expect(en).toContain('1 of 9 expected actions within target');
    expect(en).toContain('Corrective actions');
  });

  it('parses corrective actions and names the lines that do not fit', () => {
    expect(parseCorrectiveActions('加练对讲 | 刘 | 2026-12-05\n\nbad line\nx | y | 5 Dec')).toEqual({
      actions: [{ action: '加练对讲', owner: '刘', due: '2026-12-05' }],
      badLines: [3, 4],
    });
  });

  it('refuses a scenario whose objectives cover unknown injects or whose inject ids repeat', () => {
    const bad = { ...JSON.parse(readFileSync(`${demoSiteDir}/drills/perimeter-night.json`, 'utf8')) };
    bad.objectives[0].covers = ['nope'];
    bad.injects[1].id = bad.injects[0].id;
    const r = DrillScenarioSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['objectives.0.covers.0', 'injects.1.id']));
  });
});
