import { afterEach, describe, expect, it } from 'vitest';
import { copyDemoSite } from '../../support/siteCopy';
import { startConsole } from '../../support/siteConsoles';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('journal search finds names, not only codes (real console, real journal)', () => {
  it('finds a fire alert and its acknowledgement by 火灾 and "Fire", and a call by the person’s Chinese name', async () => {
    const core = await startConsole(copyDemoSite());
    cleanups.push(() => core.close());
    const raised = await core.journal.append(
      { kind: 'alert.raised', payload: { alertId: 'fire-1', source: 'webhook', type: 'fire', severity: 'red', zone: 'lobby', cameras: [], occurredAt: Date.now(), mode: 'LIVE' } },
      { actor: 'system', allowSystem: true },
    );
    const ack = await core.handlers.acknowledgeAlert({ alertId: 'fire-1' });
    const call = await core.handlers.logAttempt({ to: 'duty-sun', method: 'radio', channel: 'CH1', result: 'no-answer' });

    const ids = async (text: string): Promise<string[]> => (await core.journal.query({ text, limit: 50 })).entries.map((e) => e.id);
    expect(await ids('火灾')).toEqual(expect.arrayContaining([raised.id]));
    expect(await ids('Fire')).toEqual(expect.arrayContaining([raised.id]));
    expect(await ids('大堂')).toEqual(expect.arrayContaining([raised.id]));
    // The acknowledgement names the alarm it concerns (from the alerts state at append).
    expect(await ids('确认告警 火灾')).toEqual([ack.id]);
    expect(await ids('孙丽')).toEqual([call.id]);
    expect(await ids('Sun Li')).toEqual([call.id]);
    // The code is still found.
    expect(await ids('fire')).toContain(raised.id);
  });
});
