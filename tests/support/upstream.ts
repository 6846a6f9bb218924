import { connect } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { JOURNAL_HEADERS, journalStreamName } from '../../electron/core/sync/subjects';

export interface UpstreamEntry {
  readonly seq: number;
  readonly hash: string;
  readonly mode: string;
  readonly kind: string;
}

/** How long a read waits out a cluster that is still electing a leader. */
const PATIENCE_MS = 45_000;

/**
 * A request that found no leader to answer it (a node was just killed and the
 * cluster is electing), as against an answer that says no. Only these are
 * asked again: a wrong answer must fail the test, not be waited out.
 */
function isLeaderless(err: unknown): boolean {
  const e = err as { name?: string; cause?: { name?: string }; message?: string };
  return e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError' || e.cause?.name === 'NoResponders' || /no responders|timeout|leader/i.test(e.message ?? '');
}

async function patiently<T>(what: string, deadline: number, f: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await f();
    } catch (err) {
      if (!isLeaderless(err) || Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** A message the stream no longer holds (purged or deleted) is absent; anything else is an error. */
function isNoMessage(err: unknown): boolean {
  return /no message found/i.test((err as Error).message ?? '');
}

/**
 * Reads every message of a subject back from the stream, in stream order,
 * and unpacks the journal entries each carries: what upstream really holds.
 * A cluster that has just lost a node may take a few seconds to answer its
 * API again; the read waits for it rather than counting unanswered messages as
 * missing.
 */
export async function readUpstream(url: string, site: string, subject: string): Promise<{ entries: UpstreamEntry[]; messages: number }> {
  const nc = await connect({ servers: url });
  const deadline = Date.now() + PATIENCE_MS;
  try {
    const jsm: JetStreamManager = await patiently('JetStream manager', deadline, () => jetstreamManager(nc, { timeout: 10_000 }));
    const stream = journalStreamName(site);
    const info = await patiently('stream info', deadline, () => jsm.streams.info(stream));
    const entries: UpstreamEntry[] = [];
    let messages = 0;
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const msg = await patiently(`message ${seq}`, deadline, () =>
        jsm.streams.getMessage(stream, { seq }).catch((err: unknown) => {
          if (isNoMessage(err)) return null;
          throw err;
        }),
      );
      if (!msg || msg.subject !== subject) continue;
      messages += 1;
      const lines = msg.string().split('\n').filter((l) => l !== '');
      const parsed = lines.map((l) => JSON.parse(l) as UpstreamEntry);
      const first = Number(msg.header?.get(JOURNAL_HEADERS.firstSeq));
      const last = Number(msg.header?.get(JOURNAL_HEADERS.lastSeq));
      if (parsed[0]?.seq !== first || parsed[parsed.length - 1]?.seq !== last) throw new Error(`message ${seq}: headers do not match its body`);
      entries.push(...parsed.map((e) => ({ seq: e.seq, hash: e.hash, mode: e.mode, kind: e.kind })));
    }
    return { entries, messages };
  } finally {
    await nc.close();
  }
}
