import type { WebSocket } from 'ws';
import { eventNamesOf, type ConsoleContract, type EventNames, type Unsubscribe } from '../../shared/contract';
import { ClientFrameSchema, MAX_FRAME_BYTES, WIRE_PROTOCOL, type ServerFrame } from '../../shared/contract/wire';
import type { IpcEnvelope } from '../../shared/contract/wire';
import { consoleContract } from '../../shared/contract';
import type { EventHub } from '../core/support/events';
import type { Log } from '../core/support/log';

/** A client this far behind on events is cut off; it reconnects and reloads its state. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

const EVENT_NAMES = new Set<string>(eventNamesOf(consoleContract));

/** An id worth answering: what a well-behaved client sends (ClientFrameSchema's rule). */
function replyId(json: unknown): number | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const id = (json as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

/**
 * Serves the contract on one WebSocket: calls go through the shared
 * dispatcher (which validates them and checks them against the session of
 * this socket: two browsers never share one), events go only to subscribers.
 * A malformed frame is answered, never fatal: with a failed `res` when it
 * carries a usable id (so the caller's promise settles), else with an
 * `error` frame; the connection stays up either way.
 */
export function serveContractSocket(
  socket: WebSocket,
  dispatch: (name: string, args: unknown, connection: string) => Promise<IpcEnvelope>,
  events: EventHub<ConsoleContract>,
  log: Log,
  session: { readonly id: string; readonly end: () => void } = { id: 'ws', end: () => undefined },
): void {
  const subscriptions = new Map<string, Unsubscribe>();
  const send = (frame: ServerFrame): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      log.warn('websocket client too slow; closing', { buffered: socket.bufferedAmount });
      socket.close(1013, 'too far behind');
      return;
    }
    socket.send(JSON.stringify(frame));
  };
  const refuse = (message: string, id?: number): void => {
    log.warn('websocket frame refused', { reason: message.slice(0, 200), ...(id !== undefined ? { id } : {}) });
    const err = { code: 'invalid-argument', message } as const;
    send(id !== undefined ? { t: 'res', id, ok: false, err } : { t: 'error', err });
  };

  send({ t: 'hello', protocol: WIRE_PROTOCOL });

  const onFrame = (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void => {
    if (isBinary) return refuse('binary frames are not part of the protocol: send JSON text');
    const text = Buffer.isBuffer(data) ? data.toString() : Array.isArray(data) ? Buffer.concat(data).toString() : Buffer.from(data).toString();
    if (text.length > MAX_FRAME_BYTES) return refuse(`frame larger than ${MAX_FRAME_BYTES} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return refuse('malformed frame: not JSON');
    }
    const parsed = ClientFrameSchema.safeParse(json);
    if (!parsed.success) return refuse(`malformed frame: ${parsed.error.issues[0]?.message ?? 'invalid'}`, replyId(json));
    const frame = parsed.data;
    switch (frame.t) {
      case 'call':
        // The dispatcher turns a handler's throw into an error envelope; this
        // catch is for a failure of the dispatcher itself, so the call is still answered.
        dispatch(frame.m, frame.a, session.id)
          .then((envelope) =>
            send(envelope.ok ? { t: 'res', id: frame.id, ok: true, v: envelope.v } : { t: 'res', id: frame.id, ok: false, err: envelope.err }),
          )
          .catch((err: unknown) => {
            log.error('websocket call failed outside its handler', { method: frame.m, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
            send({ t: 'res', id: frame.id, ok: false, err: { code: 'internal', message: 'internal error' } });
          });
        break;
      case 'sub': {
        if (!EVENT_NAMES.has(frame.e)) return refuse(`no event named ${frame.e}`);
        if (subscriptions.has(frame.e)) break;
        const name = frame.e as EventNames<ConsoleContract>;
        subscriptions.set(name, events.subscribe(name, (payload) => send({ t: 'evt', e: name, p: payload })));
        break;
      }
      case 'unsub':
        subscriptions.get(frame.e)?.();
        subscriptions.delete(frame.e);
        break;
    }
  };

  socket.on('message', (data, isBinary) => {
    try {
      onFrame(data, isBinary);
    } catch (err) {
      // A frame must never take the host down; log what it was and carry on.
      log.error('websocket frame handling failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      send({ t: 'error', err: { code: 'internal', message: 'internal error' } });
    }
  });

  socket.on('close', () => {
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
    // Each socket is its own session: whoever signed in on it is signed out when it goes.
    session.end();
  });
  socket.on('error', (err) => log.warn('websocket error', { error: err.message }));
}
