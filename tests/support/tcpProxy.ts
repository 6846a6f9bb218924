import { createServer, Socket, type Server } from 'node:net';

/**
 * A loopback TCP proxy between a client and a server that tests can break:
 * `blackholeReplies` swallows the server's bytes (acknowledgements are lost
 * while the requests still arrive), `cut` drops every connection.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private swallowReplies = false;
  private refusing = false;
  port = 0;

  constructor(private readonly targetPort: number) {}

  async start(port = 0): Promise<void> {
    this.server = createServer((client) => {
      if (this.refusing) {
        client.destroy();
        return;
      }
      const upstream = new Socket();
      const pair = { client, upstream };
      this.pairs.add(pair);
      upstream.connect(this.targetPort, '127.0.0.1');
      client.on('data', (d) => upstream.write(d));
      upstream.on('data', (d) => {
        if (!this.swallowReplies) client.write(d);
      });
      const close = (): void => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', close);
      upstream.on('close', close);
      client.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  blackholeReplies(on: boolean): void {
    this.swallowReplies = on;
  }

  /** A partition: every connection dropped and new ones refused until heal(). */
  partition(): void {
    this.refusing = true;
    this.cut();
  }

  heal(): void {
    this.refusing = false;
  }

  cut(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
