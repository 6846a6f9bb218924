import { connect, type NatsConnection } from '@nats-io/transport-node';
import { describeBusError, type BusConnection } from './busOptions';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { logFailure } from '../support/background';

export type LinkState = { readonly state: 'connecting' | 'connected' | 'offline'; readonly since: number | null; readonly error?: string };

export interface NatsLinkOptions {
  readonly servers: readonly string[];
  /** Credentials and TLS, their files already read (busOptions.ts `resolveBusConnection`). */
  readonly connection?: BusConnection;
  readonly name: string;
  readonly clock: Clock;
  /** Uniform in [0, 1): the jitter of reconnect waits (Math.random, injected so the core stays deterministic under test). */
  readonly random: () => number;
  readonly log: Log;
}

/**
 * The console's connection to the site bus. Never gives up: the first
 * connect waits for the server, and lost connections reconnect forever with
 * jittered waits. Everyone who needs the bus asks this object and listens to
 * its state; nobody holds their own connection.
 */
export class NatsLink {
  private nc: NatsConnection | undefined;
  private state: LinkState = { state: 'connecting', since: null };
  private readonly listeners = new Set<(state: LinkState, nc: NatsConnection | undefined) => void>();
  private closed = false;

  constructor(private readonly options: NatsLinkOptions) {}

  start(): void {
    void this.connectLoop().catch(logFailure(this.options.log, 'bus: the connect loop failed; no reconnection until restart'));
  }

  private async connectLoop(): Promise<void> {
    let attempt = 0;
    while (!this.closed && !this.nc) {
      try {
        const nc = await connect({
          servers: [...this.options.servers],
          name: this.options.name,
          reconnect: true,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
          reconnectJitter: 500,
          pingInterval: 5000,
          maxPingOut: 2,
          timeout: 5000,
          ...this.options.connection,
        });
        if (this.closed) {
          await nc.close();
          return;
        }
        this.nc = nc;
        this.set({ state: 'connected', since: this.options.clock.now() });
        void this.watch(nc).catch(logFailure(this.options.log, 'bus: watching the connection status failed'));
        return;
      } catch (err) {
        // A refusal (wrong credentials, a certificate not trusted) is a state with its reason, retried
        // with backoff like an absent server: the server may be reconfigured; no stack trace per try.
        const message = describeBusError(err);
        if (this.state.state !== 'offline' || this.state.error !== message) this.set({ state: 'offline', since: this.options.clock.now(), error: message });
        const wait = Math.min(10_000, 500 * 2 ** attempt) * (0.8 + this.options.random() * 0.4);
        attempt += 1;
        await new Promise<void>((resolve) => this.options.clock.setTimeout(resolve, wait));
      }
    }
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') this.set({ state: 'offline', since: this.options.clock.now() });
      else if (s.type === 'reconnect') this.set({ state: 'connected', since: this.options.clock.now() });
      else if (s.type === 'error' && this.state.state === 'offline') this.set({ state: 'offline', since: this.state.since, error: describeBusError(s.error) });
    }
    // status() ends when the connection closes for good.
    if (!this.closed) {
      this.nc = undefined;
      this.set({ state: 'offline', since: this.options.clock.now(), error: 'connection closed' });
      void this.connectLoop().catch(logFailure(this.options.log, 'bus: the connect loop failed; no reconnection until restart'));
    }
  }

  private set(state: LinkState): void {
    this.state = state;
    if (state.state === 'offline') this.options.log.warn('site bus offline', { error: state.error });
    else if (state.state === 'connected') this.options.log.info('site bus connected');
    for (const l of this.listeners) l(state, this.connection());
  }

  /** The connection while connected, else undefined. */
  connection(): NatsConnection | undefined {
    return this.state.state === 'connected' ? this.nc : undefined;
  }

  current(): LinkState {
    return this.state;
  }

  onChange(listener: (state: LinkState, nc: NatsConnection | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const nc = this.nc;
    this.nc = undefined;
    await nc?.close().catch(() => undefined);
  }
}
