/**
 * The one error shape that crosses every boundary (IPC, WebSocket, CLI).
 * Core code throws ConsoleError; adapters send `toData()`; clients rebuild it.
 */
export const errorCodes = [
  'invalid-argument', // a caller sent something the schema refuses
  'unknown-method', // a caller named a method the contract does not have
  'unauthorized', // missing or wrong access token, or a foreign sender
  'forbidden', // the person signed in (or nobody) lacks the role the method needs; the message names it
  'unauthenticated', // wrong password or PIN, or a locked-out account (one generic message)
  'not-found',
  'conflict', // the state changed under the caller (e.g. already acknowledged)
  'unavailable', // a dependency is down (bus, storage, source)
  'storage-full', // the disk is full; nothing was written
  'integrity', // stored data failed verification
  'invalid-site', // a site file failed validation
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `cameras[3].streams.sub.url`. */
  readonly path: string;
  readonly message: string;
}

export interface ConsoleErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly issues?: readonly FieldIssue[] | undefined;
}

export class ConsoleError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly FieldIssue[];

  constructor(code: ErrorCode, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'ConsoleError';
    this.code = code;
    this.issues = issues;
  }

  toData(): ConsoleErrorData {
    return this.issues.length > 0
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static fromData(data: ConsoleErrorData): ConsoleError {
    return new ConsoleError(data.code, data.message, data.issues ?? []);
  }

  /** Anything thrown, as data safe to send: unknown errors become `internal`. */
  static toData(err: unknown): ConsoleErrorData {
    if (err instanceof ConsoleError) return err.toData();
    return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
  }
}

export function isConsoleErrorData(value: unknown): value is ConsoleErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (errorCodes as readonly string[]).includes(v.code) &&
    typeof v.message === 'string'
  );
}

/** Formats a schema path (['cameras', 3, 'url']) as `cameras[3].url`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}
