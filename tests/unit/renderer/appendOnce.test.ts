import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/errors';
import type { AppendDraft, JournalEntry } from '../../../shared/journal/entry';
import { UUID7_PATTERN } from '../../../shared/journal/uuid7';
import { appendOnce } from '../../../renderer/app/appendOnce';

const entry: JournalEntry = {
  seq: 7,
  id: '0193a0b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b',
  site: 's',
  console: 'c',
  kind: 'note',
  occurredAt: 1,
  hlc: '000000000000001.000000',
  actor: 'a',
  mode: 'LIVE',
  ref: null,
  payload: { text: 'x' },
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
};

describe('appendOnce (the renderer\'s appendEntry calls)', () => {
  it('sends an idempotency key and the same key again when the connection dropped mid-call', async () => {
    const sent: AppendDraft[] = [];
    const api = {
      appendEntry: async (draft: AppendDraft): Promise<JournalEntry> => {
        sent.push(draft);
        if (sent.length < 3) throw new ConsoleError('unavailable', 'connection to the console core was lost during the call');
        return entry;
      },
    };
    expect(await appendOnce(api, { kind: 'note', payload: { text: 'x' } })).toBe(entry);
    expect(sent).toHaveLength(3);
    expect(sent[0]?.idempotencyKey).toMatch(UUID7_PATTERN);
    expect(new Set(sent.map((d) => d.idempotencyKey)).size).toBe(1);
  });

  it('does not retry a refusal, and a second draft gets a new key', async () => {
    const sent: AppendDraft[] = [];
    const api = {
      appendEntry: async (draft: AppendDraft): Promise<JournalEntry> => {
        sent.push(draft);
        throw new ConsoleError('invalid-argument', 'payload.text: must not be empty');
      },
    };
    await expect(appendOnce(api, { kind: 'note', payload: { text: '' } })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(appendOnce(api, { kind: 'note', payload: { text: '' } })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(sent).toHaveLength(2);
    expect(sent[0]?.idempotencyKey).not.toBe(sent[1]?.idempotencyKey);
  });
});
