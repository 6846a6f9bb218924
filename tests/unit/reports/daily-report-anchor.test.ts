import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIdentity, identityFile } from '../../../electron/core/identity';
import { keyFingerprint } from '../../../electron/core/journal/signer';
import { writeDailyReport } from '../../../electron/core/reports/dailyReport';
import { loadSite } from '../../../electron/core/site/loadSite';
import { renderDailyReport } from '../../../shared/reports/dailyReport';
import { dateIn } from '../../../shared/time/zonedDay';
import { openTestJournal } from '../../support/journal';
import { demoSiteFile } from '../../support/paths';

// Issue 13 §2: the daily report prints the head sequence and hash, so a paper copy anchors the day.

describe('the daily report anchors the day', () => {
  it('prints the journal head, the latest signed checkpoint and the signing key fingerprint, in both languages', async () => {
    const { journal, dataDir, clock } = await openTestJournal({ checkpointEvery: 10 });
    try {
      for (let i = 1; i <= 25; i++) await journal.append({ kind: 'note', payload: { text: `round ${i}` } }, { actor: 'duty-liu' });
      const site = loadSite(demoSiteFile).site;
      const date = dateIn(clock.now(), site.timezone);
      const status = journal.status();
      const [checkpoint] = (await journal.query({ kinds: ['journal.checkpoint'], limit: 1 })).entries;
      expect(checkpoint?.kind).toBe('journal.checkpoint');
      expect(checkpoint!.seq).toBeGreaterThan(20);
      const signed = checkpoint!.payload as { upToSeq: number; headHash: string };
      const key = readIdentity(identityFile(dataDir))?.journalKey;
      expect(key).toBeDefined();

      const en = await writeDailyReport({ journal, site, consoleId: 'c-testconsole1', date, locale: 'en', dataDir, now: clock.now() });
      const html = readFileSync(en.file, 'utf8');
      expect(html).toContain(`Journal head: entry #${status.headSeq}`);
      expect(html).toContain(status.headHash);
      expect(html).toContain(`Latest signed checkpoint: entry #${checkpoint!.seq}, signing entries up to #${signed.upToSeq}`);
      expect(html).toContain(signed.headHash);
      expect(html).toContain(`Signing key fingerprint: ${keyFingerprint(key!)}`);
      expect(html).toContain(`data-head-seq="${status.headSeq}"`);

      const zh = readFileSync((await writeDailyReport({ journal, site, consoleId: 'c-testconsole1', date, locale: 'zh-CN', dataDir, now: clock.now() })).file, 'utf8');
      expect(zh).toContain(`日志末条：#${status.headSeq}`);
      expect(zh).toContain(`最新签名检查点：#${checkpoint!.seq}，签署至 #${signed.upToSeq}`);
      expect(zh).toContain('签名密钥指纹');
    } finally {
      await journal.close();
    }
  });

  it('says so when no checkpoint has been signed yet, and prints no anchor when none is given', () => {
    const base = { siteName: 'S', date: '2026-11-21', timeZone: 'Asia/Shanghai', consoleId: 'c-1', generatedAt: 0, names: {}, entries: [] };
    const html = renderDailyReport({ ...base, anchor: { headSeq: 3, headHash: 'ab'.repeat(32) } }, 'en');
    expect(html).toContain('Journal head: entry #3');
    expect(html).toContain('No signed checkpoint yet.');
    expect(html).not.toContain('Signing key fingerprint');
    expect(renderDailyReport(base, 'en')).not.toContain('data-report-anchor');
  });
});
