import { parentPort } from 'node:worker_threads';
import { ConsoleError } from '../../../shared/errors';
import type { ReplaySource } from '../../../shared/replay/types';
import { ReplaySession } from './session';

// Replay runs in its own thread: opening a million-entry journal folds it
// once (seconds), and the console's main thread must stay responsive.

export type ReplayRequest =
  | { readonly id: number; readonly op: 'open'; readonly source: ReplaySource; readonly liveFile: string }
  | { readonly id: number; readonly op: 'seek'; readonly replayId: string; readonly t: number }
  | { readonly id: number; readonly op: 'entries'; readonly replayId: string; readonly fromIndex: number; readonly limit: number }
  | { readonly id: number; readonly op: 'drillRecord'; readonly replayId: string; readonly startId: string }
  | { readonly id: number; readonly op: 'close'; readonly replayId: string };

const port = parentPort;
if (!port) throw new Error('replay worker must run in a worker thread');

const sessions = new Map<string, ReplaySession>();
let next = 1;

function session(replayId: string): ReplaySession {
  const s = sessions.get(replayId);
  if (!s) throw new ConsoleError('not-found', `no open replay "${replayId}" (it may have been closed)`);
  return s;
}

port.on('message', (request: ReplayRequest) => {
  try {
    let value: unknown;
    switch (request.op) {
      case 'open': {
        const s = ReplaySession.open(request.source, request.liveFile);
        const replayId = `r${next++}`;
        sessions.set(replayId, s);
        value = { replayId, ...s.info };
        break;
      }
      case 'seek':
        value = session(request.replayId).seek(request.t);
        break;
      case 'entries':
        value = session(request.replayId).entries(request.fromIndex, request.limit);
        break;
      case 'drillRecord':
        value = session(request.replayId).drillRecord(request.startId);
        break;
      case 'close':
        sessions.get(request.replayId)?.close();
        sessions.delete(request.replayId);
        value = null;
        break;
    }
    port.postMessage({ id: request.id, ok: true, value });
  } catch (err) {
    port.postMessage({ id: request.id, ok: false, error: ConsoleError.toData(err) });
  }
});
