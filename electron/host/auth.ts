import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh random token per run: whoever holds the printed URL may use the console. */
export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Cookies are shared across ports on one host, so the name carries the port. */
export function cookieName(port: number): string {
  return `watchpost_token_${port}`;
}

export function tokenFromRequest(req: IncomingMessage, url: URL, port: number): string | undefined {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  const cookies = req.headers.cookie ?? '';
  const name = `${cookieName(port)}=`;
  for (const part of cookies.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(name)) return decodeURIComponent(trimmed.slice(name.length));
  }
  return undefined;
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browsers always send Origin on WebSocket upgrades; a page from another
 * origin must not drive the console with the user's cookie. Non-browser
 * clients send none and must present the token themselves.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
