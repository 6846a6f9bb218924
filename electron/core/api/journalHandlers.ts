import { join } from 'node:path';
import type { ConsoleHandlers } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import type { EntryDraft, Mode } from '../../../shared/journal/entry';
import { journalKinds } from '../../../shared/journal/kinds';
import { writeDailyReport } from '../reports/dailyReport';
import { approver, currentActor, type CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** The duty journal: entries, queries, integrity, exports and the daily report. */
export function journalHandlers(
  ctx: CoreContext,
): Group<'appendEntry' | 'queryJournal' | 'getJournalStatus' | 'verifyJournal' | 'startNewJournalSegment' | 'exportJournal' | 'dailyReport' | 'getSiteState' | 'getPeers' | 'getCommandCentre' | 'chooseReplaySource'> {
  return {
    appendEntry: async ({ idempotencyKey, kind, payload, ref }) => {
      // The console stamps the entry's time (the writer, from the injected clock) and its mode; the contract refuses both from a client.
      const draft: EntryDraft = { kind, payload, ...(ref !== undefined ? { ref } : {}) };
      if (kind === 'handover') checkHandover(ctx, payload);
      const mode = await clientMode(ctx, draft);
      return ctx.journal.appendOnce(draft, { actor: currentActor(ctx), mode, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) });
    },
    queryJournal: async (query) => ctx.journal.query(query),
    getJournalStatus: async () => ctx.journal.status(),
    verifyJournal: async () => ctx.journal.verifyNow(),
    startNewJournalSegment: async () => {
      await ctx.journal.startNewSegment();
      // Who accepted the break, and who approved it: the new segment's first words after the system's own.
      const by = approver();
      await ctx.journal.append({ kind: 'journal.break-accepted', payload: by !== undefined ? { approvedBy: by } : {} }, { actor: currentActor(ctx), allowSystem: true, mode: 'LIVE' });
      return ctx.journal.status();
    },
    exportJournal: async ({ from, to }) => {
      const stamp = new Date(ctx.clock.now()).toISOString().replace(/[:.]/g, '-');
      const name = `journal-${stamp}`;
      const dir = join(ctx.dataDir, 'exports', name);
      const manifest = await ctx.journal.exportRange(from, to, dir);
      ctx.log.info('journal exported', { dir, entries: manifest.entries, actor: currentActor(ctx) });
      return {
        dir,
        entries: manifest.entries,
        firstSeq: manifest.firstSeq ?? null,
        lastSeq: manifest.lastSeq ?? null,
        fileSha256: manifest.fileSha256,
        entriesUrl: `exports/${name}/entries.jsonl`,
        manifestUrl: `exports/${name}/manifest.json`,
      };
    },
    dailyReport: async ({ date }) =>
      writeDailyReport({
        journal: ctx.journal,
        site: ctx.site.site,
        consoleId: ctx.identity.consoleId,
        date,
        locale: ctx.settings.get().locale,
        dataDir: ctx.dataDir,
        now: ctx.clock.now(),
      }),
    getSiteState: async () => ctx.state.snapshot(),
    getPeers: async () => ctx.peers(),
    getCommandCentre: async () => ctx.commandCentre(),
    // The desktop shell serves this with its open dialog (electron/main/replayDialog.ts); a browser has none.
    chooseReplaySource: async () => {
      throw new ConsoleError('unavailable', "the open dialog is in the desktop app; here, open a journal from the data folder's list");
    },
  };
}

/** Exercise records: an observer's note on a review and a drill's evaluation are DRILL whenever they are written. */
const EXERCISE_KINDS: ReadonlySet<string> = new Set(['annotation', 'drill.evaluation']);

/**
 * The mode of a client's entry, from the console's own state: an entry about
 * another (a correction, an acknowledgement) has that entry's mode; otherwise
 * DRILL while a drill runs and for exercise records, LIVE at all other times.
 * A client cannot mark a live note DRILL (hiding it from live paths) nor a
 * drill note LIVE.
 */
/**
 * A handover is written by the outgoing officer, the person at the keyboard,
 * to someone who can sign in and accept it: not any pair of names. A payload
 * its kind refuses is left to the journal, whose error names the field (the
 * same person twice is bad input before it is the wrong person).
 */
function checkHandover(ctx: CoreContext, payload: unknown): void {
  const parsed = journalKinds.handover.payload.safeParse(payload);
  if (!parsed.success) return;
  const p = parsed.data;
  const actor = currentActor(ctx);
  if (p.outgoing !== actor) {
    const message = `the outgoing officer is the person at the keyboard (${actor}), who writes the handover`;
    throw new ConsoleError('invalid-argument', message, [{ path: 'payload.outgoing', message }]);
  }
  const incoming = typeof p.incoming === 'string' ? ctx.access.accounts.get(p.incoming) : undefined;
  if (!incoming || incoming.disabled) {
    const message = 'the incoming officer must hold an account that can sign in here to accept the handover';
    throw new ConsoleError('invalid-argument', message, [{ path: 'payload.incoming', message }]);
  }
}

export async function clientMode(ctx: Pick<CoreContext, 'state' | 'journal'>, draft: Pick<EntryDraft, 'kind' | 'ref'>): Promise<Mode> {
  if (draft.ref !== undefined) {
    const concerned = await ctx.journal.getById(draft.ref);
    if (concerned) return concerned.mode;
  }
  if (ctx.state.current().drill.active) return 'DRILL';
  return EXERCISE_KINDS.has(draft.kind) ? 'DRILL' : 'LIVE';
}
