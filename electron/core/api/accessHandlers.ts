import type { ConsoleHandlers } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import { acting } from '../access';
import type { CoreContext } from './context';

type Group<K extends keyof ConsoleHandlers> = Pick<ConsoleHandlers, K>;

/** The connection a call came from; a call made inside the core (tests, timers) is the "local" one. */
function connection(): string {
  return acting()?.connection ?? 'local';
}

function actor(): string {
  return acting()?.actor ?? 'system';
}

/** Sign-in, lock, PIN, four-eyes approval and the accounts (shared/access/contract.ts); the gate is access/gate.ts. */
export function accessHandlers(
  ctx: CoreContext,
): Group<'getSession' | 'setupFirstAdministrator' | 'signIn' | 'signOut' | 'lockSession' | 'usePin' | 'reportActivity' | 'approveAction' | 'enrolAccount' | 'resetAccount' | 'setAccountDisabled' | 'liftLockout'> {
  const { sessions, accounts, record } = ctx.access;
  return {
    getSession: async () => sessions.view(connection()),
    setupFirstAdministrator: async (input) => {
      // A new console of a site that has accounts must hear them before it offers to mint an administrator.
      if (ctx.access.sync && !ctx.access.sync.caughtUp) throw new ConsoleError('unavailable', "this console has not yet read the site's accounts from the bus; wait for the connection, or sign in once they arrive");
      return sessions.setupFirstAdministrator(connection(), input);
    },
    signIn: async (input) => sessions.signIn(connection(), input),
    signOut: async ({ accountId }) => sessions.signOut(connection(), accountId),
    lockSession: async () => sessions.lock(connection(), 'operator'),
    usePin: async (proof) => sessions.usePin(connection(), proof),
    reportActivity: async () => {
      sessions.activity(connection());
      return null;
    },
    approveAction: async (proof) => sessions.approve(connection(), proof),
    enrolAccount: async (input) => {
      const account = await accounts.add(input);
      await record('account.enrolled', { account: account.id, name: account.name, role: account.role }, actor());
      ctx.events.emit('onSessionsChanged', { at: ctx.clock.now() });
      return sessions.view(connection());
    },
    resetAccount: async ({ id, password, pin, reason }) => {
      await accounts.reset(id, { password, pin });
      const what = [...(password !== undefined ? (['password'] as const) : []), ...(pin !== undefined ? (['pin'] as const) : [])];
      await record('account.reset', { account: id, what, reason }, actor());
      return sessions.view(connection());
    },
    setAccountDisabled: async ({ id, disabled, reason }) => {
      if (id === acting()?.actor && disabled) throw new ConsoleError('invalid-argument', 'you cannot disable your own account', [{ path: 'id', message: 'this is your own account' }]);
      accounts.setDisabled(id, disabled);
      await record('account.disabled', { account: id, disabled, reason }, actor());
      if (disabled) await sessions.signOutEverywhere(id, 'disabled');
      ctx.events.emit('onSessionsChanged', { at: ctx.clock.now() });
      return sessions.view(connection());
    },
    liftLockout: async ({ accountId, reason }) => {
      if (!sessions.liftLockout(accountId)) throw new ConsoleError('not-found', `${accountId} is not locked out`, [{ path: 'accountId', message: 'not locked out' }]);
      await record('operator.lockoutLifted', { account: accountId, reason }, actor());
      ctx.events.emit('onSessionsChanged', { at: ctx.clock.now() });
      return sessions.view(connection());
    },
  };
}
