import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AccessRoleSchema, type AccessRole } from '../../../shared/access/roles';
import { AccountIdSchema, type AccountView } from '../../../shared/access/session';
import { ConsoleError } from '../../../shared/errors';
import { toFieldIssues } from '../../../shared/validation';
import { writeFileAtomic } from '../support/atomicFile';
import { PASSWORD_COST, PIN_COST, SecretHashSchema, checkNewSecrets, decoyHash, hashSecret, verifySecret, type SecretHash } from './credentials';

const FORMAT = 'watchpost-accounts/1';

export const StoredAccountSchema = z.strictObject({
  id: AccountIdSchema,
  name: z.string().min(1).max(80),
  role: AccessRoleSchema,
  disabled: z.boolean(),
  password: SecretHashSchema,
  pin: SecretHashSchema,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
/** An account as kept and as shared with the site's other consoles: its secrets only as hashes. */
export type StoredAccount = z.infer<typeof StoredAccountSchema>;

const AccountsFileSchema = z.strictObject({ format: z.literal(FORMAT), accounts: z.array(StoredAccountSchema) });

/** Whether record `a` replaces record `b` of the same account: newer, or on a tie the larger, so every console settles on one. */
export function supersedes(a: StoredAccount, b: StoredAccount): boolean {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x !== y && x > y;
}

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly role: AccessRole;
  readonly disabled: boolean;
}

/**
 * The site's accounts as this console keeps them: `<dataDir>/accounts.json`,
 * written atomically, holding each account's role and the scrypt hashes of
 * its password and PIN (never the secrets, and never in the journal or a
 * log). A damaged file stops the console with its name rather than letting
 * "no accounts" offer the first-administrator set-up to whoever is there.
 */
export class AccountStore {
  private readonly file: string;
  private accounts: StoredAccount[];
  private readonly listeners: ((account: StoredAccount) => void)[] = [];

  constructor(dataDir: string, private readonly now: () => number) {
    this.file = join(dataDir, 'accounts.json');
    this.accounts = this.read();
  }

  /** Called with each account changed here (enrolled, reset, disabled): the bus shares it (accountSync.ts). */
  onLocalChange(listener: (account: StoredAccount) => void): void {
    this.listeners.push(listener);
  }

  /** Every account as stored, for sharing. */
  records(): readonly StoredAccount[] {
    return this.accounts;
  }

  /**
   * An account as another console of the site has it: taken when it is newer
   * than ours (its `updatedAt`; on a tie, the larger record, so every console
   * settles on the same one). Returns whether it changed anything.
   */
  merge(incoming: StoredAccount): boolean {
    const mine = this.accounts.find((a) => a.id === incoming.id);
    if (mine && !supersedes(incoming, mine)) return false;
    this.save(mine ? this.accounts.map((a) => (a.id === incoming.id ? incoming : a)) : [...this.accounts, incoming]);
    return true;
  }

  get empty(): boolean {
    return this.accounts.length === 0;
  }

  get(id: string): Account | undefined {
    const a = this.accounts.find((x) => x.id === id);
    return a ? { id: a.id, name: a.name, role: a.role, disabled: a.disabled } : undefined;
  }

  list(): Account[] {
    return this.accounts.map((a) => ({ id: a.id, name: a.name, role: a.role, disabled: a.disabled }));
  }

  views(lockedOutUntil: (id: string) => number | null): AccountView[] {
    return this.list().map((a) => ({ ...a, lockedOutUntil: lockedOutUntil(a.id) }));
  }

  async add(input: { id: string; name: string; role: AccessRole; password: string; pin: string }): Promise<Account> {
    if (this.accounts.some((a) => a.id === input.id)) {
      throw new ConsoleError('conflict', `an account "${input.id}" exists already`, [{ path: 'id', message: 'an account with this id exists already' }]);
    }
    checkNewSecrets(input);
    const [password, pin] = await Promise.all([hashSecret(input.password, PASSWORD_COST), hashSecret(input.pin, PIN_COST)]);
    // Checked again after the await: two enrolments of one id racing must not both land.
    if (this.accounts.some((a) => a.id === input.id)) throw new ConsoleError('conflict', `an account "${input.id}" exists already`, [{ path: 'id', message: 'an account with this id exists already' }]);
    const at = this.now();
    const stored: StoredAccount = { id: input.id, name: input.name, role: input.role, disabled: false, password, pin, createdAt: at, updatedAt: at };
    this.save([...this.accounts, stored]);
    this.changed(stored.id);
    return { id: stored.id, name: stored.name, role: stored.role, disabled: false };
  }

  async reset(id: string, secrets: { password?: string | undefined; pin?: string | undefined }): Promise<void> {
    const current = this.require(id);
    checkNewSecrets({ id, name: current.name, ...secrets });
    const password = secrets.password !== undefined ? await hashSecret(secrets.password, PASSWORD_COST) : undefined;
    const pin = secrets.pin !== undefined ? await hashSecret(secrets.pin, PIN_COST) : undefined;
    this.update(id, (a) => ({ ...a, ...(password ? { password } : {}), ...(pin ? { pin } : {}) }));
  }

  setDisabled(id: string, disabled: boolean): void {
    this.require(id);
    this.update(id, (a) => ({ ...a, disabled }));
  }

  /**
   * Whether the secret matches. An unknown id is checked against a decoy hash
   * of the same cost, so the time taken does not tell which ids exist.
   */
  async verify(id: string, secret: string, which: 'password' | 'pin'): Promise<boolean> {
    const account = this.accounts.find((a) => a.id === id);
    const cost = which === 'password' ? PASSWORD_COST : PIN_COST;
    const stored: SecretHash = account ? account[which] : await decoyHash(cost);
    const ok = await verifySecret(secret, stored);
    return ok && account !== undefined;
  }

  private require(id: string): StoredAccount {
    const a = this.accounts.find((x) => x.id === id);
    if (!a) throw new ConsoleError('not-found', `no account "${id}"`, [{ path: 'id', message: 'no such account' }]);
    return a;
  }

  private update(id: string, change: (a: StoredAccount) => StoredAccount): void {
    // Later than the record it replaces even if this PC's clock is behind the console that wrote it.
    const at = Math.max(this.now(), (this.accounts.find((a) => a.id === id)?.updatedAt ?? 0) + 1);
    this.save(this.accounts.map((a) => (a.id === id ? { ...change(a), updatedAt: at } : a)));
    this.changed(id);
  }

  private changed(id: string): void {
    const account = this.accounts.find((a) => a.id === id);
    if (account) for (const l of this.listeners) l(account);
  }

  private save(next: StoredAccount[]): void {
    writeFileAtomic(this.file, `${JSON.stringify({ format: FORMAT, accounts: next }, null, 2)}\n`, 'the accounts file');
    this.accounts = next;
  }

  private read(): StoredAccount[] {
    if (!existsSync(this.file)) return [];
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      throw new ConsoleError('integrity', `${this.file} is not readable JSON (${(err as Error).message}); restore it from a backup, or remove it to set up the first administrator again`);
    }
    const parsed = AccountsFileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ConsoleError('integrity', `${this.file} is not a valid accounts file; restore it from a backup, or remove it to set up the first administrator again`, toFieldIssues(parsed.error));
    }
    return parsed.data.accounts;
  }
}
