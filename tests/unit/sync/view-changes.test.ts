import { describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { JournalEntry } from '../../../shared/journal/entry';
import { foldEntries, initialSiteState, type SiteState } from '../../../shared/state';
import { StateService, type StateChange } from '../../../electron/core/state/stateService';
import { RESET_EVERY_MS, viewChanges } from '../../../electron/core/state/viewChanges';
import { makeEntry } from '../../support/entries';

const note = (consoleId: string, seq: number, wall: number): JournalEntry =>
  makeEntry({ seq, site: 's', console: consoleId, occurredAt: wall, actor: consoleId, payload: { text: `${consoleId} ${seq}` } });

describe('site-state changes sent to the views', () => {
  it('paces whole-state resets during a stream of late peer entries, and the view ends on the same state', async () => {
    const service = new StateService('s');
    const sent: StateChange[] = [];
    let view: SiteState = initialSiteState();
    viewChanges(service, (c) => {
      sent.push(c);
      view = c.kind === 'append' ? foldEntries(view, c.entries) : c.state;
    });
    // Five hundred rounds: this console writes, then a peer's entry from a moment earlier arrives (late: a reset each).
    const t0 = 1_700_000_000_000;
    for (let i = 1; i <= 500; i++) {
      service.apply([note('c-b', i, t0 + i * 10 + 5)]);
      service.apply([note('c-a', i, t0 + i * 10)]);
    }
    const resets = (): number => sent.filter((c) => c.kind === 'reset').length;
    expect(resets()).toBe(1); // the first is sent at once, the rest wait for the pace
    // One more carries all that came since: once it is out nothing is due, so none can follow it.
    await vi.waitFor(() => expect(resets()).toBeGreaterThanOrEqual(2), { timeout: RESET_EVERY_MS * 40, interval: 5 });
    expect(resets()).toBe(2);
    const hash = (s: SiteState): string => canonicalJson(s);
    expect(hash(view)).toBe(hash(service.current()));
    // Once quiet, an in-order entry is sent as an append straight away.
    service.apply([note('c-a', 501, t0 + 20_000)]);
    expect(sent[sent.length - 1]?.kind).toBe('append');
    expect(hash(view)).toBe(hash(service.current()));
  });
});
