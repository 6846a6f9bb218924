import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import type { LogRecord } from '../../../electron/core/support/log';
import { StateService } from '../../../electron/core/state/stateService';
import { canonicalJson } from '../../../shared/journal/canonical';
import { demoSiteFile, tempDir } from '../../support/paths';
import { startConsole, stateHash } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const closed = new WeakSet<Core>();
async function open(dataDir: string): Promise<Core & { dataDir: string }> {
  const core = await startConsole(demoSiteFile, 'desk', dataDir);
  cleanups.push(() => close(core));
  return core;
}

async function close(core: Core): Promise<void> {
  if (closed.has(core)) return;
  closed.add(core);
  await core.close();
}

/** Whether this start folded the whole journal (and why), from the core's own log. */
function foldedInFull(core: Core): string | undefined {
  const record = (core.log as unknown as { records: LogRecord[] }).records.find((r) => r.message === 'folding the whole journal');
  return record ? String(record.savedState) : undefined;
}

/** The state a full fold of this console's files gives, with no saved fold. */
async function fullFold(core: Core): Promise<string> {
  const fresh = new StateService(core.site.site.id);
  await fresh.load(core.journal);
  return canonicalJson(fresh.current());
}

const handover = (outgoing: string, incoming: string) => ({ kind: 'handover', payload: { outgoing, incoming, summary: `to ${incoming}` } });

describe('the saved site state', () => {
  it('lets a restart fold only what came after it, to the same state', async () => {
    const dir = tempDir('console');
    const a = await open(dir);
    expect(foldedInFull(a)).toBe('none saved');
    await a.journal.append(handover('duty-liu', 'duty-sun'), { actor: 'duty-liu' });
    await a.handlers.wallPush({ wall: 'wall-1', tile: 1, camera: 'lobby' });
    await a.alerts.ingest.submit({ id: 'saved-1', type: 'door-held', zone: 'gate', occurredAt: Date.now(), mode: 'LIVE' }, 'webhook');
    await a.journal.appendMany(Array.from({ length: 1500 }, (_, k) => ({ kind: 'note', payload: { text: `巡查 ${k}` } })), { actor: 'duty-sun' });
    const before = stateHash(a);
    await close(a);

    const again = await open(dir);
    expect(foldedInFull(again)).toBeUndefined(); // started from the saved fold
    expect(stateHash(again)).toBe(before);
    // It folds on from there as if it had never stopped.
    await again.journal.append(handover('duty-sun', 'op-he'), { actor: 'duty-sun' });
    expect(again.state.current().duty.lastHandover?.incoming).toBe('op-he');
    expect(canonicalJson(again.state.current() as unknown as Record<string, unknown>)).toBe(await fullFold(again));
  });

  it('after a kill (no save at close), starts from the last save and folds what came after it', async () => {
    const dir = tempDir('console');
    const saved = join(dir, 'state', 'site-state.json');
    const a = await open(dir);
    await a.journal.append(handover('duty-liu', 'duty-sun'), { actor: 'duty-liu' });
    await close(a);
    const lastSave = readFileSync(saved, 'utf8');

    const b = await open(dir);
    await b.journal.appendMany(Array.from({ length: 300 }, (_, k) => ({ kind: 'note', payload: { text: `夜班 ${k}` } })), { actor: 'duty-sun' });
    await b.journal.append(handover('duty-sun', 'op-he'), { actor: 'duty-sun' });
    const before = stateHash(b);
    await close(b);
    writeFileSync(saved, lastSave); // as if the process had been killed: its close never saved

    const c = await open(dir);
    expect(foldedInFull(c)).toBeUndefined();
    expect(stateHash(c)).toBe(before);
    expect(c.state.current().duty.lastHandover?.incoming).toBe('op-he');
  });

  it('is set aside when a peer\u2019s entries from before it arrived after it was saved, or when it cannot be read', async () => {
    // B worked first (its entries are older), cut off from A; A saved its fold before B's copy reached it.
    const b = await open(tempDir('console'));
    await b.journal.append(handover('duty-liu', 'op-he'), { actor: 'duty-liu' });
    await b.journal.append({ kind: 'note', payload: { text: 'B 分区期间' } }, { actor: 'op-he' });
    const fromB = await b.journal.entriesAfter(0, 100);

    const dir = tempDir('console');
    const a = await open(dir);
    await a.journal.append(handover('duty-liu', 'duty-sun'), { actor: 'duty-liu' });
    await close(a);

    const a2 = await open(dir);
    expect(foldedInFull(a2)).toBeUndefined();
    const stored = await a2.journal.storePeers(fromB);
    expect(stored.stored.length).toBe(fromB.length);
    await close(a2);

    const a3 = await open(dir);
    expect(foldedInFull(a3)).toMatch(/arrived after it was saved/);
    expect(canonicalJson(a3.state.current() as unknown as Record<string, unknown>)).toBe(await fullFold(a3));
    expect(a3.state.current().duty.lastHandover?.incoming).toBe('duty-sun'); // A's handover is the later one
    expect(a3.state.snapshot().heads[b.identity.consoleId]).toBe(fromB[fromB.length - 1]?.seq);
    await a3.journal.append({ kind: 'note', payload: { text: 'after' } }, { actor: 'duty-sun' });
    await close(a3);

    writeFileSync(join(dir, 'state', 'site-state.json'), '{"format":1,"fold":');
    const a4 = await open(dir);
    expect(foldedInFull(a4)).toMatch(/unreadable/);
    expect(canonicalJson(a4.state.current() as unknown as Record<string, unknown>)).toBe(await fullFold(a4));
  });
});
