import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh random token per run: whoever holds the printed URL may use the console. */
export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Cookies are scoped to the host, not the port: every other server on
 * 127.0.0.1 receives ours. Only a name carrying the port keeps another
 * console's (or another program's) cookie from colliding with this one's.
 */
export function cookieName(port: number): string {
  return `watchpost_token_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Percent-decoding that never throws: a malformed cookie is no cookie. */
function decodeOrUndefined(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
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
    if (!trimmed.startsWith(name)) continue;
    const value = decodeOrUndefined(trimmed.slice(name.length));
    if (value !== undefined) return value;
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
 * DNS rebinding: a page on evil.example whose name later resolves to
 * 127.0.0.1 reaches this server as a same-origin request, with our cookie
 * nowhere in sight but everything else of the server exposed. Such a request
 * carries its own name in Host, so only our loopback names are served.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}` || h === `[::1]:${port}`;
}

/**
 * Browsers always send Origin on WebSocket upgrades; a page from another
 * origin must not drive the console with the user's cookie. Non-browser
 * clients send none and must present the token themselves.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` || origin === `http://[::1]:${port}`;
}

/**
 * The request target as a URL on this server, or undefined when it is not
 * origin-form (`/path?query`): an absolute-form target (`http://a:b:c/…`)
 * is for proxies, which this is not, and `new URL` throws on many of them.
 * The target is appended to our own origin rather than resolved against it,
 * so `//elsewhere/x` stays a path here.
 */
export function requestUrl(target: string | undefined, port: number): URL | undefined {
  if (target === undefined || !target.startsWith('/')) return undefined;
  try {
    return new URL(`http://127.0.0.1:${port}${target}`);
  } catch {
    return undefined;
  }
}
