// A bounded, seeded fuzz of a running host: random and mutated raw HTTP
// requests and WebSocket frames over net.Socket (so nothing is tidied by a
// client library), only ever to 127.0.0.1. Meanwhile a second, well-behaved
// client makes contract calls over the WebSocket and records their latency.
// Used by tests/unit/host/fuzz.test.ts (short) and tests/bench/trust.ts (long).
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { consoleContract, eventNamesOf, methodNamesOf } from '../../shared/contract';
import { createWsApi } from '../../renderer/platform/ws';
import { percentile } from '../bench/stats';

const HOST = '127.0.0.1';

export interface FuzzOptions {
  readonly port: number;
  /** The host's access token: many requests carry it, so the fuzz reaches past the door. */
  readonly token: string;
  readonly seed: number;
  /** How many requests (HTTP or WebSocket sessions) at most. */
  readonly requests: number;
  /** Stops sending after this long even if `requests` are not all sent. */
  readonly timeLimitMs: number;
  /** Connections in flight at once. */
  readonly concurrency?: number;
  /** How long to wait for an answer to one request before hanging up (truncated requests get none). */
  readonly answerWaitMs?: number;
}

export interface FuzzReport {
  readonly seed: number;
  readonly requests: number;
  readonly durationMs: number;
  readonly requestsPerSec: number;
  /** First status code of each answer, counted (`none`: hung up or no answer in time). */
  readonly statuses: Record<string, number>;
  readonly websocketSessions: number;
  readonly secondClient: { readonly calls: number; readonly failures: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function createRng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean; bytes(n: number): Buffer } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] as T,
    chance: (p) => next() < p,
    bytes: (n) => {
      const out = Buffer.alloc(n);
      for (let i = 0; i < n; i++) out[i] = int(256);
      return out;
    },
  };
}
type Rng = ReturnType<typeof createRng>;

/** A seed for a run that was not given one: printed, so a failure can be replayed. */
export function freshSeed(): number {
  return cryptoRandomBytes(4).readUInt32BE(0);
}

/** Real names with arguments that never fit (five or more junk values): the schema refuses every one, so no state changes. */
const METHOD_NAMES: readonly string[] = methodNamesOf(consoleContract);
const EVENT_NAMES: readonly string[] = eventNamesOf(consoleContract);

function requestParts(rng: Rng, port: number, token: string): { method: string; target: string; version: string; headers: string[]; body: Buffer } {
  // Mostly well-formed in the parts the parser checks first, so the fuzz reaches the code behind them.
  const method = rng.chance(0.5) ? 'GET' : rng.pick(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'get', 'G\u0000T', 'BREW', 'X'.repeat(rng.int(300))]);
  const target = rng.pick([
    '/',
    `/?token=${token}`,
    `/?token=${token}&token=x`,
    '/api/ws',
    `/api/ws?token=${token}`,
    'http://a:b:c/api/ws',
    `http://a:b:c/?token=${token}`,
    `http://${HOST}:${port}/?token=${token}`,
    'https://[::1/',
    '*',
    '//evil.example/x',
    '/%E0%A4%A',
    `/%E0%A4%A?token=${token}`,
    '/%',
    `/?token=%ZZ`,
    `/site-assets/%2e%2e/site.json?token=${token}`,
    `/site-assets/floors/f1.svg?token=${token}`,
    `/reports/..%2f..%2fidentity?token=${token}`,
    `/exports/%00?token=${token}`,
    `/snapshots/a.png?token=${token}`,
    `/media/lobby/sub/index.m3u8?token=${token}`,
    `/media/x/y/z/w?token=${token}`,
    '/api/alerts',
    `/index.html?token=${token}#frag`,
    `/${'a/'.repeat(2000)}`,
    `/${rng.bytes(rng.int(64)).toString('latin1')}`,
    '',
    ' ',
  ]);
  const version = rng.chance(0.7) ? 'HTTP/1.1' : rng.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1x', '', 'FTP/1.0']);
  const headers: string[] = [];
  const host = rng.chance(0.6) ? `${HOST}:${port}` : rng.pick([`${HOST}:${port}`, `localhost:${port}`, `[::1]:${port}`, 'evil.example', `evil.example:${port}`, `${HOST}:${port + 1}`, `${HOST}`, '', undefined, `${HOST}:${port}, evil.example`]);
  if (host !== undefined) headers.push(`Host: ${host}`);
  if (rng.chance(0.1)) headers.push('Host: evil.example');
  const cookie = `watchpost_token_${port}`;
  const cookies = [
    undefined,
    `${cookie}=%E0%A4%A`,
    `${cookie}=${encodeURIComponent(token)}`,
    `${cookie}=%E0%A4%A; ${cookie}=${encodeURIComponent(token)}`,
    `${cookie}=${encodeURIComponent(token)}; ${cookie}=%E0%A4%A`,
    `${cookie}=%`,
    `${cookie}`,
    `=; ;;; ${cookie}==`,
    Array.from({ length: 200 }, (_, i) => `c${i}=%E0%A4%A`).join('; '),
    `${cookie}=${'A'.repeat(rng.int(20_000))}`,
  ];
  const c = rng.pick(cookies);
  if (c !== undefined) headers.push(`Cookie: ${c}`);
  if (rng.chance(0.2)) headers.push(`Authorization: ${rng.pick([`Bearer ${token}`, 'Bearer nope', 'Bearer ', 'Basic %E0%A4%A', 'Bearer'])}`);
  if (rng.chance(0.15)) headers.push(`Origin: ${rng.pick([`http://${HOST}:${port}`, 'https://evil.example', 'null', '%E0%A4%A'])}`);
  let body: Buffer = Buffer.alloc(0);
  if (rng.chance(0.3)) {
    body = rng.chance(0.5) ? rng.bytes(rng.int(2048)) : Buffer.from(rng.pick(['{"id":"x"}', 'null', '[]', '{'.repeat(5000)]));
    headers.push(`Content-Length: ${rng.pick([String(body.length), String(body.length), '-1', '99999999999999999999', 'abc', `${body.length}, ${body.length + 1}`])}`);
  }
  if (rng.chance(0.05)) headers.push('Transfer-Encoding: chunked', 'Content-Length: 5');
  if (rng.chance(0.1)) headers.push(`X-Big: ${'b'.repeat(rng.int(100_000))}`);
  if (rng.chance(0.05)) for (let i = 0; i < 300; i++) headers.push(`X-H${i}: ${i}`);
  if (rng.chance(0.05)) headers.push('no colon here', ' folded: continuation', 'X-Nul: a\u0000b');
  return { method, target, version, headers, body };
}

function httpRequest(rng: Rng, port: number, token: string): Buffer {
  const p = requestParts(rng, port, token);
  const head = Buffer.from(`${p.method} ${p.target} ${p.version}\r\n${p.headers.map((h) => `${h}\r\n`).join('')}\r\n`, 'latin1');
  const bytes = Buffer.concat([head, p.body]);
  return mutate(rng, bytes);
}

/** Flips, cuts or duplicates a few bytes some of the time: a near-valid request is where parsers break. */
function mutate(rng: Rng, bytes: Buffer): Buffer {
  const r = rng.next();
  if (r < 0.7 || bytes.length === 0) return bytes;
  if (r < 0.8) return bytes.subarray(0, rng.int(bytes.length)); // truncated
  if (r < 0.9) {
    const out = Buffer.from(bytes);
    for (let i = 0; i < 1 + rng.int(4); i++) out[rng.int(out.length)] = rng.int(256);
    return out;
  }
  const at = rng.int(bytes.length);
  return Buffer.concat([bytes.subarray(0, at), rng.bytes(rng.int(32)), bytes.subarray(at)]);
}

function upgradeRequest(rng: Rng, port: number, token: string): Buffer {
  const cookie = `watchpost_token_${port}`;
  const auth = rng.pick([
    { target: `/api/ws?token=${token}`, header: '' },
    { target: '/api/ws', header: `Cookie: ${cookie}=%E0%A4%A; ${cookie}=${encodeURIComponent(token)}\r\n` },
    { target: '/api/ws', header: `Cookie: ${cookie}=%E0%A4%A\r\n` },
    { target: 'http://a:b:c/api/ws', header: '' },
    { target: `/api/ws?token=${token}`, header: 'Origin: https://evil.example\r\n' },
  ]);
  const host = rng.chance(0.9) ? `${HOST}:${port}` : 'evil.example';
  const key = rng.chance(0.95) ? cryptoRandomBytes(16).toString('base64') : '%%%';
  const version = rng.chance(0.95) ? '13' : '8';
  return Buffer.from(
    `GET ${auth.target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: ${version}\r\n${auth.header}\r\n`,
    'latin1',
  );
}

/** One client frame (RFC 6455 §5.2), masked as a client must unless `unmasked`. */
export function wsFrame(payload: Buffer, opts: { opcode?: number; fin?: boolean; rsv?: number; unmasked?: boolean; claimedLength?: number } = {}): Buffer {
  const opcode = opts.opcode ?? 1;
  const first = ((opts.fin ?? true) ? 0x80 : 0) | ((opts.rsv ?? 0) << 4) | (opcode & 0x0f);
  const length = opts.claimedLength ?? payload.length;
  const maskBit = opts.unmasked ? 0 : 0x80;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, maskBit | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = maskBit | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (opts.unmasked) return Buffer.concat([header, payload]);
  const mask = cryptoRandomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, masked]);
}

function deep(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

function framePayload(rng: Rng): string {
  const method = rng.pick(METHOD_NAMES);
  const junkArgs = Array.from({ length: 5 + rng.int(12) }, () => rng.pick<unknown>([null, 1, 'x', {}, [], -1, 1e308]));
  return rng.pick([
    'null',
    '[]',
    '{}',
    '0',
    '"call"',
    'true',
    '',
    'not json',
    '{"t":"call"}',
    '{"t":"call","id":null}',
    '{"id":7}',
    '{"t":"nope","id":1}',
    JSON.stringify({ t: 'call', id: rng.pick([2 ** 53 + 1, 1e308, -1, 1.5, Number.MAX_SAFE_INTEGER]), m: 'getJournalStatus', a: [] }),
    `{"t":"call","id":1e999,"m":"getJournalStatus","a":[]}`,
    JSON.stringify({ t: 'call', id: rng.int(1000), m: method, a: junkArgs }),
    JSON.stringify({ t: 'call', id: rng.int(1000), m: 'x'.repeat(65), a: [] }),
    JSON.stringify({ t: 'call', id: rng.int(1000), m: 'noSuchMethod', a: [] }),
    JSON.stringify({ t: 'call', id: rng.int(1000), m: '__proto__', a: [] }),
    JSON.stringify({ t: 'call', id: rng.int(1000), m: 'constructor', a: [] }),
    JSON.stringify({ t: 'sub', e: rng.pick([rng.pick(EVENT_NAMES), 'nope', '__proto__', 'toString']) }),
    JSON.stringify({ t: 'unsub', e: rng.pick(['onSourceStatus', 'nope', '__proto__']) }),
    `{"t":"call","id":3,"m":"getJournalStatus","a":${deep(rng.int(20_000), '[', ']')}}`,
    deep(rng.int(20_000), '[', ']'),
    deep(rng.int(5_000), '{"a":', '}').replace(/\}$/, '1}'),
    '{"__proto__":{"t":"call"},"id":1}',
    rng.bytes(rng.int(200)).toString('latin1'),
  ]);
}

function wsFrames(rng: Rng): Buffer[] {
  const frames: Buffer[] = [];
  const count = 1 + rng.int(8);
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    const text = Buffer.from(framePayload(rng), 'utf8');
    if (r < 0.7) frames.push(wsFrame(text));
    else if (r < 0.78) frames.push(wsFrame(rng.bytes(rng.int(300)), { opcode: 2 })); // binary
    else if (r < 0.82) frames.push(wsFrame(Buffer.from([0xc3, 0x28, 0xe0, 0xa4]), { opcode: 1 })); // invalid UTF-8
    else if (r < 0.85) frames.push(wsFrame(text, { unmasked: true }));
    else if (r < 0.88) frames.push(wsFrame(text, { rsv: 1 + rng.int(7) }));
    else if (r < 0.9) frames.push(wsFrame(text, { opcode: rng.pick([3, 7, 0xb, 0xf]) }));
    else if (r < 0.92) frames.push(wsFrame(Buffer.alloc(0), { claimedLength: 2 ** 40 })); // claims a terabyte
    else if (r < 0.94) frames.push(wsFrame(text, { fin: false }), wsFrame(text, { opcode: 0 })); // fragmented
    else if (r < 0.96) frames.push(wsFrame(Buffer.from('ping'), { opcode: 9 }));
    else if (r < 0.98) frames.push(wsFrame(rng.bytes(rng.int(4)), { opcode: 8 })); // close with an odd code
    else frames.push(wsFrame(text).subarray(0, rng.int(text.length + 6))); // truncated
  }
  return frames;
}

/** Sends one request on a fresh connection; resolves with the first status code seen, or 'none'. */
function sendRaw(port: number, bytes: Buffer, waitMs: number, after?: { frames: Buffer[] }): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: HOST, port });
    let status = 'none';
    let upgraded = false;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('data', (chunk: Buffer) => {
      if (status === 'none') {
        const match = /^HTTP\/1\.[01] (\d{3})/.exec(chunk.toString('latin1', 0, 32));
        status = match?.[1] ?? 'garbled';
      }
      if (after && status === '101' && !upgraded) {
        upgraded = true;
        for (const frame of after.frames) if (!socket.destroyed) socket.write(frame);
        return; // let the host answer the frames until the wait ends
      }
      if (!after || status !== '101') finish();
    });
    socket.on('connect', () => socket.write(bytes));
  });
}

/** A well-behaved client the whole time: contract calls one after another, each timed. */
function secondClient(port: number, token: string): { stop(): Promise<{ latencies: number[]; failures: number }> } {
  const client = createWsApi({ url: `ws://${HOST}:${port}/api/ws?token=${encodeURIComponent(token)}`, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await client.api.getJournalStatus();
        latencies.push(performance.now() - started);
      } catch {
        failures += 1;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      client.close();
      return { latencies, failures };
    },
  };
}

/**
 * Runs the fuzz; resolves when `requests` were sent or `timeLimitMs` passed.
 * Never throws for what the host answers: the caller checks the host still
 * serves (and, for a child process, that it is still alive).
 */
export async function runHostFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const rng = createRng(options.seed);
  const concurrency = options.concurrency ?? 8;
  const waitMs = options.answerWaitMs ?? 300;
  const statuses: Record<string, number> = {};
  let sent = 0;
  let websocketSessions = 0;
  const second = secondClient(options.port, options.token);
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  const worker = async (): Promise<void> => {
    while (sent < options.requests && performance.now() < deadline) {
      sent += 1;
      // Cases are drawn up front from the one seeded sequence, so a seed names the same requests
      // whatever the timing (their interleaving on the wire may still differ).
      let status: string;
      if (rng.chance(0.3)) {
        websocketSessions += 1;
        const upgrade = upgradeRequest(rng, options.port, options.token);
        status = await sendRaw(options.port, upgrade, waitMs, { frames: wsFrames(rng) });
      } else {
        status = await sendRaw(options.port, httpRequest(rng, options.port, options.token), waitMs);
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  const durationMs = performance.now() - started;
  const { latencies, failures } = await second.stop();
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    seed: options.seed,
    requests: sent,
    durationMs: Math.round(durationMs),
    requestsPerSec: round(sent / (durationMs / 1000)),
    statuses,
    websocketSessions,
    secondClient: {
      calls: latencies.length,
      failures,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(latencies.length ? Math.max(...latencies) : Number.NaN),
    },
  };
}

/** After the fuzz: a fresh page load and a fresh contract call must both work. */
export async function hostStillServes(port: number, token: string): Promise<boolean> {
  const page = await fetch(`http://${HOST}:${port}/?token=${encodeURIComponent(token)}`).catch(() => undefined);
  if (page?.status !== 200) return false;
  const client = createWsApi({ url: `ws://${HOST}:${port}/api/ws?token=${encodeURIComponent(token)}`, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
  try {
    const status = await Promise.race([client.api.getJournalStatus(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000))]);
    return status !== undefined;
  } finally {
    client.close();
  }
}
