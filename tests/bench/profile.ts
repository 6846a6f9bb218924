// A page's CPU profile for a benchmark's diagnosis (ALERT_BENCH_PROFILE,
// REPLAY_BENCH_PROFILE): functions by self time, printed to stderr so the
// JSON on stdout stays clean.
import type { CDPSession, Page } from '@playwright/test';

export async function startProfile(page: Page, intervalUs?: number): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  if (intervalUs !== undefined) await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  return cdp;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export async function printProfile(cdp: CDPSession, top = 40): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[] } };
  const self = new Map<string, number>();
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
  }
  const lines = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${v}\t${k}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}
