import { consoleContract, type ConsoleApi } from '../../shared/contract';
import { buildClient } from '../../shared/contract/client';
import { ServerFrameSchema, WIRE_PROTOCOL, type ClientFrame } from '../../shared/contract/wire';
import { ConsoleError } from '../../shared/errors';
import type { ConnectionState, PlatformLink } from './connection';

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface WsOptions {
  readonly url: string;
  readonly now?: () => number;
  /** Reconnect delays grow from `minDelayMs` to `maxDelayMs` with ±20 % jitter. */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly WebSocketImpl?: typeof WebSocket;
  /** Told of `error` frames: the host refused a frame of ours that had no id to answer on. */
  readonly onServerError?: (err: ConsoleError) => void;
}

/**
 * Host mode: the contract over one WebSocket that reconnects by itself.
 * Calls made while disconnected wait for the connection (the UI shows
 * "connecting"), and fail with `unavailable` if the socket drops mid-call:
 * the caller decides whether to retry, since the call may have run.
 * Subscriptions are renewed on every reconnect.
 */
export function createWsApi(options: WsOptions): { api: ConsoleApi; link: PlatformLink; close(): void } {
  const now = options.now ?? Date.now;
  const Impl = options.WebSocketImpl ?? WebSocket;
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(state: ConnectionState) => void>();
  const queue: ClientFrame[] = [];
  let socket: WebSocket | undefined;
  let ready = false;
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let state: ConnectionState = { status: 'connecting' };

  const setState = (next: ConnectionState): void => {
    if (next.status === state.status && next.status !== 'offline') return;
    if (next.status === 'offline' && state.status === 'offline') return; // keep the first "since"
    state = next;
    for (const l of linkListeners) l(state);
  };

  const send = (frame: ClientFrame): void => {
    if (ready && socket?.readyState === Impl.OPEN) socket.send(JSON.stringify(frame));
    else if (frame.t === 'call') queue.push(frame);
  };

  const connect = (): void => {
    if (closed) return;
    const ws = new Impl(options.url);
    socket = ws;
    ws.onmessage = (msg: MessageEvent) => {
      let frame;
      try {
        frame = ServerFrameSchema.parse(JSON.parse(String(msg.data)));
      } catch {
        return; // a malformed frame from the host is dropped, not fatal
      }
      if (frame.t === 'hello') {
        if (frame.protocol !== WIRE_PROTOCOL) return;
        ready = true;
        attempt = 0;
        for (const name of listeners.keys()) ws.send(JSON.stringify({ t: 'sub', e: name } satisfies ClientFrame));
        for (const queued of queue.splice(0)) ws.send(JSON.stringify(queued));
        setState({ status: 'connected' });
        return;
      }
      if (frame.t === 'evt') {
        for (const l of [...(listeners.get(frame.e) ?? [])]) l(frame.p);
        return;
      }
      if (frame.t === 'error') {
        // No call waits on it (the refused frame had no id): report it, keep the connection.
        options.onServerError?.(ConsoleError.fromData(frame.err));
        return;
      }
      const waiter = pending.get(frame.id);
      if (!waiter) return;
      pending.delete(frame.id);
      if (frame.ok) waiter.resolve(frame.v);
      else waiter.reject(ConsoleError.fromData(frame.err));
    };
    ws.onclose = (ev: CloseEvent) => {
      ready = false;
      const queuedIds = new Set(queue.map((f) => (f.t === 'call' ? f.id : -1)));
      for (const [id, waiter] of pending) {
        if (queuedIds.has(id)) continue; // never sent: it waits for the next connection
        pending.delete(id);
        waiter.reject(new ConsoleError('unavailable', 'connection to the console core was lost during the call'));
      }
      setState({ status: 'offline', since: now(), reason: ev.reason || `closed (${ev.code})` });
      if (closed) return;
      const base = Math.min(maxDelay, minDelay * 2 ** attempt);
      attempt += 1;
      setTimeout(connect, base * (0.8 + Math.random() * 0.4));
    };
    ws.onerror = () => {
      // onclose follows and handles the reconnect
    };
  };
  connect();

  const api = buildClient(consoleContract, {
    call: (name, args) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        send({ t: 'call', id, m: name, a: args });
      }),
    listen: (name, listener) => {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
        send({ t: 'sub', e: name });
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          listeners.delete(name);
          send({ t: 'unsub', e: name });
        }
      };
    },
  });

  const link: PlatformLink = {
    transport: 'websocket',
    current: () => state,
    onChange: (l) => {
      linkListeners.add(l);
      return () => linkListeners.delete(l);
    },
  };
  return {
    api,
    link,
    close: () => {
      closed = true;
      socket?.close();
    },
  };
}
