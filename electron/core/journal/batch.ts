import type { ConsoleErrorData } from '../../../shared/errors';
import type { JournalEntry, Mode } from '../../../shared/journal/entry';
import type { AppendOutcome, PreparedDraft } from './store';

/**
 * Appends cross the thread boundary as columns, not arrays of objects:
 * structured clone copies a handful of string arrays about four times faster
 * than the same data as objects, and a bulk load sends a million entries.
 */
export interface DraftColumns {
  readonly kind: string[];
  readonly payloadText: string[];
  readonly text: string[];
  readonly ref: (string | null)[];
  readonly occurredAt: (number | null)[];
  readonly actor: string[];
  readonly mode: Mode[];
  readonly now: number[];
  readonly appendKey: (string | null)[];
}

export function toColumns(drafts: readonly PreparedDraft[]): DraftColumns {
  const c: DraftColumns = { kind: [], payloadText: [], text: [], ref: [], occurredAt: [], actor: [], mode: [], now: [], appendKey: [] };
  for (const d of drafts) {
    c.kind.push(d.kind);
    c.payloadText.push(d.payloadText);
    c.text.push(d.text);
    c.ref.push(d.ref);
    c.occurredAt.push(d.occurredAt ?? null);
    c.actor.push(d.actor);
    c.mode.push(d.mode);
    c.now.push(d.now);
    c.appendKey.push(d.appendKey ?? null);
  }
  return c;
}

export function fromColumns(c: DraftColumns): PreparedDraft[] {
  return c.kind.map((kind, i) => ({
    kind,
    payloadText: c.payloadText[i] ?? '',
    text: c.text[i] ?? '',
    ref: c.ref[i] ?? null,
    occurredAt: c.occurredAt[i] ?? undefined,
    actor: c.actor[i] ?? '',
    mode: c.mode[i] ?? 'LIVE',
    now: c.now[i] ?? 0,
    appendKey: c.appendKey[i] ?? null,
  }));
}

/** Outcomes as columns; `error[i]` is null for committed entries. */
export interface OutcomeColumns {
  readonly seq: number[];
  readonly id: string[];
  readonly occurredAt: number[];
  readonly hlc: string[];
  readonly prevHash: string[];
  readonly hash: string[];
  readonly error: (ConsoleErrorData | null)[];
  /** Entries the writer added itself after these (a checkpoint), on the reply to the last request of a transaction. */
  system?: JournalEntry[];
}

export function outcomesToColumns(outcomes: readonly AppendOutcome[]): OutcomeColumns {
  const c: OutcomeColumns = { seq: [], id: [], occurredAt: [], hlc: [], prevHash: [], hash: [], error: [] };
  for (const o of outcomes) {
    if (o.ok) {
      c.seq.push(o.committed.seq);
      c.id.push(o.committed.id);
      c.occurredAt.push(o.committed.occurredAt);
      c.hlc.push(o.committed.hlc);
      c.prevHash.push(o.committed.prevHash);
      c.hash.push(o.committed.hash);
      c.error.push(null);
    } else {
      c.seq.push(0);
      c.id.push('');
      c.occurredAt.push(0);
      c.hlc.push('');
      c.prevHash.push('');
      c.hash.push('');
      c.error.push(o.error);
    }
  }
  return c;
}

export function outcomesFromColumns(c: OutcomeColumns): AppendOutcome[] {
  return c.seq.map((seq, i) => {
    const error = c.error[i];
    if (error) return { ok: false, error };
    return {
      ok: true,
      committed: { seq, id: c.id[i] ?? '', occurredAt: c.occurredAt[i] ?? 0, hlc: c.hlc[i] ?? '', prevHash: c.prevHash[i] ?? '', hash: c.hash[i] ?? '' },
    };
  });
}
