import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Station } from '../../../shared/contract';
import { PresenceSchema, type PeerStatus, type Presence as Announcement } from '../../../shared/sync/peers';
import type { NatsLink } from '../bus/natsLink';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';

const ANNOUNCE_EVERY_MS = 2000;
/** Silent for this long: no longer present. */
const PRESENT_FOR_MS = 6000;

/**
 * Who else is on the site bus: every console announces itself (station,
 * newest entry) every two seconds on wp.<site>.presence.<console>, plain
 * NATS (not stored). Combined with what this console holds of each peer's
 * journal, it says who is present and how far behind our copy is.
 */
export class PresenceTracker {
  private readonly seen = new Map<string, Announcement>();
  private sub: Subscription | undefined;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly deps: {
      link: NatsLink;
      site: string;
      consoleId: string;
      station: Station;
      clock: Clock;
      log: Log;
      headSeq: () => number;
      held: () => ReadonlyMap<string, number>;
      problemOf: (consoleId: string) => string | undefined;
      /** How far a console counts (enrolment), and the consoles known only by what was kept apart. */
      trustOf?: (consoleId: string) => Pick<PeerStatus, 'unknown' | 'keptApart' | 'unsigned' | 'divergence'>;
      keptApartIds?: () => readonly string[];
      onChange: (peers: PeerStatus[]) => void;
    },
  ) {}

  start(): void {
    this.deps.link.onChange((state, nc) => {
      if (state.state === 'connected' && nc) this.subscribe(nc);
      this.deps.onChange(this.peers());
    });
    const nc = this.deps.link.connection();
    if (nc) this.subscribe(nc);
    this.tick();
  }

  private subscribe(nc: NatsConnection): void {
    this.sub?.unsubscribe();
    this.sub = nc.subscribe(`wp.${this.deps.site}.presence.*`, {
      callback: (err, msg) => {
        if (err) return;
        const parsed = PresenceSchema.safeParse(safeJson(msg.string()));
        if (!parsed.success || parsed.data.console === this.deps.consoleId || parsed.data.site !== this.deps.site) return;
        const known = this.seen.has(parsed.data.console);
        // Our clock, not theirs, decides presence.
        this.seen.set(parsed.data.console, { ...parsed.data, at: this.deps.clock.now() });
        if (!known) this.deps.onChange(this.peers());
      },
    });
  }

  private tick(): void {
    if (this.stopped) return;
    const nc = this.deps.link.connection();
    if (nc) {
      const presence: Announcement = { console: this.deps.consoleId, station: this.deps.station, site: this.deps.site, headSeq: this.deps.headSeq(), at: this.deps.clock.now() };
      try {
        nc.publish(`wp.${this.deps.site}.presence.${this.deps.consoleId}`, JSON.stringify(presence));
      } catch (err) {
        this.deps.log.debug('presence announce failed', { error: String(err) });
      }
    }
    this.deps.onChange(this.peers());
    this.cancelTimer = this.deps.clock.setTimeout(() => this.tick(), ANNOUNCE_EVERY_MS);
  }

  peers(): PeerStatus[] {
    const now = this.deps.clock.now();
    const held = this.deps.held();
    const ids = new Set([...this.seen.keys(), ...held.keys(), ...(this.deps.keptApartIds?.() ?? [])]);
    ids.delete(this.deps.consoleId);
    return [...ids].sort().map((id) => {
      const p = this.seen.get(id);
      const have = held.get(id) ?? 0;
      const theirHead = Math.max(p?.headSeq ?? 0, have);
      const problem = this.deps.problemOf(id);
      return {
        console: id,
        station: p?.station ?? null,
        present: p !== undefined && now - p.at <= PRESENT_FOR_MS,
        lastSeen: p?.at ?? null,
        theirHead,
        held: have,
        behind: Math.max(0, theirHead - have),
        ...(problem ? { problem } : {}),
        ...this.deps.trustOf?.(id),
      };
    });
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.sub?.unsubscribe();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
