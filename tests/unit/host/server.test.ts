import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConsoleApi } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import type { SourceStatus } from '../../../shared/media/sources';
import type { Core } from '../../../electron/core';
import { startHostServer, type HostServer } from '../../../electron/host/server';
import { startTestHost } from '../../support/hostRig';
import { TEST_PASSWORD } from '../../support/operators';
import { tempDir } from '../../support/paths';
import { createWsApi } from '../../../renderer/platform/ws';
import { wsText } from '../../support/wsText';

let core: Core;
let server: HostServer;
const token = 'test-token-0123456789';
const clients: { close(): void }[] = [];

function client(query = `?token=${token}`): ConsoleApi {
  const c = createWsApi({ url: `ws://127.0.0.1:${server.port}/api/ws${query}`, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
  clients.push(c);
  return c.api;
}

function rawSocket(
  headers: Record<string, string> = {},
  path = `/api/ws?token=${token}`,
): Promise<{ status: number; ws?: WebSocket; replies: unknown[] }> {
  return new Promise((resolve) => {
    const replies: unknown[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.on('message', (d) => replies.push(JSON.parse(wsText(d))));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, replies }));
    ws.on('open', () => resolve({ status: 101, ws, replies }));
  });
}

let host: Awaited<ReturnType<typeof startTestHost>>;

beforeAll(async () => {
  host = await startTestHost(token);
  ({ core, server } = host);
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await host.close();
});

describe('host mode server', () => {
  it('listens on 127.0.0.1 only and prints URLs carrying the token', () => {
    expect(server.urlFor('wall')).toBe(`http://127.0.0.1:${server.port}/?token=${token}#/wall`);
  });

  it('refuses HTTP requests without the token and sets a per-port cookie with it', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/site-assets/floors/f1.svg`)).status).toBe(401);
    const page = await fetch(`${base}/?token=${token}`);
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`watchpost_token_${server.port}=`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const withCookie = await fetch(`${base}/site-assets/floors/f1.svg`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(withCookie.status).toBe(200);
    expect((await fetch(`${base}/`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
  });

  it('refuses WebSockets without the token, with a wrong token, from a foreign origin, or on another path', async () => {
    expect((await rawSocket({}, '/api/ws')).status).toBe(401);
    expect((await rawSocket({}, '/api/ws?token=nope')).status).toBe(401);
    expect((await rawSocket({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await rawSocket({}, `/other?token=${token}`)).status).toBe(404);
    const ok = await rawSocket({ origin: `http://127.0.0.1:${server.port}` });
    expect(ok.status).toBe(101);
    ok.ws?.close();
  });

  it('serves the contract: calls, typed errors, and events to subscribers', async () => {
    const api = client();
    const boot = await api.getBootstrap();
    expect(boot.site.id).toBe('demo-harbour-hotel');
    expect(boot.console.shell).toBe('host');
    expect(boot.sources.length).toBe(32);

    const err = await api.setLocale('xx' as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleError);
    expect((err as ConsoleError).code).toBe('invalid-argument');

    // Each socket is a session of its own: nobody is signed in on this one yet, and signing in on another does not help.
    await expect(api.simulateSourceFault({ cameraId: 'lobby', stream: 'sub', state: 'stalled' })).rejects.toMatchObject({ code: 'forbidden' });
    await client().signIn({ accountId: 'op-he', password: TEST_PASSWORD, reason: 'test' });
    await expect(api.simulateSourceFault({ cameraId: 'lobby', stream: 'sub', state: 'stalled' })).rejects.toMatchObject({ code: 'forbidden' });
    await api.signIn({ accountId: 'op-he', password: TEST_PASSWORD, reason: 'test' });

    const received: SourceStatus[] = [];
    const off = api.onSourceStatus((s) => received.push(s));
    await new Promise((r) => setTimeout(r, 50)); // let the subscription reach the server
    await api.simulateSourceFault({ cameraId: 'lobby', stream: 'sub', state: 'stalled' });
    await expect.poll(() => received.length).toBeGreaterThan(0);
    expect(received[0]).toMatchObject({ cameraId: 'lobby', stream: 'sub', state: 'stalled' });
    off();
    await api.simulateSourceFault({ cameraId: 'lobby', stream: 'sub', state: 'live' });
  });

  it('answers malformed frames with an error and keeps the connection open', async () => {
    const { ws, replies } = await rawSocket();
    if (!ws) throw new Error('no socket');
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'call', id: 7, m: 'getBootstrap', a: 'not-an-array' }));
    ws.send(JSON.stringify({ t: 'call', id: 8, m: 'noSuchMethod', a: [] }));
    ws.send(JSON.stringify({ t: 'call', id: 9, m: 'setLocale', a: ['en', 'extra'] }));
    await expect.poll(() => replies.length).toBeGreaterThanOrEqual(4);
    expect(replies[0]).toEqual({ t: 'hello', protocol: 'watchpost.v1' });
    expect(replies).toContainEqual(expect.objectContaining({ id: 7, ok: false, err: expect.objectContaining({ code: 'invalid-argument' }) }));
    expect(replies).toContainEqual(expect.objectContaining({ id: 8, ok: false, err: expect.objectContaining({ code: 'unknown-method' }) }));
    expect(replies).toContainEqual(expect.objectContaining({ id: 9, ok: false, err: expect.objectContaining({ code: 'invalid-argument' }) }));
    ws.close();
  });
});

describe('WebSocket client', () => {
  it('reports offline when the host goes away and reconnects by itself', async () => {
    const rendererDir = tempDir('renderer');
    writeFileSync(join(rendererDir, 'index.html'), 'x');
    const own = await startHostServer(core, { port: 0, token });
    const port = own.port;
    const c = createWsApi({ url: `ws://127.0.0.1:${port}/api/ws?token=${token}`, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket, minDelayMs: 50, maxDelayMs: 200 });
    const states: string[] = [];
    c.link.onChange((s) => states.push(s.status));
    await c.api.getBootstrap();
    await own.close();
    await expect.poll(() => states.includes('offline')).toBe(true);
    const again = await startHostServer(core, { port, token });
    await expect.poll(() => c.link.current().status, { timeout: 5000 }).toBe('connected');
    expect((await c.api.getBootstrap()).site.id).toBe('demo-harbour-hotel');
    c.close();
    await again.close();
  });
});
