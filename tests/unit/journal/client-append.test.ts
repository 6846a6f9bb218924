import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleContract } from '../../../shared/contract';
import { createDispatcher } from '../../../shared/contract/dispatch';
import { journalPaths } from '../../../electron/core/journal/service';
import { FakeClock } from '../../support/fakeClock';
import { demoSiteFile } from '../../support/paths';
import { startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);

async function desk(dataDir?: string, clock = new FakeClock(T0)) {
  const core = await startConsole(demoSiteFile, 'desk', dataDir, clock);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await core.close();
  };
  cleanups.push(close);
  const dispatch = createDispatcher(consoleContract, core.handlers, { warn: () => undefined, error: () => undefined });
  return { core, clock, dispatch, close };
}

describe('appendEntry: the console stamps time and mode', () => {
  it('refuses a client-sent occurredAt or mode, naming the field, and records nothing', async () => {
    const { core, dispatch } = await desk();
    const before = (await core.handlers.queryJournal({ limit: 500 })).entries.length;
    const dated = await dispatch('appendEntry', [{ kind: 'note', payload: { text: 'dated 1970' }, occurredAt: 1 }]);
    expect(dated).toMatchObject({ ok: false, err: { code: 'invalid-argument' } });
    if (dated.ok) throw new Error('accepted');
    expect(dated.err.issues).toEqual([{ path: '[0].occurredAt', message: expect.stringContaining('the console stamps the time') as string }]);
    const drill = await dispatch('appendEntry', [{ kind: 'note', payload: { text: 'marked drill' }, mode: 'DRILL' }]);
    if (drill.ok) throw new Error('accepted');
    expect(drill.err.issues).toEqual([{ path: '[0].mode', message: expect.stringContaining('the console decides the mode') as string }]);
    expect((await core.handlers.queryJournal({ limit: 500 })).entries.length).toBe(before);
  });

  it('stamps occurredAt from the injected clock, and the mode from its own state', async () => {
    const { core, clock, dispatch } = await desk();
    clock.advance(42_000);
    const sent = await dispatch('appendEntry', [{ kind: 'note', payload: { text: 'gate 2 checked' } }]);
    if (!sent.ok) throw new Error(sent.err.message);
    expect(sent.v).toMatchObject({ occurredAt: T0 + 42_000, mode: 'LIVE' });
    const live = (await core.handlers.queryJournal({ kinds: ['note'], limit: 1 })).entries[0];
    if (!live) throw new Error('no note');
    expect(live).toMatchObject({ occurredAt: T0 + 42_000, mode: 'LIVE' });

    // An observer's note and a drill's evaluation are exercise records: DRILL even with no drill running.
    const note = await core.handlers.appendEntry({ kind: 'annotation', payload: { text: 'review', observedAt: T0, source: 'live' } });
    expect(note.mode).toBe('DRILL');
    // A correction has the mode of the entry it corrects.
    const fix = await core.handlers.appendEntry({ kind: 'correction', ref: note.id, payload: { text: 'review, corrected', reason: 'typo' } });
    expect(fix.mode).toBe('DRILL');

    // While a drill runs, a desk note is DRILL; a correction of a live entry stays LIVE.
    await core.handlers.startDrill({ scenarioId: 'perimeter-night', speed: 1 });
    const during = await core.handlers.appendEntry({ kind: 'note', payload: { text: 'drill note' } });
    expect(during.mode).toBe('DRILL');
    const liveFix = await core.handlers.appendEntry({ kind: 'correction', ref: live.id, payload: { text: 'gate 2 checked twice', reason: 'missed' } });
    expect(liveFix.mode).toBe('LIVE');
    await core.handlers.stopDrill({ reason: 'operator' });
    const after = await core.handlers.appendEntry({ kind: 'note', payload: { text: 'after the drill' } });
    expect(after.mode).toBe('LIVE');
  });
});

describe('appendEntry: idempotency key', () => {
  it('answers a repeated key with the entry already stored: one entry, the same answer, across a restart too', async () => {
    const first = await desk();
    const key = '0193a0b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b';
    const draft = { kind: 'note', payload: { text: '东门巡查完毕' }, idempotencyKey: key };
    const a = await first.core.handlers.appendEntry(draft);
    first.clock.advance(5000);
    const b = await first.core.handlers.appendEntry(draft);
    expect(b).toEqual(a);
    // Two at once (a retry racing the first call): still one entry.
    const other = { ...draft, idempotencyKey: 'retry-race-key-0001' };
    const [c, d] = await Promise.all([first.core.handlers.appendEntry(other), first.core.handlers.appendEntry(other)]);
    expect(d).toEqual(c);
    const notes = async (core: typeof first.core): Promise<number> =>
      (await core.handlers.queryJournal({ kinds: ['note'], limit: 500 })).entries.filter((e) => (e.payload as { text: string }).text === '东门巡查完毕').length;
    expect(await notes(first.core)).toBe(2);

    // The key names one entry: the same key with other content is refused, naming the field.
    await expect(first.core.handlers.appendEntry({ ...draft, payload: { text: 'something else' } })).rejects.toMatchObject({
      code: 'conflict',
      issues: [{ path: 'idempotencyKey', message: `already used for entry #${a.seq}` }],
    });

    const dataDir = first.core.dataDir;
    await first.close();
    const file = journalPaths(dataDir).file;
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT key, seq FROM append_keys ORDER BY seq').all()).toEqual([
      { key, seq: a.seq },
      { key: 'retry-race-key-0001', seq: c.seq },
    ]);
    db.close();

    const second = await desk(dataDir, new FakeClock(T0 + 60_000));
    expect(await second.core.handlers.appendEntry(draft)).toEqual(a);
    expect(await notes(second.core)).toBe(2);
    // A new key is a new entry.
    const fresh = await second.core.handlers.appendEntry({ ...draft, idempotencyKey: 'a-new-key-000001' });
    expect(fresh.seq).toBeGreaterThan(c.seq);
    expect(await notes(second.core)).toBe(3);
  });

  it('refuses a malformed key before anything is recorded', async () => {
    const { dispatch } = await desk();
    const bad = await dispatch('appendEntry', [{ kind: 'note', payload: { text: 'x' }, idempotencyKey: 'short' }]);
    expect(bad).toMatchObject({ ok: false, err: { code: 'invalid-argument', issues: [{ path: '[0].idempotencyKey' }] } });
  });
});
