import { join } from 'node:path';
import type { ConsoleHandlers } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import type { EntryDraft, Mode } from '../../../shared/journal/entry';
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
export async function clientMode(ctx: Pick<CoreContext, 'state' | 'journal'>, draft: Pick<EntryDraft, 'kind' | 'ref'>): Promise<Mode> {
  if (draft.ref !== undefined) {
    const concerned = await ctx.journal.getById(draft.ref);
    if (concerned) return concerned.mode;
  }
  if (ctx.state.current().drill.active) return 'DRILL';
  return EXERCISE_KINDS.has(draft.kind) ? 'DRILL' : 'LIVE';
}
