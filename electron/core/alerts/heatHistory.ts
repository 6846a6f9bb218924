import { heatEventFromRaised } from '../../../shared/heatmap/fromAlerts';
import type { HeatEvent } from '../../../shared/heatmap/types';
import type { SiteFile } from '../../../shared/site/schema';
import type { JournalService } from '../journal/service';

/** More than this many alerts in a window is a storm: the newest are kept and the answer says it was cut. */
export const HEAT_HISTORY_MAX = 200_000;

/**
 * Live alerts raised in [from, to) read from the journal, placed for the heat
 * map. The site state keeps only recent alerts in memory; the heat map's
 * long windows (up to 30 days) read the record instead. Drills are left out.
 */
export async function heatHistory(
  journal: JournalService,
  site: Pick<SiteFile, 'zones' | 'cameras'>,
  from: number,
  to: number,
): Promise<{ events: (HeatEvent & { id: string })[]; truncated: boolean }> {
  const events: (HeatEvent & { id: string })[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await journal.query({ kinds: ['alert.raised'], mode: 'LIVE', from, to, limit: 500, ...(beforeSeq ? { beforeSeq } : {}) });
    for (const entry of page.entries) {
      const event = heatEventFromRaised(entry.payload as Parameters<typeof heatEventFromRaised>[0], site);
      if (event) events.push(event);
    }
    if (page.nextBeforeSeq === null || events.length >= HEAT_HISTORY_MAX) return { events: events.reverse(), truncated: page.nextBeforeSeq !== null };
    beforeSeq = page.nextBeforeSeq;
  }
}
