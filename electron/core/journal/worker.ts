import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ConsoleError } from '../../../shared/errors';
import { serveWorker } from '../support/workerRpc';
import { exportRange } from './exportRange';
import type { FullWalk, JournalWorkerApi, VerificationProgress, WorkerEvent, WorkerInit, WorkerStatus } from './protocol';
import { keyFingerprint, loadOrCreateSigner, signerFromPem, type Signer } from './signer';
import { fromColumns, outcomesToColumns, type OutcomeColumns } from './batch';
import { JournalStore, type PreparedDraft } from './store';

// The journal's one writer, in a worker thread so the UI thread never waits
// on the disk. Appends that arrive together are committed together (group
// commit): messages queue while a transaction runs and the next flush takes
// them all. Between flushes it verifies the chain in small steps: new entries
// as they come, and the whole chain again from #1 every few minutes (a file
// rewritten under a running console is caught by the next walk).

const port = parentPort;
if (!port) throw new Error('journal worker must run in a worker thread');
const init = (workerData as { init: WorkerInit }).init;

const MAX_BATCH = 2000;
const FULL_VERIFY_EVERY_MS = init.fullVerifyEveryMs ?? 4 * 60_000;
// The worker never reads the wall clock: times it reports are the caller's `now` at start plus the time since.
const startedAt = performance.now();
const nowish = (): number => init.now + Math.round(performance.now() - startedAt);

let store: JournalStore;
let signer: Signer;
try {
  signer = init.privateKeyPem !== undefined ? signerFromPem(init.privateKeyPem, init.keyWhere ?? init.keyFile) : loadOrCreateSigner(init.keyFile);
  const untrusted =
    init.pinnedKey !== undefined && signer.publicKey !== init.pinnedKey
      ? `journal signing key ${init.keyWhere ?? init.keyFile} is not this console's key: expected ${keyFingerprint(init.pinnedKey)} (pinned in the identity file), found ${keyFingerprint(signer.publicKey)}. Restore the original key file, or start a new journal segment with a supervisor`
      : undefined;
  const fileWasMissing = !existsSync(init.file);
  store = JournalStore.open(
    {
      file: init.file,
      site: init.site,
      consoleId: init.consoleId,
      signer,
      fileWasMissing,
      ...(untrusted !== undefined ? { untrusted } : {}),
      ...(init.pinnedKey !== undefined ? { pinnedKey: init.pinnedKey } : {}),
      ...(init.expectedHead !== undefined ? { expectedHead: init.expectedHead } : {}),
      ...(init.checkpointEvery !== undefined ? { checkpointEvery: init.checkpointEvery } : {}),
      ...(init.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: init.checkpointIntervalMs } : {}),
      ...(init.maxPageCount !== undefined ? { maxPageCount: init.maxPageCount } : {}),
      ...(init.segment ? { segment: init.segment } : {}),
    },
    init.now,
  );
} catch (err) {
  post({ event: 'init-failed', error: ConsoleError.toData(err) });
  process.exit(1);
}

interface QueuedAppend {
  readonly drafts: readonly PreparedDraft[];
  readonly done: (outcomes: OutcomeColumns) => void;
}

let verifier = store.createVerifier();
/** The walk from #1 under way (it replaces `verifier` once it reaches the head unbroken). */
let fullWalk: { verifier: ReturnType<JournalStore['createVerifier']>; startedAt: number; waiting: (() => void)[] } | undefined;
/** The first walk after start-up is a full one: `verifier` started at #1. */
let initialWalk = true;
let lastFullWalk: FullWalk | undefined;
let fullWalkTimer: ReturnType<typeof setTimeout> | undefined;
let verifyScheduled = false;
const pendingAppends: QueuedAppend[] = [];
let flushScheduled = false;

function post(message: WorkerEvent): void {
  port?.postMessage(message);
}

function verification(): VerificationProgress {
  const problem = verifier.problem ?? fullWalk?.verifier.problem;
  return { verifiedTo: verifier.verifiedTo, lastGoodHash: verifier.lastGoodHash, done: verifier.done && !fullWalk, problem, lastFullWalk };
}

function status(): WorkerStatus {
  return { ...store.status(), publicKey: signer.publicKey, verification: verification() };
}

/**
 * Verification yields to appends and reads: it steps when the thread has had
 * no request for a moment, so a burst is committed and a page of the journal
 * read at full speed, and the chain is checked right after ("verified to #N"
 * catches up). Under traffic that never pauses it still takes one short step
 * every VERIFY_STARVE_MS, so "verified to" keeps up with a steady site.
 */
let lastRequestAt = 0;
let lastStepAt = 0;
let lastReportAt = 0;
const VERIFY_IDLE_MS = 50;
const VERIFY_STARVE_MS = 100;
/** How often a walk in progress tells the core how far it got (the desk's "verified to #N"). */
const VERIFY_REPORT_MS = 1_000;
/**
 * Steps run between the thread's messages, so each is sized to take about
 * VERIFY_STEP_MS: a read or an append that arrives meanwhile waits that long
 * at most (a fixed 5,000-row step held a "latest 100" read for 30 ms on a
 * two-core machine).
 */
const VERIFY_STEP_MS = 1;
let verifyStep = 1000;

/** The next step's rows, from how long this one took. */
function resizeStep(tookMs: number): void {
  verifyStep = Math.round(Math.min(20_000, Math.max(50, (verifyStep * VERIFY_STEP_MS) / Math.max(tookMs, 0.1))));
}

function scheduleVerify(soon = false): void {
  if (verifyScheduled) return;
  verifyScheduled = true;
  const run = (): void => {
    verifyScheduled = false;
    const now = performance.now();
    if ((pendingAppends.length > 0 || now - lastRequestAt < VERIFY_IDLE_MS) && now - lastStepAt < VERIFY_STARVE_MS) {
      scheduleVerify();
      return;
    }
    // New entries first (the badge's "verified to"), then the walk from #1.
    const walking = verifier.done && fullWalk !== undefined;
    const current = walking && fullWalk ? fullWalk.verifier : verifier;
    const more = current.step(verifyStep);
    lastStepAt = performance.now();
    if (more) resizeStep(lastStepAt - now);
    const problem = current.problem;
    if (problem) {
      if (walking) finishFullWalk(false);
      else if (initialWalk) finishInitialWalk(false);
      store.markBroken(`${walking ? 'full re-verification: ' : ''}entry #${problem.seq}: ${problem.problem}`);
      post({ event: 'status', status: status() });
      return;
    }
    if (more && lastStepAt - lastReportAt >= VERIFY_REPORT_MS) {
      lastReportAt = lastStepAt;
      post({ event: 'status', status: status() });
    }
    if (more) {
      // While the writer is idle the next step follows at once; an append in between waits for one step at most.
      scheduleVerify(true);
      return;
    }
    if (walking) finishFullWalk(true);
    else if (initialWalk) finishInitialWalk(true);
    else if (fullWalk) {
      scheduleVerify(true);
      return;
    }
    post({ event: 'status', status: status() });
  };
  if (soon) setImmediate(run);
  else setTimeout(run, VERIFY_IDLE_MS);
}

function finishInitialWalk(ok: boolean): void {
  initialWalk = false;
  lastFullWalk = { at: nowish(), ok, entries: verifier.counts.entries, ms: Math.round(performance.now() - startedAt) };
  if (ok) scheduleFullWalk(FULL_VERIFY_EVERY_MS);
}

function finishFullWalk(ok: boolean): void {
  const walk = fullWalk;
  if (!walk) return;
  fullWalk = undefined;
  lastFullWalk = { at: nowish(), ok, entries: walk.verifier.counts.entries, ms: Math.round(performance.now() - walk.startedAt) };
  if (ok) {
    // It reached the head unbroken: it carries on as the verifier of new entries.
    verifier = walk.verifier;
    scheduleFullWalk(FULL_VERIFY_EVERY_MS);
  } else {
    verifier = walk.verifier;
  }
  for (const done of walk.waiting) done();
}

function scheduleFullWalk(delayMs: number): void {
  if (fullWalkTimer) clearTimeout(fullWalkTimer);
  fullWalkTimer = setTimeout(() => {
    fullWalkTimer = undefined;
    void startFullWalk(); // nobody waits on a scheduled walk: its result is in the status
  }, delayMs);
  fullWalkTimer.unref();
}

/** Starts a walk from #1 unless one is under way; resolves when it has finished. */
function startFullWalk(): Promise<void> {
  if (store.status().state === 'broken' && verification().problem) return Promise.resolve();
  if (!fullWalk) {
    if (fullWalkTimer) clearTimeout(fullWalkTimer);
    fullWalkTimer = undefined;
    fullWalk = { verifier: store.createVerifier(), startedAt: performance.now(), waiting: [] };
  }
  const walk = fullWalk;
  scheduleVerify(true);
  return new Promise((done) => walk.waiting.push(done));
}

function flush(): void {
  flushScheduled = false;
  lastRequestAt = performance.now();
  while (pendingAppends.length > 0) {
    const batch: QueuedAppend[] = [];
    let size = 0;
    while (pendingAppends.length > 0 && size < MAX_BATCH) {
      const next = pendingAppends.shift();
      if (!next) break;
      batch.push(next);
      size += next.drafts.length;
    }
    const before = store.currentState;
    const outcomes = store.append(batch.flatMap((b) => b.drafts));
    // A state change (full, or recovered) is announced before the replies, so a caller who
    // sees its error also sees the journal's new state (replies go out once their promises settle, after this).
    if (store.currentState !== before) post({ event: 'status', status: status() });
    const system = store.takeSystemEntries();
    let offset = 0;
    batch.forEach((request, i) => {
      const value = outcomesToColumns(outcomes.slice(offset, offset + request.drafts.length));
      // Replies go out in the order they are settled here, so the last one carries what the writer added after every draft of the batch.
      if (i === batch.length - 1 && system.length > 0) value.system = system;
      request.done(value);
      offset += request.drafts.length;
    });
  }
  verifier.resume();
  scheduleVerify();
}

const handlers = {
  getById: (id) => store.getById(id),
  getByAppendKey: (key) => store.getByAppendKey(key),
  entriesAfter: (afterSeq, limit) => store.entriesAfter(afterSeq, limit),
  pageAfter: (afterSeq, mode, limit) => store.pageAfter(afterSeq, mode, limit),
  countAfter: (afterSeq, mode) => store.countAfter(afterSeq, mode),
  getSync: (subject) => store.getSync(subject),
  setSync: (subject, ackedSeq, ackedAt) => store.setSync(subject, ackedSeq, ackedAt),
  peerPage: (site, afterHlc, afterConsole, limit) => store.peerPage(site, afterHlc, afterConsole, limit),
  peerHeads: (site) => store.peerHeads(site),
  checkFoldPoint: (point) => store.checkFoldPoint(point),
  getMeta: (key) => store.getMeta(key),
  quickCheck: () => store.quickCheck(),

  append: (drafts) =>
    new Promise<OutcomeColumns>((done) => {
      pendingAppends.push({ drafts: fromColumns(drafts), done });
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    }),
  query: (query) => store.query(query),
  storePeers: (entries, receivedAt, meta) => store.storePeerEntries(entries, receivedAt, meta),
  observe: (hlc, now) => store.observe(hlc, now),
  status,
  verify: async () => {
    // The start-up walk is a walk from #1 too: wait for it rather than start another.
    if (initialWalk && !verifier.problem) {
      await new Promise<void>((done) => {
        const check = (): void => {
          if (!initialWalk || verifier.problem) done();
          else setTimeout(check, 20);
        };
        check();
      });
    } else await startFullWalk();
    return verification();
  },
  acknowledgeNotice: (now) => {
    store.acknowledgeNotice(now);
    post({ event: 'status', status: status() });
  },
  exportRange: (from, to, dir, now) =>
    exportRange((after, limit) => store.rawPage(after, limit), { from, to, dir, site: init.site, console: init.consoleId, now }),
  // Async so that its reply goes out after those of the appends this flush settles (promise
  // reactions run in the order they were queued); the port closes once the reply is sent.
  close: async () => {
    if (fullWalkTimer) clearTimeout(fullWalkTimer);
    flush();
    store.close();
    setImmediate(() => port.close());
  },
} satisfies JournalWorkerApi;

serveWorker(port, handlers);
// Every request counts as traffic verification yields to (appends also count when they are flushed).
port.on('message', () => {
  lastRequestAt = performance.now();
});
post({ event: 'ready', status: status() });
scheduleVerify();
