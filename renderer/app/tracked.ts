import { errorText } from '../ui/errorText';

/**
 * Wraps a slice's calls to the contract so the slice owns their outcome: a
 * failure is recorded as the slice's last error (and resolves to undefined,
 * so no view needs its own catch); a success clears it.
 */
export function tracked(record: (error: string | undefined) => void, describe: (err: unknown) => string = errorText) {
  return async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await call();
      record(undefined);
      return value;
    } catch (err) {
      record(describe(err));
      return undefined;
    }
  };
}
