import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './paths';

/** nats-server from Debian (apt-get install nats-server); tests fail, not skip, without it. */
export function natsServerBinary(): string {
  for (const path of [process.env.NATS_SERVER_PATH, '/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) {
    if (path && existsSync(path)) return path;
  }
  throw new Error('nats-server not found: `apt-get install nats-server` (Debian) or set NATS_SERVER_PATH');
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}

/**
 * Several distinct free ports. All are held open until every one is known:
 * taken one at a time, a port closed a moment ago can be handed out again,
 * and a cluster whose client and route ports collide fails to start.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    return await Promise.all(
      servers.map(
        (server) =>
          new Promise<number>((resolve, reject) => {
            server.unref();
            server.on('error', reject);
            server.listen(0, '127.0.0.1', () => {
              const address = server.address();
              resolve(typeof address === 'object' && address ? address.port : 0);
            });
          }),
      ),
    );
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))));
  }
}

/**
 * A real nats-server with JetStream on 127.0.0.1, its store in a temp folder
 * that survives stop/start (so restarts keep the streams, as on a site).
 */
export class NatsServer {
  private child: ChildProcess | undefined;
  private output = '';
  readonly storeDir: string;

  private constructor(readonly port: number, private readonly extraArgs: readonly string[]) {
    this.storeDir = join(tempDir('nats'), 'js');
  }

  /**
   * `config`: the text of a nats-server configuration file (authorization, tls blocks), written beside
   * the store and passed with -c; the command-line port, address and JetStream flags still apply.
   */
  static async start(options: { port?: number; args?: readonly string[]; config?: string } = {}): Promise<NatsServer> {
    const args = [...(options.args ?? [])];
    if (options.config !== undefined) {
      const file = join(tempDir('nats-conf'), 'server.conf');
      writeFileSync(file, options.config);
      args.push('-c', file);
    }
    const server = new NatsServer(options.port ?? (await freePort()), args);
    await server.start();
    return server;
  }

  /**
   * A JetStream cluster of `size` servers on loopback, routed to each other.
   * Resolves once every server says it is ready (JetStream meta-leader elected).
   */
  static async cluster(size = 3): Promise<NatsServer[]> {
    const ports = await freePorts(2 * size);
    const clientPorts = ports.slice(0, size);
    const routePorts = ports.slice(size);
    const routes = routePorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
    const servers = clientPorts.map(
      (port, i) =>
        new NatsServer(port, ['--name', `wp-n${i + 1}`, '--cluster_name', 'wp-test', '--cluster', `nats://127.0.0.1:${routePorts[i]}`, '--routes', routes]),
    );
    await Promise.all(servers.map((s) => s.start()));
    return servers;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    this.output = '';
    const child = spawn(natsServerBinary(), ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...this.extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (d: Buffer): void => {
      this.output += d.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (this.output.includes('Server is ready')) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
      child.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`nats-server exited (${code}):\n${this.output}`));
      });
    });
  }

  /** Stops the server (SIGKILL simulates a crash or power loss; SIGTERM a clean stop). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  log(): string {
    return this.output;
  }
}
