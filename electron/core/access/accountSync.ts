import { DeliverPolicy, jetstream, jetstreamManager, StorageType, type ConsumerMessages, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { NatsLink } from '../bus/natsLink';
import { verifySignature } from '../journal/signer';
import type { ConsoleEnrolment } from '../sync/enrolment';
import type { SealSigner } from '../sync/seals';
import { logFailure } from '../support/background';
import type { Log } from '../support/log';
import { StoredAccountSchema, supersedes, type AccountStore, type StoredAccount } from './accounts';

const FORMAT = 'watchpost-account/1';

/** One account as a console shares it on the bus, signed with that console's journal key. */
const SharedAccountSchema = z.strictObject({
  format: z.literal(FORMAT),
  site: z.string(),
  by: z.string(),
  publicKey: z.string(),
  account: StoredAccountSchema,
  signature: z.string(),
});
type SharedAccount = z.infer<typeof SharedAccountSchema>;

export function accountStreamName(site: string): string {
  return `WP_ACCOUNTS_${site.toUpperCase()}`;
}

export function accountSubject(site: string, id: string): string {
  return `wp.${site}.accounts.${id}`;
}

function statement(site: string, by: string, account: StoredAccount): string {
  return canonicalJson({ format: FORMAT, site, by, account });
}

/**
 * The site's accounts shared between its consoles over the bus: a JetStream
 * stream keeping the newest record of each account (one message per
 * subject), each signed by the console that wrote it. A record counts only
 * when signed by a console the site trusts (sync/enrolment.ts: the site file's
 * list and desk enrolments; on a loopback bus without a list, any console), so
 * whoever can publish on the bus cannot make themselves an administrator. The
 * newer record wins (accounts.ts `merge`); offline, each console keeps its own
 * file and shares what changed when it is back. Secrets travel only as the
 * scrypt hashes.
 */
export class AccountSync {
  private generation = 0;
  private running: ConsumerMessages | undefined;
  private stopped = false;
  private heard = false;

  constructor(
    private readonly deps: {
      link: NatsLink;
      site: string;
      consoleId: string;
      signer: SealSigner;
      enrolment: ConsoleEnrolment;
      accounts: AccountStore;
      replicas?: number | undefined;
      onChanged: () => void;
      log: Log;
    },
  ) {}

  /**
   * Whether this console has read the site's accounts from the bus at least
   * once. Until then it does not offer the first-administrator set-up: a new
   * console of a site that has accounts must not mint an administrator.
   */
  get caughtUp(): boolean {
    return this.heard;
  }

  start(): void {
    this.deps.accounts.onLocalChange((account) => {
      const nc = this.deps.link.connection();
      if (nc) void this.publish(nc, account).catch(logFailure(this.deps.log, 'accounts: sharing a change failed; it is shared again on the next connection', { account: account.id }));
    });
    this.deps.link.onChange((state, nc) => {
      if (state.state === 'connected' && nc) void this.run(nc);
      else this.halt();
    });
    const nc = this.deps.link.connection();
    if (nc) void this.run(nc);
  }

  close(): void {
    this.stopped = true;
    this.halt();
  }

  private halt(): void {
    this.generation += 1;
    const running = this.running;
    this.running = undefined;
    running?.stop();
  }

  private async run(nc: NatsConnection): Promise<void> {
    this.halt();
    const generation = this.generation;
    let backoff = 250;
    while (!this.stopped && generation === this.generation) {
      try {
        const jsm = await jetstreamManager(nc);
        await this.ensure(jsm);
        const expected = (await jsm.streams.info(accountStreamName(this.deps.site))).state.messages;
        const consumer = await jetstream(nc).consumers.get(accountStreamName(this.deps.site), { deliver_policy: DeliverPolicy.LastPerSubject });
        const messages = await consumer.consume({ max_messages: 256 });
        this.running = messages;
        // Read what the site holds first, then share what is newer here (changed while offline, or never shared):
        // publishing first would put an older record over a newer one (the stream keeps one per account).
        const held = new Map<string, StoredAccount>();
        let seen = 0;
        const caughtUp = async (): Promise<void> => {
          this.heard = true;
          for (const account of this.deps.accounts.records()) {
            const there = held.get(account.id);
            if (!there || supersedes(account, there)) await this.publish(nc, account);
          }
        };
        if (expected === 0) await caughtUp();
        for await (const m of messages) {
          if (generation !== this.generation) break;
          const record = this.take(m.data);
          if (record) held.set(record.id, record);
          seen += 1;
          if (!this.heard && seen >= expected) await caughtUp();
        }
        return;
      } catch (err) {
        if (this.stopped || generation !== this.generation) return;
        this.deps.log.warn('accounts: the bus is not answering; trying again', { error: err instanceof Error ? err.message : String(err), retryMs: backoff });
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  private async ensure(jsm: JetStreamManager): Promise<void> {
    const name = accountStreamName(this.deps.site);
    try {
      await jsm.streams.info(name);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 10059 && !/stream not found/i.test(String(err))) throw err;
      await jsm.streams.add({
        name,
        subjects: [`wp.${this.deps.site}.accounts.*`],
        storage: StorageType.File,
        max_msgs_per_subject: 1,
        max_age: 0,
        ...(this.deps.replicas !== undefined ? { num_replicas: this.deps.replicas } : {}),
      });
    }
  }

  private async publish(nc: NatsConnection, account: StoredAccount): Promise<void> {
    const { site, consoleId, signer } = this.deps;
    const record: SharedAccount = { format: FORMAT, site, by: consoleId, publicKey: signer.publicKey, account, signature: signer.sign(statement(site, consoleId, account)) };
    await jetstream(nc).publish(accountSubject(site, account.id), JSON.stringify(record));
  }

  /** Takes a record from the bus if it is genuine and newer; returns it when genuine. */
  private take(data: Uint8Array): StoredAccount | undefined {
    let record: SharedAccount;
    try {
      record = SharedAccountSchema.parse(JSON.parse(new TextDecoder().decode(data)));
    } catch (err) {
      this.deps.log.warn('accounts: a record on the bus is not an account record; ignored', { error: String(err).slice(0, 300) });
      return undefined;
    }
    const { enrolment } = this.deps;
    const key = enrolment.open ? record.publicKey : enrolment.keyOf(record.by);
    if (record.site !== this.deps.site || key === undefined || key !== record.publicKey || !verifySignature(key, statement(record.site, record.by, record.account), record.signature)) {
      this.deps.log.warn('accounts: a record not signed by a console of this site; ignored', { by: record.by.slice(0, 64), account: record.account.id });
      return undefined;
    }
    if (this.deps.accounts.merge(record.account)) {
      this.deps.log.info('accounts: taken from the site', { account: record.account.id, by: record.by });
      this.deps.onChanged();
    } else if (this.heard) {
      // Ours is newer (two desks wrote at once, or an older copy came back): put it back, so the stream converges on the newest.
      const mine = this.deps.accounts.records().find((a) => a.id === record.account.id);
      const nc = this.deps.link.connection();
      if (mine && nc && supersedes(mine, record.account)) void this.publish(nc, mine).catch(logFailure(this.deps.log, 'accounts: sharing a newer record failed', { account: mine.id }));
    }
    return record.account;
  }
}
