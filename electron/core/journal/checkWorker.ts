import { parentPort, workerData } from 'node:worker_threads';
import { serveQuickCheck } from './quickCheck';

// The page-check thread (quickCheck.ts quickCheckInThread): `PRAGMA quick_check`
// of the journal file on a read-only connection, beside the writer. Imports
// only what the check needs, so starting it costs little.
const port = parentPort;
if (!port) throw new Error('the page check must run in a worker thread');
const file = (workerData as { quickCheck?: unknown }).quickCheck;
await serveQuickCheck(port, typeof file === 'string' ? file : '');
