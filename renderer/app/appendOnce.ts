import type { ConsoleApi } from '../../shared/contract';
import { ConsoleError } from '../../shared/errors';
import type { AppendDraft, JournalEntry } from '../../shared/journal/entry';
import { uuid7 } from '../../shared/journal/uuid7';

/** What a form asks to record: the console stamps time and mode, appendOnce adds the key. */
export type ClientDraft = Omit<AppendDraft, 'idempotencyKey' | 'occurredAt' | 'mode'>;

/** Tries after the first when the connection drops mid-call. */
const RETRIES = 3;

/** A fresh idempotency key: a UUIDv7 from this moment and the platform's random bytes. */
export function newIdempotencyKey(now: number = Date.now(), random: Uint8Array = crypto.getRandomValues(new Uint8Array(10))): string {
  return uuid7(now, random);
}

/**
 * Records one entry with an idempotency key, and sends the same key again
 * when the connection dropped mid-call (`unavailable`: the entry may have been
 * recorded). The console answers a repeated key with the entry it already
 * holds, so a retry never logs twice.
 */
export async function appendOnce(api: Pick<ConsoleApi, 'appendEntry'>, draft: ClientDraft, key: string = newIdempotencyKey()): Promise<JournalEntry> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.appendEntry({ ...draft, idempotencyKey: key });
    } catch (err) {
      if (attempt < RETRIES && err instanceof ConsoleError && err.code === 'unavailable') continue;
      throw err;
    }
  }
}
