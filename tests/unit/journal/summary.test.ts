import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { locales, localize, type Locale } from '../../../shared/i18n';
import { journalKinds, type JournalKind } from '../../../shared/journal/kinds';
import { entrySearchText, entrySummary, summaryContext, type SummarySource } from '../../../shared/journal/summary';
import { renderDailyReport } from '../../../shared/reports/dailyReport';
import { SiteFileSchema } from '../../../shared/site/schema';
import { makeEntry } from '../../support/entries';
import { repoRoot } from '../../support/paths';

const site = SiteFileSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'resources', 'demo-site', 'site.json'), 'utf8')));
const alerts: Record<string, { type: string; zone?: string }> = { 'a-fire-1': { type: 'fire', zone: 'lobby' } };
const source: SummarySource = { site, alert: (id) => alerts[id] };
const hash = 'ab'.repeat(32);

/**
 * One or more sample payloads per kind, as an officer or the console would
 * write them, naming the demo site's zones, types, people and cameras. Typed
 * by kind: a kind added to the registry without a sample does not compile
 * (and the first test fails).
 */
const samples: { readonly [K in JournalKind]: readonly z.input<(typeof journalKinds)[K]['payload']>[] } = {
  'journal.segment': [{ reason: 'new', publicKey: 'pk' }, { reason: 'after-break', publicKey: 'pk', previous: { file: 'j.sqlite', lastGoodSeq: 4, lastGoodHash: hash, problem: 'hash mismatch' } }],
  'journal.checkpoint': [{ upToSeq: 10, headHash: hash, signature: 'sig' }],
  'console.enrolled': [{ consoleId: 'c-deskcccccccc', publicKey: `MCowBQYDK2VwAyEA${'A'.repeat(43)}=`, name: '值班台 C', reason: '密钥已在该台屏幕上核对' }],
  'journal.break-accepted': [{}, { approvedBy: 'duty-liu' }],
  'operator.signedIn': [{ account: 'op-he', role: 'operator', station: 'desk' }, { account: 'duty-sun', role: 'supervisor', station: 'desk', reason: '顶班', warnings: ['off-shift'], handover: 'x' }],
  'operator.signedOut': [{ account: 'op-he', why: 'sign-out' }, { account: 'duty-liu', why: 'handover' }],
  'operator.signInFailed': [{ account: 'op-he', by: 'password', failures: 2 }, { account: 'nobody', by: 'pin', failures: 1 }],
  'operator.lockedOut': [{ account: 'op-he', failures: 5, minutes: 15 }],
  'operator.lockoutLifted': [{ account: 'op-he', reason: '本人核实' }],
  'operator.locked': [{ why: 'idle', people: ['op-he'] }, { why: 'operator', people: [] }],
  'operator.unlocked': [{ account: 'op-he' }],
  'operator.switched': [{ account: 'duty-liu' }],
  'account.enrolled': [{ account: 'admin-it', name: 'IT', role: 'administrator', first: true }, { account: 'op-he', name: '何军', role: 'operator' }],
  'account.reset': [{ account: 'op-he', what: ['pin'], reason: '忘记 PIN' }],
  'account.disabled': [{ account: 'op-ma', disabled: true, reason: '离职' }, { account: 'op-ma', disabled: false, reason: '复职' }],
  'access.refused': [{ method: 'acknowledgeAlert', needed: 'operator', account: null, station: 'wall' }, { method: 'wallLiftMask', needed: 'four-eyes', account: 'op-he', station: 'desk' }],
  note: [{ text: '例行巡查，一切正常', tags: ['巡查'] }],
  patrol: [{ route: 'North fence', zones: ['perimeter-n', 'gate'], finding: 'issue', text: 'mesh cut' }],
  handover: [{ outgoing: 'duty-liu', incoming: 'duty-sun', summary: '夜班平稳', openItems: ['东侧围栏待修'] }],
  correction: [{ text: '时间应为 02:10', reason: '笔误' }],
  'drill.started': [{ scenarioId: 'fire-night', name: '夜间火警演练', durationSec: 5400, speed: 1, injects: 4 }],
  'drill.inject': [
    { scenarioId: 'fire-night', inject: { id: 'i1', atSec: 0, kind: 'alert', type: 'fire', zone: 'lobby' } },
    { scenarioId: 'fire-night', inject: { id: 'i2', atSec: 60, kind: 'camera-outage', camera: 'gate-01', durationSec: 120 }, phase: 'restore' },
    { scenarioId: 'fire-night', inject: { id: 'i3', atSec: 90, kind: 'comms-failure', method: 'radio', durationSec: 300 } },
    { scenarioId: 'fire-night', inject: { id: 'i4', atSec: 120, kind: 'missed-checkin', person: 'warden-li' } },
    { scenarioId: 'fire-night', inject: { id: 'i5', atSec: 150, kind: 'note', note: { en: 'Smoke in the lobby', 'zh-CN': '大堂有烟' } } },
  ],
  'drill.ended': [{ scenarioId: 'fire-night' }],
  'drill.stopped': [{ scenarioId: 'fire-night', reason: 'real-emergency', note: '真实火情' }, { scenarioId: 'fire-night', reason: 'operator' }],
  annotation: [{ text: '响应偏慢', observedAt: Date.UTC(2026, 10, 21, 2), bookmark: true, source: 'live' }],
  'drill.evaluation': [{ strengths: ['到场迅速'], improvements: ['报送偏慢'], correctiveActions: [{ action: '补训', owner: 'site-chen', due: '2026-12-01' }] }],
  'alert.raised': [
    { alertId: 'a-fire-1', source: 'webhook', type: 'fire', severity: 'red', zone: 'lobby', camera: 'lobby', cameras: ['lobby'], occurredAt: 1, mode: 'LIVE' },
    { alertId: 'a-beam-1', source: 'mqtt', type: 'ir-beam', severity: 'orange', floor: 'f1', sensor: 'beam-n', cameras: [], occurredAt: 1, mode: 'LIVE' },
  ],
  'alert.acknowledged': [{ alertId: 'a-fire-1' }],
  'alert.assigned': [{ alertId: 'a-fire-1', to: 'site-chen' }],
  'alert.note': [{ alertId: 'a-fire-1', text: '烟感误触发可能' }],
  'alert.dispatched': [{ alertId: 'a-fire-1', to: 'site-chen', note: '携带灭火器' }, { alertId: 'a-fire-1' }],
  'alert.on-scene': [{ alertId: 'a-fire-1', note: '已到场' }],
  'alert.reported': [{ alertId: 'a-fire-1', to: 'fire' }],
  'alert.step-done': [
    { alertId: 'a-fire-1', step: 'step-1', text: { en: 'Hold the exit', 'zh-CN': '封控出口' } },
    { alertId: 'a-fire-1', step: 'call-119', text: '拨打119' },
  ],
  'alert.resolved': [{ alertId: 'a-fire-1', note: '已扑灭' }, { alertId: 'a-fire-1', code: 'real-incident', note: '已扑灭' }],
  'alert.false-alarm': [{ alertId: 'a-fire-1' }, { alertId: 'a-fire-1', code: 'nuisance', note: '风吹' }],
  'alert.reopened': [{ alertId: 'a-fire-1', closedEntry: '0190d7a0-0000-7000-8000-000000000001' }],
  'alert.escalated': [
    { alertId: 'a-fire-1', reason: 'not acknowledged in time', by: 'system' },
    { alertId: 'a-fire-1', reason: 'not acknowledged within 30 s', by: 'system', to: { role: 'supervisor', person: 'p-wang' } },
  ],
  'alert.progress-due': [{ alertId: 'a-fire-1', afterSec: 1800, to: { role: 'supervisor' } }],
  'alert.silenced': [{ alertIds: ['a-fire-1'], reason: 'fire brigade on site, tone distracts the radio' }],
  'alert.quarantined': [{ source: 'nats', reason: 'occurredAt: required', raw: '{}' }],
  'duty-level.changed': [{ level: 1, reason: '重大活动' }],
  'site.plan-changed': [{ floor: 'f1', what: 'zone drawn' }],
  'wall.layout': [{ wall: 'wall-1', layout: '4' }, { wall: 'wall-2', layout: 'custom', customId: 'ops' }],
  'wall.push': [{ wall: 'wall-1', tile: 2, camera: 'gate-01' }],
  'wall.spotlight': [{ wall: 'wall-1', camera: 'lobby', reason: 'alarm', alertId: 'a-fire-1' }, { wall: 'wall-1', camera: null, reason: 'operator' }],
  'wall.tour': [{ wall: 'wall-1', tourId: 'night', action: 'start' }, { wall: 'wall-1', tourId: null, action: 'stop' }],
  'wall.snapshot': [{ camera: 'gate-02', file: 'snapshots/a.png', sha256: hash, at: Date.UTC(2026, 10, 21, 2) }],
  'wall.mask-lifted': [{ camera: 'lobby', maskIndex: 0, reason: '警情核实', until: Date.UTC(2026, 10, 21, 3) }],
  'wall.mask-restored': [{ camera: 'lobby', maskIndex: 0 }],
  'comms.attempt': [
    { to: 'duty-sun', method: 'radio', channel: 'CH1', result: 'no-answer', checkId: 'radio-onduty' },
    { to: 'police', from: 'duty-liu', method: 'landline', number: '110', result: 'answered', message: '已通报' },
  ],
  'comms.ack': [{ escalationId: 'wardens|warden-li|1700000000000' }],
  'comms.escalation': [{ escalationId: 'e', checkId: 'wardens', person: 'warden-li', step: 1, kind: 'supervisor', target: 'site-chen', method: 'mobile', route: '138…' }],
  'rollcall.started': [{ channel: 'CH1', people: ['duty-sun', 'op-he'] }],
  'rollcall.answer': [{ rollcallId: 'r1', person: 'duty-sun', result: 'bad-signal' }],
  'rollcall.ended': [{ rollcallId: 'r1', summary: { answered: 3, noAnswer: 1, badSignal: 1, relayed: 0 } }],
  'roster.imported': [{ rows: 12, sha256: hash }],
  'equipment.tested': [{ device: 'sat-1', result: 'fail', note: '无星' }],
};

/** Every id the site names, with all its names (both languages): none of these ids may show where its name exists. */
const known = new Map<string, string[]>();
const addKnown = (id: string, name: Parameters<typeof localize>[0]): void => {
  known.set(id, [...(known.get(id) ?? []), ...locales.map((l) => localize(name, l))]);
};
for (const t of site.alertTypes) addKnown(t.code, t.name);
for (const list of [site.zones, site.floors, site.cameras, site.sensors, site.roster.people, site.roster.units, site.roster.checks]) for (const x of list) addKnown(x.id, x.name);
for (const e of site.roster.equipment) addKnown(e.id, e.label);

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The known ids of the payload that still stand in the summary once every known name is taken out. */
function rawIds(summary: string, payload: unknown): string[] {
  const ids = [...new Set(stringsIn(payload).flatMap((s) => s.split('|')))].filter((s) => known.has(s));
  const names = [...known.values()].flat().sort((a, b) => b.length - a.length);
  let rest = summary;
  for (const name of names) rest = rest.split(name).join(' ');
  return ids.filter((id) => new RegExp(`(^|[^A-Za-z0-9_-])${id.replace(/[-]/g, '\\-')}($|[^A-Za-z0-9_-])`).test(rest));
}

const kindNames = Object.keys(journalKinds) as JournalKind[];

describe('kind summaries', () => {
  it('has a sample payload for every registered kind', () => {
    expect(Object.keys(samples).sort()).toEqual([...kindNames].sort());
    for (const k of kindNames) expect(samples[k].length, k).toBeGreaterThan(0);
  });

  describe.each(kindNames)('%s', (kind) => {
    it.each(locales as readonly Locale[])('reads as a sentence in %s, with names for the ids it knows', (lang) => {
      const ctx = summaryContext(source, lang);
      for (const sample of samples[kind]) {
        const payload: unknown = journalKinds[kind].payload.parse(sample);
        const text = entrySummary({ kind, payload }, ctx);
        expect(text, `${kind} ${JSON.stringify(sample)}`).not.toBe('');
        expect(text).not.toContain('[object Object]');
        expect(text).not.toContain('undefined');
        expect(text).not.toContain('NaN');
        expect(rawIds(text, payload), `${kind} (${lang}): ${text}`).toEqual([]);
      }
    });
  });

  it('says which alarm an acknowledgement concerns, in both languages', () => {
    const entry = { kind: 'alert.acknowledged', payload: { alertId: 'a-fire-1' } };
    expect(entrySummary(entry, summaryContext(source, 'zh-CN'))).toBe('确认告警：火灾 · 大堂');
    expect(entrySummary(entry, summaryContext(source, 'en'))).toBe('Alert acknowledged: Fire · Lobby');
  });

  it('names the person, result and check of a contact attempt and a roll-call answer', () => {
    const zh = summaryContext(source, 'zh-CN');
    expect(entrySummary({ kind: 'comms.attempt', payload: samples['comms.attempt'][0] }, zh)).toBe('联络 孙丽，对讲机 CH1：无应答 [在岗人员对讲机点验]');
    expect(entrySummary({ kind: 'rollcall.answer', payload: samples['rollcall.answer'][0] }, summaryContext(source, 'en'))).toBe('Sun Li: Bad signal');
    expect(entrySummary({ kind: 'wall.mask-lifted', payload: samples['wall.mask-lifted'][0] }, zh)).toBe('大堂 隐私遮挡 1 解除，至 11月21日 11:00：警情核实');
  });

  it('falls back to the id when the site does not know it, and to nothing for an unknown kind', () => {
    const ctx = summaryContext({ site }, 'en');
    expect(entrySummary({ kind: 'alert.acknowledged', payload: { alertId: 'a-unknown' } }, ctx)).toBe('Alert acknowledged: a-unknown');
    expect(entrySummary({ kind: 'rollcall.answer', payload: { rollcallId: 'r', person: 'nobody', result: 'answered' } }, ctx)).toBe('nobody: Answered');
    expect(entrySummary({ kind: 'no.such-kind', payload: {} }, ctx)).toBe('');
    expect(entrySummary({ kind: 'note', payload: { text: 'works without a site' } }, summaryContext({}, 'zh-CN'))).toBe('works without a site');
  });

  it('search text holds the registration words and the names in both languages', () => {
    const ctxs = locales.map((l) => summaryContext(source, l));
    const text = entrySearchText(journalKinds['alert.raised'], samples['alert.raised'][0], ctxs);
    for (const word of ['a-fire-1', 'fire', '火灾', 'Fire', '大堂', 'Lobby']) expect(text).toContain(word);
    const call = entrySearchText(journalKinds['comms.attempt'], samples['comms.attempt'][0], ctxs);
    expect(call).toContain('孙丽');
    expect(call).toContain('Sun');
  });
});

describe('daily report content column', () => {
  it('reads each incident as its summary, not "告警 · system" with nothing', () => {
    const at = Date.UTC(2026, 10, 21, 2);
    const raised = makeEntry({ seq: 1, kind: 'alert.raised', occurredAt: at, actor: 'system', payload: journalKinds['alert.raised'].payload.parse(samples['alert.raised'][0]) });
    const html = renderDailyReport({ siteName: '港湾酒店', date: '2026-11-21', timeZone: 'Asia/Shanghai', consoleId: 'c-1', generatedAt: 0, entries: [raised], names: {}, source: { site } }, 'zh-CN');
    expect(html).toContain('<td>火灾 · 大堂（红）</td>');
  });
});

