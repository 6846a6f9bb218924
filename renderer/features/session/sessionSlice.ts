import type { NewAccount, SignIn } from '../../../shared/access/contract';
import type { SessionView } from '../../../shared/access/session';
import { ConsoleError, type ErrorCode, type FieldIssue } from '../../../shared/errors';
import type { SliceCreator } from '../../app/store';
import { canCall } from './permissions';

// The store wraps the contract once (app/store.ts), and may import only slices from a feature.
export { approvingApi } from './approvingApi';

/** The session actions whose failure a form shows. */
export type SessionAction = 'setup' | 'signIn' | 'pin' | 'signOut' | 'lock' | 'approve' | 'accounts';

export interface SessionFailure {
  readonly action: SessionAction;
  readonly code: ErrorCode;
  readonly message: string;
  readonly issues: readonly FieldIssue[];
}

export interface SessionSlice {
  /** This connection's session (shared/access/session.ts); undefined until first fetched. */
  readonly session: SessionView | undefined;
  /** Why the last session action failed; cleared by the next one that succeeds. */
  readonly sessionFailure: SessionFailure | undefined;
  /** A four-eyes action waiting for a supervisor's PIN (the approval dialog is open while set). */
  readonly approvalRequest: { readonly method: string } | undefined;
  loadSession(): Promise<void>;
  /** Each resolves to true when the core accepted it, false when it refused (see `sessionFailure`). */
  setupFirstAdministrator(input: Omit<NewAccount, 'role'>): Promise<boolean>;
  signIn(input: SignIn): Promise<boolean>;
  signOut(accountId: string): Promise<boolean>;
  lockSession(): Promise<boolean>;
  usePin(accountId: string, pin: string): Promise<boolean>;
  /** Keyboard or pointer input at the desk: tells the core at most every ACTIVITY_EVERY_MS. */
  reportActivity(now: number): void;
  /** Opens the approval dialog for `method`; resolves true once a supervisor approved it, false when cancelled. */
  requestApproval(method: string): Promise<boolean>;
  approve(accountId: string, pin: string): Promise<boolean>;
  cancelApproval(): void;
  enrolAccount(input: NewAccount): Promise<boolean>;
  resetAccount(input: { id: string; password?: string; pin?: string; reason: string }): Promise<boolean>;
  setAccountDisabled(id: string, disabled: boolean, reason: string): Promise<boolean>;
  liftLockout(accountId: string, reason: string): Promise<boolean>;
  clearSessionFailure(): void;
}

/** Often enough for an idle lock of a minute or more, rarely enough to be no load. */
export const ACTIVITY_EVERY_MS = 15_000;

export const createSessionSlice: SliceCreator<SessionSlice> = (api) => (set, get) => {
  let lastReport = Number.NEGATIVE_INFINITY;
  let pendingApproval: ((approved: boolean) => void) | undefined;

  /** A new view of the session; when who may read the record changed, the reads that depend on it are made again. */
  const received = (view: SessionView): void => {
    const before = get().session;
    set({ session: view });
    const ownerChanged = before?.owner !== view.owner || before.locked !== view.locked;
    if (ownerChanged && canCall(view, 'queryJournal') && !get().readOnly) void get().setJournalFilter(get().journalFilter, Date.now());
  };

  const run = async (action: SessionAction, call: () => Promise<SessionView>): Promise<boolean> => {
    try {
      received(await call());
      set({ sessionFailure: undefined });
      return true;
    } catch (err) {
      const e = err instanceof ConsoleError ? err : new ConsoleError('internal', String(err));
      set({ sessionFailure: { action, code: e.code, message: e.message, issues: e.issues } });
      // A refusal may come from a session that changed meanwhile (locked by idle time, signed out).
      void get().loadSession();
      return false;
    }
  };

  return {
    session: undefined,
    sessionFailure: undefined,
    approvalRequest: undefined,
    loadSession: async () => {
      try {
        received(await api.getSession());
      } catch {
        // The connection is down: the connection badge says so, and the next event or reconnect fetches again.
      }
    },
    setupFirstAdministrator: (input) => run('setup', () => api.setupFirstAdministrator(input)),
    signIn: (input) => run('signIn', () => api.signIn(input)),
    signOut: (accountId) => run('signOut', () => api.signOut({ accountId })),
    lockSession: () => run('lock', () => api.lockSession()),
    usePin: (accountId, pin) => run('pin', () => api.usePin({ accountId, pin })),
    reportActivity: (now) => {
      const s = get().session;
      if (!s || s.locked || s.people.length === 0 || now - lastReport < ACTIVITY_EVERY_MS) return;
      lastReport = now;
      void api.reportActivity().catch(() => undefined);
    },
    requestApproval: (method) => {
      pendingApproval?.(false);
      set({ approvalRequest: { method }, sessionFailure: undefined });
      return new Promise<boolean>((resolve) => {
        pendingApproval = resolve;
      });
    },
    approve: async (accountId, pin) => {
      const request = get().approvalRequest;
      if (!request) return false;
      const ok = await run('approve', () => api.approveAction({ accountId, pin, method: request.method }));
      if (!ok) return false;
      set({ approvalRequest: undefined });
      pendingApproval?.(true);
      pendingApproval = undefined;
      return true;
    },
    cancelApproval: () => {
      set({ approvalRequest: undefined });
      pendingApproval?.(false);
      pendingApproval = undefined;
    },
    enrolAccount: (input) => run('accounts', () => api.enrolAccount(input)),
    resetAccount: ({ id, password, pin, reason }) =>
      run('accounts', () => api.resetAccount({ id, reason, ...(password ? { password } : {}), ...(pin ? { pin } : {}) })),
    setAccountDisabled: (id, disabled, reason) => run('accounts', () => api.setAccountDisabled({ id, disabled, reason })),
    liftLockout: (accountId, reason) => run('accounts', () => api.liftLockout({ accountId, reason })),
    clearSessionFailure: () => set({ sessionFailure: undefined }),
  };
};
