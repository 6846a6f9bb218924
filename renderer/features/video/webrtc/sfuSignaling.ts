import {
  describeIssue,
  parseServerFrame,
  sfuMethods,
  type SfuError,
  type SfuMethod,
  type SfuNotification,
  type SfuRequest,
  type SfuResponse,
} from '../../../../shared/media/sfuProtocol';

/** The few things the client needs from a WebSocket (adapters below for the DOM and `ws`). */
export interface SignalingSocket {
  send(text: string): void;
  close(): void;
  /** Called once with handlers; the socket calls them until it is closed. */
  listen(handlers: { open(): void; message(text: string): void; close(reason: string): void }): void;
}

export class SfuRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SfuRequestError';
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

interface Pending {
  readonly method: SfuMethod;
  resolve(data: unknown): void;
  reject(err: SfuRequestError): void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * One signaling connection to one SFU: numbered requests, responses matched by
 * id and checked against the method's schema, notifications passed on. Every
 * failure is an SfuRequestError with a code; pending requests fail with
 * `closed` when the socket goes, so nothing waits forever.
 */
export class SfuSignaling {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private state: 'connecting' | 'open' | 'closed' = 'connecting';
  private closeReason = '';
  private readonly opened: Promise<void>;
  private readonly listeners = new Set<(n: SfuNotification) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly socket: SignalingSocket,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
    /** Where protocol problems that fail no request are reported (malformed frames). */
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    this.opened = new Promise<void>((resolve, reject) => {
      socket.listen({
        open: () => {
          this.state = 'open';
          resolve();
        },
        message: (text) => this.onMessage(text),
        close: (reason) => {
          const wasConnecting = this.state === 'connecting';
          this.onClosed(reason);
          if (wasConnecting) reject(new SfuRequestError('closed', reason));
        },
      });
    });
    // A rejected `opened` nobody awaited yet must not surface as unhandled.
    this.opened.catch(() => undefined);
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  onNotification(listener: (n: SfuNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async request<M extends SfuMethod>(method: M, data: SfuRequest<M>): Promise<SfuResponse<M>> {
    if (this.state === 'closed') throw new SfuRequestError('closed', this.closeReason || 'signaling closed');
    await this.opened;
    const id = this.nextId++;
    const raw = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SfuRequestError('timeout', `${method} got no answer in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.socket.send(JSON.stringify({ id, method, data }));
    });
    const parsed = sfuMethods[method].response.safeParse(raw);
    if (!parsed.success) throw new SfuRequestError('bad-response', `${method}: ${describeIssue(parsed.error)}`);
    return parsed.data as SfuResponse<M>;
  }

  close(): void {
    if (this.state === 'closed') return;
    this.socket.close();
    this.onClosed('closed by the console');
  }

  private onMessage(text: string): void {
    const frame = parseServerFrame(text);
    if (frame.kind === 'invalid') {
      // A malformed frame is the server's bug; it must not take the wall down.
      this.warn(`ignored a malformed frame: ${frame.message}`);
      return;
    }
    if (frame.kind === 'notification') {
      for (const l of this.listeners) l(frame.notification);
      return;
    }
    const p = this.pending.get(frame.id);
    if (!p) return;
    this.pending.delete(frame.id);
    clearTimeout(p.timer);
    if (frame.ok) p.resolve(frame.data);
    else p.reject(toError(p.method, frame.error));
  }

  private onClosed(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeReason = reason;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new SfuRequestError('closed', `${p.method}: ${reason}`));
      this.pending.delete(id);
    }
    for (const l of this.closeListeners) l(reason);
  }
}

function toError(method: SfuMethod, error: SfuError): SfuRequestError {
  return new SfuRequestError(error.code, `${method}: ${error.message}`);
}

/** Adapts a browser WebSocket. */
export function browserSocket(url: string): SignalingSocket {
  const ws = new WebSocket(url);
  return {
    send: (text) => ws.send(text),
    close: () => ws.close(),
    listen: (h) => {
      ws.onopen = () => h.open();
      ws.onmessage = (ev: MessageEvent) => {
        if (typeof ev.data === 'string') h.message(ev.data);
      };
      // Browsers give no detail for a failed WebSocket; the close event carries the code.
      ws.onclose = (ev: CloseEvent) => h.close(`signaling closed (code ${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`);
    },
  };
}
