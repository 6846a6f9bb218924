/**
 * Canonical JSON (after RFC 8785): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript serializes them. The same
 * value always yields the same text, so hashes over it are stable across
 * consoles and versions. Refuses what JSON cannot carry faithfully, and
 * values nested deeper than CANONICAL_MAX_DEPTH (a typed error, not a stack
 * overflow: a 5,000-deep alert from the bus must be refused, not crash the write).
 */
export function canonicalJson(value: unknown, maxDepth: number = CANONICAL_MAX_DEPTH): string {
  return write(value, '$', 0, maxDepth);
}

/**
 * The deepest nesting of arrays and objects canonical JSON writes (the value
 * itself is depth 0): the backstop against a stack overflow. An entry is
 * written wrapped (the relay, exports), so inputs from outside are held to a
 * tighter limit of their own at ingest (ALERT_MAX_DEPTH).
 */
export const CANONICAL_MAX_DEPTH = 64;

export class CanonicalJsonError extends Error {}

/** A value nested deeper than CANONICAL_MAX_DEPTH: refused for good (it will never fit). */
export class CanonicalJsonDepthError extends CanonicalJsonError {
  constructor(
    readonly path: string,
    readonly limit: number,
  ) {
    super(`${path}: nested deeper than ${limit} levels`);
  }
}

function write(value: unknown, path: string, depth: number, maxDepth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not a finite number`);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (depth >= maxDepth) throw new CanonicalJsonDepthError(path.length > 200 ? `${path.slice(0, 200)}…` : path, maxDepth);
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`, depth + 1, maxDepth)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path}: only plain objects are allowed`);
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`, depth + 1, maxDepth)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} cannot be stored`);
  }
}

/** UTF-8 length of a string, without TextEncoder allocations for ASCII. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
