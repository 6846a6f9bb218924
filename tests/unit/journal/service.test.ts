import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import { verifyJournalFile } from '../../../electron/core/journal/verify';
import { openTestJournal } from '../../support/journal';

describe('journal service', () => {
  it('appends, chains and finds entries', async () => {
    const { journal, clock } = await openTestJournal();
    try {
      const a = await journal.append({ kind: 'note', payload: { text: '北侧围墙有人翻越，已派巡逻' } }, { actor: 'duty-liu' });
      clock.advance(1000);
      const b = await journal.append({ kind: 'patrol', payload: { route: 'North fence', finding: 'normal', text: 'All quiet' } }, { actor: 'resp-wu' });
      expect(a.seq).toBe(2); // seq 1 is the segment start
      expect(b.seq).toBe(3);
      expect(b.prevHash).toBe(a.hash);
      expect(b.actor).toBe('resp-wu');
      const found = await journal.query({ text: '围墙' });
      expect(found.entries.map((e) => e.seq)).toEqual([2]);
      const quiet = await journal.query({ text: 'quiet' });
      expect(quiet.entries.map((e) => e.seq)).toEqual([3]);
      const all = await journal.query({ limit: 2 });
      expect(all.entries.map((e) => e.seq)).toEqual([3, 2]);
      expect(all.nextBeforeSeq).toBe(2);
      const older = await journal.query({ limit: 2, beforeSeq: 2 });
      expect(older.entries.map((e) => e.kind)).toEqual(['journal.segment']);
    } finally {
      await journal.close();
    }
  });

  it('announces every entry it holds, the checkpoints it writes itself included, in order', async () => {
    // Every console folds every entry of every journal: a checkpoint a peer folds but the writer never
    // announced left the two consoles' states different for good (found by bench:site).
    const { journal } = await openTestJournal({ checkpointEvery: 5 });
    try {
      const announced: number[] = [];
      journal.onAppended((entries) => announced.push(...entries.map((e) => e.seq)));
      for (let i = 0; i < 3; i++) {
        await journal.appendMany(Array.from({ length: 4 }, (_, k) => ({ kind: 'note', payload: { text: `巡查 ${i}-${k}` } })), { actor: 'duty-liu' });
      }
      const stored = await journal.entriesAfter(1, 100);
      expect(stored.some((e) => e.kind === 'journal.checkpoint')).toBe(true);
      expect(announced).toEqual(stored.map((e) => e.seq));
    } finally {
      await journal.close();
    }
  });

  it('refuses bad drafts with field-level errors and writes nothing', async () => {
    const { journal, dataDir } = await openTestJournal();
    try {
      const bad = async (draft: unknown): Promise<ConsoleError> => {
        const err = await journal.append(draft as never, { actor: 'x' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ConsoleError);
        return err as ConsoleError;
      };
      expect((await bad({ kind: 'nonsense', payload: {} })).issues[0]?.path).toBe('kind');
      expect((await bad({ kind: 'note', payload: { text: '' } })).issues[0]?.path).toBe('payload.text');
      expect((await bad({ kind: 'handover', payload: { outgoing: 'a', incoming: 'a', summary: 's' } })).issues[0]?.path).toBe('payload.incoming');
      expect((await bad({ kind: 'correction', payload: { text: 't', reason: 'r' } })).issues[0]?.path).toBe('ref');
      expect((await bad({ kind: 'journal.checkpoint', payload: {} })).issues[0]?.path).toBe('kind');
      // 20,000 CJK characters (60 KB) and twenty long tags: over 64 KiB as UTF-8.
      const tooLarge = await bad({ kind: 'note', payload: { text: '字'.repeat(20_000), tags: Array.from({ length: 20 }, () => '标'.repeat(200)) } });
      expect(tooLarge.issues[0]).toEqual({ path: 'payload', message: expect.stringContaining('the limit is 65536') as string });
      const unknownRef = await bad({ kind: 'correction', ref: '01890a5d-ac96-774b-bcce-b302099a8057', payload: { text: 't', reason: 'r' } });
      expect(unknownRef.issues[0]?.path).toBe('ref');
      expect((await journal.status()).headSeq).toBe(1);
    } finally {
      await journal.close();
    }
    const report = verifyJournalFile(`${dataDir}/journal/journal.sqlite`);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(1);
  });

  it('keeps corrections as new entries that reference the original', async () => {
    const { journal } = await openTestJournal();
    try {
      const original = await journal.append({ kind: 'note', payload: { text: 'Gate 2 closed at 21:00' } }, { actor: 'duty-liu' });
      const fix = await journal.append({ kind: 'correction', ref: original.id, payload: { text: 'Gate 2 closed at 21:30', reason: 'wrong time' } }, { actor: 'duty-liu' });
      expect(fix.ref).toBe(original.id);
      expect((await journal.getById(original.id))?.payload).toEqual({ text: 'Gate 2 closed at 21:00' });
    } finally {
      await journal.close();
    }
  });

  it('answers the store reads it forwards from the writer, and refuses them with a typed rejection once the writer is gone', async () => {
    const { journal } = await openTestJournal();
    const entry = await journal.append({ kind: 'note', payload: { text: 'Patrol out' } }, { actor: 'duty-liu' });
    expect((await journal.getById(entry.id))?.seq).toBe(entry.seq);
    expect((await journal.pageAfter(0, 'LIVE', 10)).map((e) => e.seq)).toEqual([1, entry.seq]);
    expect(await journal.getMeta('absent')).toBeUndefined();
    await journal.close();
    // A promise that rejects (never a throw at the call), like every call into the worker.
    const refused = journal.pageAfter(0, 'LIVE', 10);
    await expect(refused).rejects.toBeInstanceOf(ConsoleError);
    await expect(refused).rejects.toMatchObject({ code: 'unavailable' });
  });
});
