import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ConsoleApi } from '../../shared/contract';
import { createWsApi } from '../../renderer/platform/ws';
import { seedAccounts, TEST_PASSWORD } from './operators';
import { demoSiteFile, repoRoot, tempDir } from './paths';

export interface HostProcess {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** stdout+stderr so far, for failure messages. */
  output(): string;
  urlFor(route: string): string;
  /** A contract client over the host's WebSocket, as the renderer uses: a session of its own, nobody signed in. */
  api(): ConsoleApi;
  /**
   * A client signed in on its own connection as a test account (an operator
   * by default; the reason covers signing in outside one's shift).
   */
  signedIn(accountId?: string): Promise<ConsoleApi>;
  stop(): Promise<void>;
}

/**
 * Starts host mode as a user would (`node out/main/host.js`), on a free port
 * with a temporary data folder, and waits for the URL it prints. The data
 * folder holds the test accounts (tests/support/operators.ts) unless
 * `accounts: false` (a first start, which asks for the first administrator).
 * Needs a build (`npm run build`) first.
 */
export async function startHost(
  options: { site?: string; dataDir?: string; station?: string; extraArgs?: string[]; startTimeoutMs?: number; accounts?: boolean } = {},
): Promise<HostProcess> {
  const entry = join(repoRoot, 'out', 'main', 'host.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` before the end-to-end tests`);
  const dataDir = options.dataDir ?? tempDir('data');
  if (options.accounts !== false) await seedAccounts(dataDir);
  const args = [entry, '--port', '0', '--data-dir', dataDir, '--site', options.site ?? demoSiteFile, '--station', options.station ?? 'desk', ...(options.extraArgs ?? [])];
  // HOST_PROF_DIR (benchmarks): the host writes a CPU profile there when it exits.
  const prof = process.env.HOST_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HOST_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...prof, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const limit = options.startTimeoutMs ?? 15_000;
    const timer = setTimeout(() => reject(new Error(`host did not print its URL within ${limit / 1000} s:\n${out}`)), limit);
    const onData = (): void => {
      const match = /Watchpost console: (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before printing its URL:\n${out}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const clients: { close(): void }[] = [];
  const api = (): ConsoleApi => {
    const client = createWsApi({
      url: `ws://${parsed.host}/api/ws?token=${encodeURIComponent(token)}`,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    clients.push(client);
    return client.api;
  };
  return {
    url,
    origin: parsed.origin,
    token,
    dataDir,
    child,
    output: () => out,
    urlFor: (route) => `${parsed.origin}/?token=${encodeURIComponent(token)}#/${route}`,
    api,
    signedIn: async (accountId = 'op-he') => {
      const client = api();
      await client.signIn({ accountId, password: TEST_PASSWORD, reason: 'test' });
      return client;
    },
    stop: async () => {
      clients.forEach((c) => c.close());
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    },
  };
}

