import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessRole } from '../../shared/access/roles';
import type { ConsoleHandlers } from '../../shared/contract';
import { ConsoleError } from '../../shared/errors';
import { AccountStore } from '../../electron/core/access/accounts';
import type { Core } from '../../electron/core';

/** Every test account's password and PIN (not on the lists of common ones). */
export const TEST_PASSWORD = 'gate-watch-4417';
export const TEST_PIN = '480213';

/** The demo site's people who hold accounts in tests, and two who are not on its roster. */
export const TEST_ACCOUNTS: readonly { id: string; name: string; role: AccessRole }[] = [
  { id: 'admin-it', name: 'IT admin', role: 'administrator' },
  { id: 'duty-liu', name: 'Liu Yang', role: 'supervisor' },
  { id: 'duty-sun', name: 'Sun Li', role: 'supervisor' },
  { id: 'op-he', name: 'He Jun', role: 'operator' },
  { id: 'op-ma', name: 'Ma Lei', role: 'operator' },
  { id: 'op-guo', name: 'Guo Min', role: 'operator' },
  { id: 'eval-qian', name: 'Qian (evaluator)', role: 'observer' },
];

let cached: string | undefined;

/**
 * Writes the test accounts into a data folder before its console starts
 * (`accounts.json`, real scrypt hashes). Hashed once per test process: the
 * same file is copied into every folder.
 */
export async function seedAccounts(dataDir: string): Promise<void> {
  if (cached === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'wp-accounts-'));
    const store = new AccountStore(dir, () => Date.UTC(2026, 10, 1));
    for (const a of TEST_ACCOUNTS) await store.add({ ...a, password: TEST_PASSWORD, pin: TEST_PIN });
    cached = readFileSync(join(dir, 'accounts.json'), 'utf8');
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dataDir, 'accounts.json'), cached, { mode: 0o600 });
}

let connections = 0;

/** A client of the core's gated dispatcher on a connection of its own: as a browser tab or a desk window is. */
export function connectionTo(core: Core): { handlers: ConsoleHandlers; connection: string } {
  const connection = `test:${++connections}`;
  const dispatch = core.dispatcher();
  const handlers = new Proxy({} as ConsoleHandlers, {
    // Not a thenable: `await signedIn(…)` must not take the proxy for a promise.
    get: (_t, name: string | symbol) => typeof name !== 'string' || name === 'then' ? undefined : async (...args: unknown[]) => {
      const envelope = await dispatch(name, args, connection);
      if (!envelope.ok) throw ConsoleError.fromData(envelope.err);
      return envelope.v;
    },
  });
  return { handlers, connection };
}

/**
 * The core's API as the given person, signed in on a connection of their own
 * (the console must hold the test accounts: seedAccounts, or startConsole's
 * default). The reason covers signing in outside one's shift.
 */
export async function signedIn(core: Core, accountId: string): Promise<ConsoleHandlers> {
  const { handlers } = connectionTo(core);
  await handlers.signIn({ accountId, password: TEST_PASSWORD, reason: 'test' });
  return handlers;
}
