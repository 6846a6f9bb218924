import { mutatingMethods } from '../../shared/contract/access';
import type { ConsoleApi } from '../../shared/contract';
import { ConsoleError } from '../../shared/errors';

/**
 * The contract with every method that changes something refusing: what a
 * replay store is built on, so nothing a replayed view does can write to the
 * present — whichever button a view forgets to hide. Reads and events pass
 * through unchanged. Built from the contract's one list (shared/contract/access.ts).
 */
export function readOnlyApi(api: ConsoleApi): ConsoleApi {
  const refused = Object.fromEntries(
    mutatingMethods.map((name) => [name, () => Promise.reject(new ConsoleError('unauthorized', `read-only: replay cannot ${name}`))]),
  );
  return Object.freeze({ ...api, ...refused });
}
