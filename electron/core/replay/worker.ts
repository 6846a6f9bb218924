import { parentPort, workerData } from 'node:worker_threads';
import { serveWorker } from '../support/workerRpc';
import type { ReplayWorkerApi, ReplayWorkerInit } from './protocol';
import { ReplaySessions } from './sessions';

// Replay runs in its own thread: opening a million-entry journal folds it
// once (seconds), and the console's main thread must stay responsive.

const port = parentPort;
if (!port) throw new Error('replay worker must run in a worker thread');
const { liveFile } = workerData as ReplayWorkerInit;
const sessions = new ReplaySessions(liveFile);

serveWorker(port, {
  open: (source) => sessions.open(source),
  seek: (replayId, t) => sessions.seek(replayId, t),
  entries: (replayId, fromIndex, limit) => sessions.entries(replayId, fromIndex, limit),
  drillRecord: (replayId, startId) => sessions.drillRecord(replayId, startId),
  close: (replayId) => sessions.close(replayId),
} satisfies ReplayWorkerApi);
