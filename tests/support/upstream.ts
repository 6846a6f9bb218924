import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { JOURNAL_HEADERS, journalStreamName } from '../../electron/core/sync/subjects';

export interface UpstreamEntry {
  readonly seq: number;
  readonly hash: string;
  readonly mode: string;
  readonly kind: string;
}

/**
 * Reads every message of a subject back from the stream, in stream order,
 * and unpacks the journal entries each carries: what upstream really holds.
 */
export async function readUpstream(url: string, site: string, subject: string): Promise<{ entries: UpstreamEntry[]; messages: number }> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    const stream = journalStreamName(site);
    const info = await jsm.streams.info(stream);
    const entries: UpstreamEntry[] = [];
    let messages = 0;
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
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
