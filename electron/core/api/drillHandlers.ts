import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleHandlers } from '../../../shared/contract';
import type { ReplaySourceInfo } from '../../../shared/replay/types';
import { writeDrillReport } from '../reports/drillReport';
import { currentActor, type CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** Drills, and replay of recorded journals. */
export function drillHandlers(
  ctx: CoreContext,
): Group<'listDrills' | 'startDrill' | 'stopDrill' | 'listReplaySources' | 'openReplay' | 'replaySeek' | 'replayEntries' | 'closeReplay' | 'drillReport'> {
  return {
    listDrills: async () => [...ctx.drills.scenarios()],
    startDrill: async ({ scenarioId, speed }) => ctx.drills.start(scenarioId, speed, currentActor(ctx)),
    stopDrill: async ({ reason, note }) => {
      await ctx.drills.stop(reason, note, currentActor(ctx));
      return null;
    },
    listReplaySources: async () => replaySources(ctx),
    openReplay: async (source) => ctx.replay.open(ctx.replayPaths.check(source)),
    replaySeek: async ({ replayId, t }) => ctx.replay.seek(replayId, t),
    replayEntries: async ({ replayId, fromIndex, limit }) => ctx.replay.entries(replayId, fromIndex, limit),
    closeReplay: async ({ replayId }) => ctx.replay.close(replayId),
    drillReport: async ({ startId, locale, replayId }) =>
      writeDrillReport({
        replay: ctx.replay,
        replayId,
        sourceLabel: replayId ? `replay ${replayId}` : 'journal.sqlite',
        startId,
        site: ctx.site.site,
        scenarios: ctx.drills.scenarios(),
        locale: locale ?? ctx.settings.get().locale,
        dataDir: ctx.dataDir,
        now: ctx.clock.now(),
      }),
  };
}

/** The live journal, kept broken segments, and exported bundles in the data folder. */
function replaySources(ctx: CoreContext): ReplaySourceInfo[] {
  const out: ReplaySourceInfo[] = [];
  const stat = (path: string): { bytes: number; modifiedAt: number } => {
    const s = statSync(path);
    return { bytes: s.size, modifiedAt: s.mtimeMs };
  };
  const live = join(ctx.dataDir, 'journal', 'journal.sqlite');
  if (existsSync(live)) out.push({ source: { kind: 'live' }, label: 'journal.sqlite', ...stat(live) });
  const segments = join(ctx.dataDir, 'journal', 'segments');
  if (existsSync(segments)) {
    for (const name of readdirSync(segments).filter((n) => n.endsWith('.sqlite')).sort()) {
      const path = join(segments, name);
      out.push({ source: { kind: 'file', path }, label: name, ...stat(path) });
    }
  }
  const exports = join(ctx.dataDir, 'exports');
  if (existsSync(exports)) {
    for (const name of readdirSync(exports).sort().reverse()) {
      const path = join(exports, name);
      if (existsSync(join(path, 'manifest.json'))) out.push({ source: { kind: 'bundle', path }, label: name, ...stat(join(path, 'entries.jsonl')) });
    }
  }
  return out;
}
