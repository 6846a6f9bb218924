import { AsyncLocalStorage } from 'node:async_hooks';
import type { AccessRole } from '../../../shared/access/roles';

/** Who a contract call acts for, as the gate established it. */
export interface Acting {
  /** The connection (desk window, browser tab) the call came from. */
  readonly connection: string;
  /** The journal's actor: the person at the keyboard, or "system" for a display's calls. */
  readonly actor: string;
  readonly role: AccessRole | null;
  /** The supervisor who made a four-eyes action possible, when it is not the actor. */
  approver?: string | undefined;
  /** Set when the call used a one-shot approval: it is spent if the call succeeds. */
  usedApproval?: boolean;
}

const store = new AsyncLocalStorage<Acting>();

/** Runs a handler as the person the gate found, so entries it makes record them. */
export function runActing<T>(acting: Acting, f: () => Promise<T>): Promise<T> {
  return store.run(acting, f);
}

/** The call being handled, or undefined for the console's own work (timers, the bus, start-up). */
export function acting(): Acting | undefined {
  return store.getStore();
}
