import type { SiteSummary } from '../../../shared/command/siteSummary';
import { openAlertCounts } from '../../../shared/command/siteSummary';
import type { LocalizedText } from '../../../shared/i18n/locale';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { NatsLink } from '../bus/natsLink';
import type { JournalService } from '../journal/service';
import { StateService } from '../state/stateService';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { PeerReplicator } from './peerReplicator';

interface Watched {
  readonly site: string;
  readonly name: LocalizedText;
  readonly replicator: PeerReplicator;
  readonly state: StateService;
  entries: number;
  last: { at: number; console: string; kind: string } | null;
}

/**
 * A desk configured as a command centre watches several sites over the bus:
 * per site, copies of every console's journal (the same checked replication
 * a site's own consoles use) folded by the same pure state as everywhere
 * else, with this console's own journal left out. Read-only: nothing here
 * writes to a watched site.
 */
export class CommandCentre {
  private readonly watched: Watched[] = [];
  private readonly listeners = new Set<(sites: SiteSummary[]) => void>();
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deps: {
      journal: JournalService;
      link: NatsLink;
      consoleId: string;
      clock: Clock;
      log: Log;
      sites: readonly { id: string; name: LocalizedText }[];
    },
  ) {}

  async start(): Promise<void> {
    for (const s of this.deps.sites) {
      const state = new StateService(s.id, false);
      await state.load(this.deps.journal);
      // Entries can arrive as soon as the replicator starts; until `watched` exists there is nothing to update.
      const box: { watched?: Watched } = {};
      const replicator = new PeerReplicator({
        journal: this.deps.journal,
        link: this.deps.link,
        site: s.id,
        consoleId: this.deps.consoleId,
        clock: this.deps.clock,
        log: this.deps.log.child({ site: s.id }),
        onEntries: (entries, more) => {
          if (box.watched) this.received(box.watched, entries, more);
        },
      });
      const held = await this.deps.journal.peerHeads(s.id);
      const watched: Watched = { site: s.id, name: s.name, state, replicator, entries: held.reduce((sum, h) => sum + h.seq, 0), last: null };
      box.watched = watched;
      const lastEntry = state.current().duty.lastEntry;
      if (lastEntry) watched.last = { at: lastEntry.at, console: lastEntry.console, kind: '' };
      await replicator.start();
      this.watched.push(watched);
    }
    this.deps.link.onChange(() => this.changed());
  }

  private received(watched: Watched, entries: readonly JournalEntry[], more: boolean): void {
    watched.state.apply(entries, { more });
    watched.entries += entries.length;
    const last = entries[entries.length - 1];
    if (last && (!watched.last || last.occurredAt >= watched.last.at)) watched.last = { at: last.occurredAt, console: last.console, kind: last.kind };
    this.changed();
  }

  /** Coalesced: a burst of entries from a busy site is one update of the view. */
  private changed(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      const sites = this.summaries();
      for (const l of this.listeners) l(sites);
    }, 100);
  }

  summaries(): SiteSummary[] {
    const link = this.deps.link.current();
    return this.watched.map((w) => {
      const state = w.state.current();
      const alerts = openAlertCounts(state);
      const consoles = new Set([...w.replicator.heldHeads().keys()]);
      const problems = [...consoles].map((c) => w.replicator.problemOf(c) ?? w.state.peerProblem(c)).filter((p): p is string => p !== undefined);
      return {
        site: w.site,
        name: w.name,
        link: link.state,
        linkSince: link.since,
        consoles: consoles.size,
        entries: w.entries,
        lastEntry: w.last,
        openAlerts: alerts.open,
        bySeverity: alerts.bySeverity,
        drillActive: state.drill.active !== undefined,
        dutyLevel: alerts.dutyLevel,
        problem: problems[0] ?? null,
      };
    });
  }

  onChange(listener: (sites: SiteSummary[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const w of this.watched) w.replicator.stop();
  }
}
