import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { NatsLink } from '../../../electron/core/bus/natsLink';
import { SealPublisher } from '../../../electron/core/sync/seals';
import { createMemoryLog } from '../../../electron/core/support/log';

// Seals after appends: one per turn of the event loop where the site enrols its consoles (they wait
// for them), at most one per `minIntervalMs` in the open mode, and always the newest head.
function rig(minIntervalMs: number) {
  const published: { seq: number }[] = [];
  const nc = { publish: (_subject: string, data: string) => published.push(JSON.parse(data) as { seq: number }), subscribe: () => ({ unsubscribe: () => undefined }) };
  const link = { connection: () => nc, onChange: () => () => undefined } as unknown as NatsLink;
  let appended: (entries: readonly JournalEntry[]) => void = () => undefined;
  let now = 0;
  const publisher = new SealPublisher({
    link,
    site: 's',
    consoleId: 'c',
    signer: { publicKey: 'k', sign: (statement) => `sig(${statement})` },
    head: { seq: 1, hash: 'h1' },
    onAppended: (l) => (appended = l),
    log: createMemoryLog(),
    minIntervalMs,
    now: () => now,
  });
  publisher.start();
  const append = (seq: number): void => appended([{ seq, hash: `h${seq}` } as JournalEntry]);
  return { published, append, advance: (ms: number) => (now += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('seal publishing pace', () => {
  it('with the site enrolling its consoles: one seal per turn of the event loop, however many appends', async () => {
    vi.useFakeTimers();
    const r = rig(0);
    await vi.runOnlyPendingTimersAsync(); // the seal on connect
    r.append(2);
    r.append(3);
    await vi.runOnlyPendingTimersAsync();
    r.append(4);
    await vi.runOnlyPendingTimersAsync();
    expect(r.published.map((s) => s.seq)).toEqual([1, 3, 4]);
  });

  it('in the open mode: at most one seal a second, carrying the newest head', async () => {
    vi.useFakeTimers();
    const r = rig(1000);
    await vi.runOnlyPendingTimersAsync();
    expect(r.published.map((s) => s.seq)).toEqual([1]);
    for (let seq = 2; seq <= 50; seq++) {
      r.append(seq);
      r.advance(10);
      await vi.advanceTimersByTimeAsync(10);
    }
    // 490 ms after the first seal: nothing yet; the next one waits for the second to pass.
    expect(r.published.map((s) => s.seq)).toEqual([1]);
    r.advance(600);
    await vi.advanceTimersByTimeAsync(600);
    expect(r.published.map((s) => s.seq)).toEqual([1, 50]);
  });
});
