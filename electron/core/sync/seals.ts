import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { checkpointStatement, type JournalEntry } from '../../../shared/journal/entry';
import type { Seal } from '../../../shared/sync/peers';
import type { NatsLink } from '../bus/natsLink';
import { readIdentity } from '../identity';
import type { Log } from '../support/log';
import { sealRequestSubject, sealSubject } from './subjects';

/** Signs seals: the journal's own key, so a peer checks seals and checkpoints against the one key the site enrolled. */
export interface SealSigner {
  readonly publicKey: string;
  sign(statement: string): string;
}

/** The journal key as a PEM from the plain key file (host mode, tests); the desktop app passes its key store's load instead. */
export function keyFilePem(keyFile: string): () => Promise<string | undefined> {
  return async () => (existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : undefined);
}

/**
 * The journal key, when it is the one this console's identity pins. None
 * (no seals; peers then wait for the next checkpoint) when there is no key or
 * it is not the pinned one — the journal itself refuses appends then.
 */
export async function sealSigner(loadPem: () => Promise<string | undefined>, identityFile: string, log: Log): Promise<SealSigner | undefined> {
  try {
    const pinned = readIdentity(identityFile)?.journalKey;
    const pem = await loadPem();
    if (pem === undefined || pinned === undefined) return undefined;
    const privateKey = createPrivateKey(pem);
    const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
    if (publicKey !== pinned) {
      log.warn('journal key is not the pinned one: no signed heads published');
      return undefined;
    }
    return { publicKey, sign: (statement) => sign(null, Buffer.from(statement, 'utf8'), privateKey).toString('base64') };
  } catch (err) {
    log.warn('journal key unreadable: no signed heads published', { error: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

/**
 * Publishes this console's signed head (shared/sync/peers.ts `SealSchema`)
 * right after its appends, on (re)connect and when another console asks, so
 * the site's other consoles can count our entries within a moment instead of
 * waiting for the next checkpoint (every 1,000 entries or 10 minutes).
 */
export class SealPublisher {
  private head: { seq: number; hash: string };
  private scheduled = false;
  private lastAt = Number.NEGATIVE_INFINITY;
  private sub: Subscription | undefined;

  constructor(
    private readonly deps: {
      link: NatsLink;
      site: string;
      consoleId: string;
      signer: SealSigner;
      head: { seq: number; hash: string };
      onAppended: (listener: (entries: readonly JournalEntry[]) => void) => unknown;
      log: Log;
      /**
       * Least time between two publishes, in ms (0: one per turn of the event loop). Only consoles of a site
       * that enrols its consoles wait for seals; in the open mode a console publishes about once a second,
       * so a console whose site file already lists the consoles still counts ours within a second, without
       * a signature and a bus message after every append.
       */
      minIntervalMs?: number;
      /** A monotonic clock (a wall-clock step must not hold seals back). */
      now?: () => number;
    },
  ) {
    this.head = deps.head;
  }

  start(): void {
    this.deps.onAppended((entries) => {
      const last = entries[entries.length - 1];
      if (last && last.seq > this.head.seq) {
        this.head = { seq: last.seq, hash: last.hash };
        this.schedule();
      }
    });
    this.deps.link.onChange((state, nc) => {
      if (state.state === 'connected' && nc) this.subscribe(nc);
    });
    const nc = this.deps.link.connection();
    if (nc) this.subscribe(nc);
  }

  private subscribe(nc: NatsConnection): void {
    this.sub?.unsubscribe();
    this.sub = nc.subscribe(sealRequestSubject(this.deps.site), { callback: () => this.schedule() });
    this.schedule();
  }

  /** One publish per turn of the event loop (or per `minIntervalMs`), however many appends committed in it. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const now = this.deps.now ?? ((): number => performance.now());
    const wait = this.lastAt + (this.deps.minIntervalMs ?? 0) - now();
    const run = (): void => {
      this.scheduled = false;
      this.lastAt = now();
      this.publish();
    };
    if (wait > 0) setTimeout(run, wait).unref();
    else setImmediate(run);
  }

  private publish(): void {
    const nc = this.deps.link.connection();
    if (!nc || this.head.seq === 0) return;
    const { seq, hash } = this.head;
    const seal: Seal = { site: this.deps.site, console: this.deps.consoleId, seq, hash, signature: this.deps.signer.sign(checkpointStatement(this.deps.site, this.deps.consoleId, seq, hash)) };
    try {
      nc.publish(sealSubject(this.deps.site, this.deps.consoleId), JSON.stringify(seal));
    } catch (err) {
      this.deps.log.debug('seal publish failed', { error: String(err) });
    }
  }

  stop(): void {
    this.sub?.unsubscribe();
  }
}
