import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConsoleError } from '../../../shared/errors';
import { createWsApi } from '../../../renderer/platform/ws';
import { createCore, type Core } from '../../../electron/core';
import type { AlertIngest } from '../../../electron/core/alerts/alertIngest';
import { startWebhookListener } from '../../../electron/core/alerts/webhookListener';
import { StateService } from '../../../electron/core/state/stateService';
import { createMemoryLog } from '../../../electron/core/support/log';
import { installLastResort } from '../../../electron/core/support/lastResort';
import { startHostServer, type HostServer } from '../../../electron/host/server';
import { bundleEntry } from '../../support/bundle';
import { wsFrame } from '../../support/hostFuzz';
import { sourceWorkers } from '../../support/journal';
import { demoSiteFile, tempDir } from '../../support/paths';
import { wsText } from '../../support/wsText';

// Each case here once ended the host process (issue 13); the host runs in this
// process, so a throw it lets escape fails the run as an unhandled error.
let core: Core;
let server: HostServer;
const token = 'trust-token-0123456789';
const dataDir = tempDir('data');

/** Sends raw bytes and collects the answer until the host closes or `waitMs` passes; `then` writes more once something came back. */
function raw(bytes: string | Buffer, options: { waitMs?: number; then?: Buffer[] } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: server.port });
    let out = Buffer.alloc(0);
    let sentMore = false;
    const done = (): void => {
      socket.destroy();
      resolve(out.toString('latin1'));
    };
    const timer = setTimeout(done, options.waitMs ?? 1000);
    socket.on('data', (d: Buffer) => {
      out = Buffer.concat([out, d]);
      if (options.then && !sentMore && out.includes('\r\n\r\n')) {
        sentMore = true;
        for (const f of options.then) socket.write(f);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
const bodyOf = (answer: string): unknown => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;
const upgrade = (target: string, extra = '', host = `127.0.0.1:${server.port}`): string =>
  `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;
const get = (target: string, extra = '', host = `127.0.0.1:${server.port}`): string => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n${extra}\r\n`;

/** Text frames the host sent back (unmasked, short): enough to read its JSON replies. */
function serverFrames(answer: string): unknown[] {
  const bytes = Buffer.from(answer.slice(answer.indexOf('\r\n\r\n') + 4), 'latin1');
  const out: unknown[] = [];
  let i = 0;
  while (i + 2 <= bytes.length) {
    const opcode = (bytes[i] as number) & 0x0f;
    let len = (bytes[i + 1] as number) & 0x7f;
    let at = i + 2;
    if (len === 126) {
      len = bytes.readUInt16BE(at);
      at += 2;
    } else if (len === 127) break;
    if (at + len > bytes.length) break;
    if (opcode === 1) out.push(JSON.parse(bytes.toString('utf8', at, at + len)));
    i = at + len;
  }
  return out;
}

beforeAll(async () => {
  const rendererDir = tempDir('renderer');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  core = await createCore({ paths: { siteFile: demoSiteFile, dataDir }, rendererDir, workers: sourceWorkers, station: 'desk', shell: 'host', version: 'test', random: Math.random, log: createMemoryLog() });
  server = await startHostServer(core, { port: 0, token });
});

afterAll(async () => {
  await server.close();
  await core.close();
});

describe('host mode refuses hostile input with a typed error and keeps serving', () => {
  it('a malformed cookie on a WebSocket upgrade is no cookie (401), and a good one after it still counts', async () => {
    const cookie = `watchpost_token_${server.port}`;
    const bad = await raw(upgrade('/api/ws', `Cookie: ${cookie}=%E0%A4%A\r\n`));
    expect(statusOf(bad)).toBe(401);
    expect(bodyOf(bad)).toEqual({ error: { code: 'unauthorized', message: expect.any(String) as string } });
    const both = await raw(upgrade('/api/ws', `Cookie: ${cookie}=%E0%A4%A; ${cookie}=${token}\r\n`), { waitMs: 300 });
    expect(statusOf(both)).toBe(101);
    expect(statusOf(await raw(get('/', `Cookie: ${cookie}=%E0%A4%A\r\n`)))).toBe(401);
  });

  it('an absolute-form request target is refused (400), on HTTP and on upgrades', async () => {
    for (const request of [get('http://a:b:c/api/ws'), upgrade('http://a:b:c/api/ws'), get(`http://127.0.0.1:${server.port}/?token=${token}`), get('*')]) {
      const answer = await raw(request);
      expect(statusOf(answer), request).toBe(400);
      expect(bodyOf(answer)).toEqual({ error: { code: 'invalid-argument', message: expect.stringContaining('origin-form') as string } });
    }
    expect(statusOf(await raw(get(`//evil.example/x?token=${token}`)))).toBe(404); // a path looked up here, not another host
    expect(statusOf(await raw(get(`//?token=${token}`)))).toBe(200);
  });

  it('answers only to its loopback names in Host (DNS rebinding), 421 otherwise', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect(statusOf(await raw(get(`/?token=${token}`, '', host))), host).toBe(200);
    }
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1', '']) {
      const answer = await raw(get(`/?token=${token}`, '', host));
      expect(statusOf(answer), host).toBe(421);
      expect(bodyOf(answer)).toMatchObject({ error: { code: 'unauthorized' } });
      expect(statusOf(await raw(upgrade(`/api/ws?token=${token}`, '', host))), host).toBe(421);
    }
    expect(statusOf(await raw(`GET /?token=${token} HTTP/1.0\r\n\r\n`))).toBe(421); // no Host at all
  });

  it('sets the per-port cookie HttpOnly, SameSite=Strict, for the whole path', async () => {
    const answer = await raw(get(`/?token=${token}`));
    expect(answer.toLowerCase()).toContain(`\r\nset-cookie: watchpost_token_${server.port}=${token}; path=/; httponly; samesite=strict\r\n`.toLowerCase());
  });

  it('answers a request Node cannot parse in the same error shape', async () => {
    const answer = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`);
    expect(statusOf(answer)).toBe(431);
    expect(bodyOf(answer)).toMatchObject({ error: { code: 'invalid-argument' } });
    expect(statusOf(await raw('G\u0000T / HTTP/1.1\r\n\r\n'))).toBe(400);
  });

  it('answers null, [], {}, binary and other bad frames with error frames, and the same connection still serves calls', async () => {
    const bad = ['null', '[]', '{}', '5', '"x"', 'not json', '{"t":"call","id":-1,"m":"getJournalStatus","a":[]}', JSON.stringify({ t: 'sub', e: 'noSuchEvent' })];
    const frames = [
      ...bad.map((text) => wsFrame(Buffer.from(text))),
      wsFrame(Buffer.from([1, 2, 3]), { opcode: 2 }),
      wsFrame(Buffer.from(`{"t":"call","id":4,"m":"getJournalStatus","a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)),
      wsFrame(Buffer.from(JSON.stringify({ t: 'call', id: 5, m: 'getJournalStatus', a: [] }))),
    ];
    const replies = serverFrames(await raw(upgrade(`/api/ws?token=${token}`), { then: frames, waitMs: 1500 }));
    expect(replies[0]).toEqual({ t: 'hello', protocol: 'watchpost.v1' });
    const errors = replies.filter((r) => (r as { t: string }).t === 'error');
    expect(errors).toHaveLength(bad.length + 1);
    for (const e of errors) expect(e).toEqual({ t: 'error', err: { code: 'invalid-argument', message: expect.any(String) as string } });
    expect(replies).toContainEqual(expect.objectContaining({ t: 'res', id: 4, ok: false, err: expect.objectContaining({ code: 'invalid-argument' }) }));
    expect(replies).toContainEqual(expect.objectContaining({ t: 'res', id: 5, ok: true }));
  });

  it('serves only regular files in served folders: a symlink anywhere below the root is not found', async () => {
    mkdirSync(join(dataDir, 'reports', 'real'), { recursive: true });
    writeFileSync(join(dataDir, 'reports', 'real', 'ok.html'), '<p>report</p>');
    writeFileSync(join(dataDir, 'private.key'), 'SECRET');
    symlinkSync(join(dataDir, 'private.key'), join(dataDir, 'reports', 'key.html'));
    symlinkSync(join(dataDir, 'reports', 'real'), join(dataDir, 'reports', 'linked'));
    const fetchPath = async (path: string): Promise<string> => raw(get(`${path}?token=${token}`));
    const ok = await fetchPath('/reports/real/ok.html');
    expect(statusOf(ok)).toBe(200);
    expect(ok).toContain('<p>report</p>');
    for (const path of ['/reports/key.html', '/reports/linked/ok.html', '/reports/real']) {
      const answer = await fetchPath(path);
      expect(statusOf(answer), path).toBe(404);
      expect(answer).not.toContain('SECRET');
    }
  });
});

describe('alert webhook listener', () => {
  it('refuses an absolute-form target (400) instead of throwing, and keeps listening', async () => {
    const ingest = { submit: () => Promise.reject(new Error('not called')), quarantine: () => Promise.reject(new Error('not called')) } as unknown as AlertIngest;
    const listener = await startWebhookListener({ ingest, token: 'a'.repeat(32), port: 0, log: createMemoryLog() });
    const port = Number(new URL(listener.url).port);
    const send = (request: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect({ host: '127.0.0.1', port });
        let out = '';
        socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
        socket.on('close', () => resolve(out));
        socket.on('error', () => undefined);
        socket.write(request);
      });
    const bad = await send('POST http://a:b:c/api/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    expect(statusOf(bad)).toBe(400);
    const good = await send('POST /api/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    expect(statusOf(good)).toBe(401);
    await listener.close();
  });
});

describe('last-resort boundary', () => {
  it('logs an uncaught exception or unhandled rejection with its stack and lets the process go on', () => {
    const target = new EventEmitter();
    const log = createMemoryLog();
    const uninstall = installLastResort(log, target);
    target.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    target.emit('unhandledRejection', new Error('later'));
    expect(log.records.map((r) => [r.level, r.message])).toEqual([
      ['error', 'uncaught exception; the console keeps serving'],
      ['error', 'unhandled promise rejection; the console keeps serving'],
    ]);
    expect(String(log.records[0]?.error)).toContain('boom');
    uninstall();
    expect(target.listenerCount('uncaughtException') + target.listenerCount('unhandledRejection')).toBe(0);
  });

  it('a refold of the state that fails is logged and tried again, not an unhandled rejection', async () => {
    const log = createMemoryLog();
    const broken = { read: () => { throw new Error('disk gone'); } };
    const state = new StateService('s', true, { file: broken as never, log });
    // The refold is private: it runs when late entries reach below the in-memory window. Drive it directly.
    const inner = state as unknown as { journal: unknown; refoldFromFiles(): void };
    inner.journal = { consoleId: 'c-x' };
    inner.refoldFromFiles();
    await expect.poll(() => log.records.filter((r) => r.message.startsWith('state refold from the journal failed')).length).toBeGreaterThanOrEqual(1);
    expect(log.records.find((r) => r.message.startsWith('state refold'))).toMatchObject({ level: 'error', retryMs: 1000, error: expect.stringContaining('disk gone') as string });
  });
});

describe('last-resort boundary in a real process', () => {
  it('keeps a process serving after an uncaught throw and an unhandled rejection, each logged', async () => {
    const child = spawn(process.execPath, [await bundleEntry('tests/support/lastResortChild.ts', 'last-resort-child')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      await expect.poll(() => out, { timeout: 10_000 }).toContain('still here');
      const port = Number(/port (\d+)/.exec(out)?.[1]);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
      expect(child.exitCode).toBeNull();
      expect(err).toContain('uncaught exception; the console keeps serving');
      expect(err).toContain('boom from a timer');
      expect(err).toContain('unhandled promise rejection; the console keeps serving');
      expect(err).toContain('rejected with no catch');
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

describe('the renderer WebSocket client and error frames', () => {
  it('reports an error frame to onServerError and keeps its connection and calls going', async () => {
    const { WebSocketServer } = await import('ws');
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    wss.on('connection', (ws) => {
      ws.send(JSON.stringify({ t: 'hello', protocol: 'watchpost.v1' }));
      ws.send(JSON.stringify({ t: 'error', err: { code: 'invalid-argument', message: 'malformed frame: not JSON' } }));
      ws.on('message', (data) => {
        const call = JSON.parse(wsText(data)) as { id: number };
        ws.send(JSON.stringify({ t: 'res', id: call.id, ok: true, v: { ok: 1 } }));
      });
    });
    const seen: ConsoleError[] = [];
    const { port } = wss.address() as { port: number };
    const c = createWsApi({ url: `ws://127.0.0.1:${port}/`, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket, onServerError: (e) => seen.push(e) });
    try {
      expect(await c.api.getJournalStatus()).toEqual({ ok: 1 });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toBeInstanceOf(ConsoleError);
      expect(seen[0]?.code).toBe('invalid-argument');
      expect(c.link.current().status).toBe('connected');
    } finally {
      c.close();
      wss.close();
    }
  });
});
