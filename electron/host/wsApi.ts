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

/**
 * Serves the contract on one WebSocket: calls go through the shared
 * dispatcher (which validates them), events go only to subscribers.
 * A malformed frame gets an error reply when it carries an id, and is
 * otherwise logged and ignored; the connection stays up.
 */
export function serveContractSocket(
  socket: WebSocket,
  dispatch: (name: string, args: unknown) => Promise<IpcEnvelope>,
  events: EventHub<ConsoleContract>,
  log: Log,
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

  send({ t: 'hello', protocol: WIRE_PROTOCOL });

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      log.warn('websocket binary frame refused');
      return;
    }
    const text = data.toString();
    if (text.length > MAX_FRAME_BYTES) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      log.warn('websocket frame is not JSON');
      return;
    }
    const parsed = ClientFrameSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown }).id === 'number' ? (json as { id: number }).id : undefined;
      log.warn('websocket frame refused', { issue: parsed.error.issues[0]?.message });
      if (id !== undefined && Number.isInteger(id) && id >= 0) {
        send({ t: 'res', id, ok: false, err: { code: 'invalid-argument', message: `malformed frame: ${parsed.error.issues[0]?.message ?? 'invalid'}` } });
      }
      return;
    }
    const frame = parsed.data;
    switch (frame.t) {
      case 'call':
        void dispatch(frame.m, frame.a).then((envelope) =>
          send(envelope.ok ? { t: 'res', id: frame.id, ok: true, v: envelope.v } : { t: 'res', id: frame.id, ok: false, err: envelope.err }),
        );
        break;
      case 'sub': {
        if (!EVENT_NAMES.has(frame.e) || subscriptions.has(frame.e)) break;
        const name = frame.e as EventNames<ConsoleContract>;
        subscriptions.set(name, events.subscribe(name, (payload) => send({ t: 'evt', e: name, p: payload })));
        break;
      }
      case 'unsub':
        subscriptions.get(frame.e)?.();
        subscriptions.delete(frame.e);
        break;
    }
  });

  socket.on('close', () => {
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  });
  socket.on('error', (err) => log.warn('websocket error', { error: err.message }));
}
