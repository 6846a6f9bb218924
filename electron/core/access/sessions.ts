import type { NewAccount, PinProof, SignIn } from '../../../shared/access/contract';
import type { accessKinds } from '../../../shared/access/kinds';
import { capRole, holds, type AccessRole, type Requirement } from '../../../shared/access/roles';
import type { SessionView, SignedInPerson } from '../../../shared/access/session';
import type { Station } from '../../../shared/contract/stations';
import { ConsoleError } from '../../../shared/errors';
import type { PayloadOf } from '../../../shared/journal/kinds';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import type { AccountStore, Account } from './accounts';
import type { Acting } from './callContext';
import { FailureCounter, LOCKOUT_MS } from './failures';
import { shiftCheck, type ShiftFacts } from './shiftCheck';

type AccessKind = keyof typeof accessKinds;

export interface SessionDeps {
  readonly accounts: AccountStore;
  readonly clock: Clock;
  readonly station: Station;
  readonly idleLockMs: number;
  /** Journals one of the access kinds (system entries, LIVE). */
  readonly record: <K extends AccessKind>(kind: K, payload: PayloadOf<K>, actor: string) => Promise<unknown>;
  /** The roster's facts about a person now (on a shift, on the next, hours in a row). */
  readonly shifts: (accountId: string, at: number) => ShiftFacts;
  /** A handover entry by id: who hands over to whom. */
  readonly handover: (entryId: string) => { outgoing: string; incoming: string } | undefined;
  readonly onChanged: () => void;
  readonly log: Log;
}

interface Person {
  readonly accountId: string;
  readonly since: number;
}

interface Session {
  readonly id: string;
  people: Person[];
  owner: string | null;
  locked: boolean;
  /** Monotonic: setting the PC's clock does not move it. */
  lastActivity: number;
  approval: { method: string; by: string; untilMono: number; untilWall: number } | null;
}

/** How long a supervisor's on-the-spot approval stays good for the one action it names. */
export const APPROVAL_MS = 2 * 60_000;
/** The most people signed in at one desk (监控室双人值班). */
export const MAX_PEOPLE = 2;
const GENERIC_FAILURE = 'wrong account, password or PIN';

/**
 * Who is signed in at each connection (a desk window, a browser tab), who has
 * the keyboard, and whether it is locked; and the gate every contract call
 * passes (`authorize`). Sessions live in memory only: a restart ends them.
 * Idle locks and lockouts run on the monotonic clock.
 */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly failures: FailureCounter;
  private stopSweep: (() => void) | undefined;

  constructor(private readonly deps: SessionDeps) {
    this.failures = new FailureCounter(() => deps.clock.monotonic());
    this.scheduleSweep();
  }

  close(): void {
    this.stopSweep?.();
    this.stopSweep = undefined;
  }

  /** The connection went away (window closed, socket dropped): everyone there is signed out. */
  async endConnection(connection: string): Promise<void> {
    const s = this.sessions.get(connection);
    this.sessions.delete(connection);
    if (!s) return;
    for (const p of s.people) await this.deps.record('operator.signedOut', { account: p.accountId, why: 'connection-closed' }, p.accountId);
    if (s.people.length > 0) this.deps.onChanged();
  }

  view(connection: string): SessionView {
    const s = this.session(connection);
    this.lockIfIdle(s);
    const accounts = this.deps.station === 'wall' ? [] : this.deps.accounts.views((id) => this.lockedOutUntilWall(id));
    return {
      station: this.deps.station,
      setupNeeded: this.deps.accounts.empty,
      people: s.people.map((p) => this.personView(p)),
      owner: s.owner,
      locked: s.locked,
      idleLockMs: this.deps.idleLockMs,
      accounts,
      approval: s.approval && s.approval.untilMono > this.mono() ? { method: s.approval.method, by: s.approval.by, until: s.approval.untilWall } : null,
    };
  }

  async setupFirstAdministrator(connection: string, input: Omit<NewAccount, 'role'>): Promise<SessionView> {
    this.refuseOnWall();
    if (!this.deps.accounts.empty) throw new ConsoleError('conflict', 'this console has accounts already: sign in, or ask an administrator');
    const account = await this.deps.accounts.add({ ...input, role: 'administrator' });
    await this.deps.record('account.enrolled', { account: account.id, name: account.name, role: account.role, first: true }, account.id);
    await this.admit(this.session(connection), account, {});
    return this.view(connection);
  }

  async signIn(connection: string, input: SignIn): Promise<SessionView> {
    this.refuseOnWall();
    const s = this.session(connection);
    // A password proves who is there: signing in on a locked desk unlocks it for the newcomer (the incoming officer of a handover).
    const account = await this.checkSecret(input.accountId, input.password, 'password');
    if (s.people.some((p) => p.accountId === account.id)) throw new ConsoleError('conflict', `${account.name} is signed in at this desk already`);
    const handover = input.handover !== undefined ? this.deps.handover(input.handover) : undefined;
    if (input.handover !== undefined && handover?.incoming !== account.id) {
      const message = handover ? `this handover is to ${handover.incoming}, not ${account.id}` : 'no handover entry with this id';
      throw new ConsoleError('invalid-argument', message, [{ path: 'handover', message }]);
    }
    const outgoing = handover ? s.people.find((p) => p.accountId === handover.outgoing) : undefined;
    if (s.people.length - (outgoing ? 1 : 0) >= MAX_PEOPLE) {
      throw new ConsoleError('conflict', `${MAX_PEOPLE} people are signed in at this desk: one of them signs out first`);
    }
    const warnings = shiftCheck(this.deps.shifts(account.id, this.deps.clock.now()), handover !== undefined);
    if (warnings.length > 0 && input.reason === undefined) {
      const message = `${account.name}: ${warnings.map(warningText).join('; ')}; give a reason to sign in`;
      throw new ConsoleError('invalid-argument', message, [{ path: 'reason', message }]);
    }
    if (outgoing) {
      s.people = s.people.filter((p) => p !== outgoing);
      await this.deps.record('operator.signedOut', { account: outgoing.accountId, why: 'handover' }, outgoing.accountId);
    }
    await this.admit(s, account, {
      ...(warnings.length > 0 ? { warnings, reason: input.reason } : {}),
      ...(input.handover !== undefined ? { handover: input.handover } : {}),
    });
    return this.view(connection);
  }

  async signOut(connection: string, accountId: string): Promise<SessionView> {
    const s = this.session(connection);
    if (!s.people.some((p) => p.accountId === accountId)) throw new ConsoleError('not-found', `${accountId} is not signed in at this desk`, [{ path: 'accountId', message: 'not signed in here' }]);
    if (s.locked) throw new ConsoleError('forbidden', 'the desk is locked: unlock it with a PIN first');
    s.people = s.people.filter((p) => p.accountId !== accountId);
    if (s.owner === accountId) s.owner = s.people.at(-1)?.accountId ?? null;
    if (s.people.length === 0) s.approval = null;
    await this.deps.record('operator.signedOut', { account: accountId, why: 'sign-out' }, accountId);
    this.deps.onChanged();
    return this.view(connection);
  }

  async lock(connection: string, why: 'idle' | 'operator' = 'operator'): Promise<SessionView> {
    const s = this.session(connection);
    if (s.people.length > 0 && !s.locked) await this.lockNow(s, why);
    return this.view(connection);
  }

  /** A PIN of someone signed in here: unlocks and gives them the keyboard. */
  async usePin(connection: string, proof: PinProof): Promise<SessionView> {
    const s = this.session(connection);
    if (!s.people.some((p) => p.accountId === proof.accountId)) {
      throw new ConsoleError('not-found', `${proof.accountId} is not signed in at this desk: sign in with the password`, [{ path: 'accountId', message: 'not signed in here' }]);
    }
    const account = await this.checkSecret(proof.accountId, proof.pin, 'pin');
    const wasLocked = s.locked;
    const wasOwner = s.owner === account.id;
    s.locked = false;
    s.owner = account.id;
    s.lastActivity = this.mono();
    if (wasLocked) await this.deps.record('operator.unlocked', { account: account.id }, account.id);
    else if (!wasOwner) await this.deps.record('operator.switched', { account: account.id }, account.id);
    this.deps.onChanged();
    return this.view(connection);
  }

  activity(connection: string): void {
    const s = this.sessions.get(connection);
    if (!s || s.locked) return;
    if (this.lockIfIdle(s)) return;
    s.lastActivity = this.mono();
  }

  /** A supervisor's PIN approving one named action at this desk. */
  async approve(connection: string, proof: PinProof & { method: string }): Promise<SessionView> {
    const s = this.session(connection);
    const account = await this.checkSecret(proof.accountId, proof.pin, 'pin');
    if (!holds(this.effectiveRole(account.role), 'supervisor')) {
      throw new ConsoleError('forbidden', `${account.name} is ${account.role}: an approval needs a supervisor`, [{ path: 'accountId', message: 'needs a supervisor' }]);
    }
    s.approval = { method: proof.method, by: account.id, untilMono: this.mono() + APPROVAL_MS, untilWall: this.deps.clock.now() + APPROVAL_MS };
    this.deps.onChanged();
    return this.view(connection);
  }

  liftLockout(accountId: string): boolean {
    return this.failures.clear(accountId);
  }

  /** After an account is disabled: it leaves every desk it is signed in at. */
  async signOutEverywhere(accountId: string, why: 'disabled'): Promise<void> {
    for (const s of this.sessions.values()) {
      if (!s.people.some((p) => p.accountId === accountId)) continue;
      s.people = s.people.filter((p) => p.accountId !== accountId);
      if (s.owner === accountId) s.owner = s.people.at(-1)?.accountId ?? null;
      await this.deps.record('operator.signedOut', { account: accountId, why }, accountId);
    }
    this.deps.onChanged();
  }

  /**
   * The gate: whether this connection may make a call needing `needed`, and
   * for whom it acts. Throws `forbidden` naming the role (or the lock, or the
   * supervisor a four-eyes action lacks).
   */
  authorize(connection: string, method: string, needed: Requirement): Acting {
    if (needed === 'anyone') return { connection, actor: this.ownerId(connection) ?? 'system', role: this.ownerRole(connection) };
    const s = this.session(connection);
    if (needed === 'display') return { connection, actor: s.owner ?? 'system', role: this.ownerRole(connection) };
    if (this.deps.station === 'wall') throw new ConsoleError('forbidden', `${method} needs ${roleNeeded(needed)}: a wall station is a display, nobody signs in there`);
    if (s.people.length === 0 || s.owner === null) throw new ConsoleError('forbidden', `${method} needs ${roleNeeded(needed)}: nobody is signed in at this desk`);
    if (this.lockIfIdle(s) || s.locked) throw new ConsoleError('forbidden', `${method}: the desk is locked; unlock it with your PIN`, [{ path: 'pin', message: 'the desk is locked' }]);
    const owner = this.deps.accounts.get(s.owner);
    if (!owner || owner.disabled) {
      void this.signOutEverywhere(s.owner, 'disabled');
      throw new ConsoleError('forbidden', `${method}: the account ${s.owner} is disabled and has been signed out`);
    }
    const role = this.effectiveRole(owner.role);
    const acting: Acting = { connection, actor: owner.id, role };
    if (needed === 'four-eyes') {
      if (!holds(role, 'operator')) throw new ConsoleError('forbidden', `${method} needs an operator with a supervisor; ${owner.name} is ${role}`);
      if (!holds(role, 'supervisor')) {
        const present = s.people.find((p) => p.accountId !== owner.id && this.holdsNow(p.accountId, 'supervisor'));
        if (present) acting.approver = present.accountId;
        else if (s.approval && s.approval.method === method && s.approval.untilMono > this.mono() && this.holdsNow(s.approval.by, 'supervisor')) {
          acting.approver = s.approval.by;
          acting.usedApproval = true;
        } else {
          throw new ConsoleError('forbidden', `${method} needs a supervisor: one signed in at this desk, or approving now with their PIN`, [{ path: 'approval', message: 'a supervisor must approve' }]);
        }
      }
    } else if (!holds(role, needed)) {
      throw new ConsoleError('forbidden', `${method} needs ${roleNeeded(needed)}; ${owner.name} is ${role}`);
    }
    if (holds(role, 'operator')) s.lastActivity = this.mono();
    return acting;
  }

  /** A four-eyes check a handler makes itself, where the need depends on the arguments (the duty level to 一级). */
  requireFourEyes(current: Acting, method: string): Acting {
    return this.authorize(current.connection, method, 'four-eyes');
  }

  /** The call succeeded: the approval it used is spent. */
  spend(acting: Acting): void {
    if (!acting.usedApproval) return;
    const s = this.sessions.get(acting.connection);
    if (s) s.approval = null;
  }

  /** Who holds the keyboard at each connection, for the start-up sign-outs and tests. */
  signedIn(): { connection: string; people: string[] }[] {
    return [...this.sessions].map(([connection, s]) => ({ connection, people: s.people.map((p) => p.accountId) }));
  }

  private async admit(s: Session, account: Account, extra: Partial<PayloadOf<'operator.signedIn'>>): Promise<void> {
    s.people = [...s.people, { accountId: account.id, since: this.deps.clock.now() }];
    s.owner = account.id;
    s.locked = false;
    s.lastActivity = this.mono();
    await this.deps.record('operator.signedIn', { account: account.id, role: this.effectiveRole(account.role), station: this.deps.station, ...extra }, account.id);
    this.deps.onChanged();
  }

  /** Checks a password or PIN, counting failures; one generic message whatever was wrong. */
  private async checkSecret(accountId: string, secret: string, which: 'password' | 'pin'): Promise<Account> {
    if (this.failures.lockedOut(accountId)) {
      throw new ConsoleError('unauthenticated', `${accountId} is locked out after repeated failures for up to ${LOCKOUT_MS / 60_000} minutes; a supervisor can lift it`);
    }
    const ok = await this.deps.accounts.verify(accountId, secret, which);
    const account = this.deps.accounts.get(accountId);
    if (!ok || !account) {
      const { failures, lockedOutNow } = this.failures.fail(accountId);
      await this.deps.record('operator.signInFailed', { account: accountId.slice(0, 64), by: which, failures }, 'system');
      if (lockedOutNow && account) await this.deps.record('operator.lockedOut', { account: accountId, failures, minutes: LOCKOUT_MS / 60_000 }, 'system');
      this.deps.onChanged();
      throw new ConsoleError('unauthenticated', GENERIC_FAILURE);
    }
    if (account.disabled) throw new ConsoleError('forbidden', `the account ${account.id} is disabled; ask an administrator`);
    this.failures.succeed(accountId);
    return account;
  }

  private session(connection: string): Session {
    let s = this.sessions.get(connection);
    if (!s) {
      s = { id: connection, people: [], owner: null, locked: false, lastActivity: this.mono(), approval: null };
      this.sessions.set(connection, s);
    }
    return s;
  }

  private lockIfIdle(s: Session): boolean {
    if (s.locked || s.people.length === 0 || this.mono() - s.lastActivity < this.deps.idleLockMs) return false;
    void this.lockNow(s, 'idle');
    return true;
  }

  private async lockNow(s: Session, why: 'idle' | 'operator'): Promise<void> {
    s.locked = true;
    s.approval = null;
    this.deps.onChanged();
    await this.deps.record('operator.locked', { why, people: s.people.map((p) => p.accountId) }, s.owner ?? 'system');
  }

  private scheduleSweep(): void {
    this.stopSweep = this.deps.clock.setTimeout(() => {
      for (const s of this.sessions.values()) this.lockIfIdle(s);
      this.scheduleSweep();
    }, 5_000);
  }

  private effectiveRole(role: AccessRole): AccessRole {
    return this.deps.station === 'replay' ? capRole(role, 'observer') : role;
  }

  private holdsNow(accountId: string, needed: AccessRole): boolean {
    const a = this.deps.accounts.get(accountId);
    return a !== undefined && !a.disabled && holds(this.effectiveRole(a.role), needed);
  }

  /** Who has the keyboard at a connection (null: nobody signed in there). */
  ownerOf(connection: string): string | null {
    return this.ownerId(connection);
  }

  private ownerId(connection: string): string | null {
    return this.sessions.get(connection)?.owner ?? null;
  }

  private ownerRole(connection: string): AccessRole | null {
    const id = this.ownerId(connection);
    const a = id !== null ? this.deps.accounts.get(id) : undefined;
    return a ? this.effectiveRole(a.role) : null;
  }

  private personView(p: Person): SignedInPerson {
    const a = this.deps.accounts.get(p.accountId);
    return { accountId: p.accountId, name: a?.name ?? p.accountId, role: a ? this.effectiveRole(a.role) : 'observer', since: p.since };
  }

  private lockedOutUntilWall(id: string): number | null {
    const left = this.failures.lockedOutFor(id);
    return left > 0 ? this.deps.clock.now() + left : null;
  }

  private refuseOnWall(): void {
    if (this.deps.station === 'wall') throw new ConsoleError('forbidden', 'a wall station is a display: nobody signs in there');
  }

  private mono(): number {
    return this.deps.clock.monotonic();
  }
}

function roleNeeded(needed: Requirement): string {
  return needed === 'four-eyes' ? 'an operator with a supervisor' : `the role ${needed}`;
}

function warningText(w: 'off-shift' | 'not-next-shift' | 'long-duty'): string {
  return w === 'off-shift' ? 'not on a shift now' : w === 'not-next-shift' ? 'not on the next shift' : 'shifts in a row past the site limit';
}
