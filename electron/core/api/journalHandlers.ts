import { join } from 'node:path';
import type { ConsoleHandlers } from '../../../shared/contract';
import { writeDailyReport } from '../reports/dailyReport';
import { currentActor, type CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** The duty journal: entries, queries, integrity, exports and the daily report. */
export function journalHandlers(
  ctx: CoreContext,
): Group<'appendEntry' | 'queryJournal' | 'getJournalStatus' | 'verifyJournal' | 'startNewJournalSegment' | 'exportJournal' | 'dailyReport' | 'getSiteState' | 'getPeers' | 'getCommandCentre'> {
  return {
    appendEntry: async (draft) => ctx.journal.append(draft, { actor: currentActor(ctx) }),
    queryJournal: async (query) => ctx.journal.query(query),
    getJournalStatus: async () => ctx.journal.status(),
    verifyJournal: async () => ctx.journal.verifyNow(),
    startNewJournalSegment: async () => ctx.journal.startNewSegment(),
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
  };
}
