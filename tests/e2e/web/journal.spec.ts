import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost } from '../../support/hostProcess';
import { NatsServer } from '../../support/natsServer';
import { tempDir } from '../../support/paths';
import { copyDemoSite } from '../../support/siteCopy';
import { expect, test } from './fixtures';
import { JournalPage } from './pages/JournalPage';
import { SessionPage } from './pages/SessionPage';

test.describe('duty journal at the desk', () => {
  test('an officer signs in, logs a note, a patrol and a handover, and corrects an entry', async ({ host, page }) => {
    const journal = new JournalPage(page);
    await journal.open(host.urlFor('desk/journal'));
    await journal.signIn('duty-liu');
    await journal.writeNote('22:10 北侧围墙巡视，一切正常', '巡逻, 周界');
    await expect(page.getByRole('status').filter({ hasText: '已记录为' })).toBeVisible();
    const note = journal.rows().first();
    await expect(note).toContainText('北侧围墙巡视');
    await expect(note.locator('.entry__actor')).toHaveText('刘洋');
    const noteSeq = Number(await note.getAttribute('data-seq'));

    await page.getByRole('tab', { name: '巡逻记录' }).click();
    await page.fill('input[name="route"]', '东院—东侧围墙');
    await page.getByLabel('发现问题').check();
    await page.fill('textarea[name="text"]', '东侧围墙铁丝网破损一处，已报后勤');
    await page.getByTestId('composer-submit').click();
    await expect(journal.rows().first()).toContainText('铁丝网破损');

    await page.getByRole('tab', { name: '交接班' }).click();
    await page.selectOption('select[name="outgoing"]', 'duty-liu');
    await page.selectOption('select[name="incoming"]', 'duty-sun');
    await page.fill('textarea[name="text"]', '夜班交接：大门 22:00 关闭，东侧围墙待修');
    await page.getByTestId('composer-submit').click();
    await expect(journal.rows().first()).toContainText('刘洋 → 孙丽');
    // The incoming officer accepts it by signing in on it: the outgoing one leaves this desk, on duty follows.
    const session = new SessionPage(page);
    await session.addPerson('duty-sun', { handover: true });
    await expect(session.person('duty-liu')).toHaveCount(0);
    await expect(page.getByTestId('on-duty')).toContainText('孙丽');
    await expect(page.getByTestId('on-duty')).not.toContainText('刘洋');

    // A correction is a new entry; the original stays as it was.
    await journal.row(noteSeq).getByRole('button', { name: '更正' }).click();
    await page.fill('textarea[name="text"]', '22:15 北侧围墙巡视，一切正常');
    await page.fill('input[name="reason"]', '时间记错');
    await page.getByTestId('composer-submit').click();
    await expect(journal.rows().first()).toContainText(`更正 #${noteSeq}`);
    await expect(journal.row(noteSeq)).toContainText('22:10 北侧围墙巡视');
    await expect(journal.badge()).toContainText('已校验至 #');
  });

  test('bad input is refused with the field named, and nothing is logged', async ({ host, page }) => {
    const journal = new JournalPage(page);
    await journal.open(host.urlFor('desk/journal'));
    await expect(journal.rows().first()).toBeVisible();
    const before = await journal.rows().count();
    await page.getByRole('tab', { name: '交接班' }).click();
    await page.selectOption('select[name="outgoing"]', 'duty-sun');
    await page.selectOption('select[name="incoming"]', 'duty-sun');
    await page.fill('textarea[name="text"]', '交接');
    await page.getByTestId('composer-submit').click();
    await expect(page.locator('.field__error')).toContainText('outgoing and incoming officer must differ');
    await page.getByRole('tab', { name: '记事' }).click();
    await page.fill('textarea[name="text"]', '   ');
    await page.getByTestId('composer-submit').click();
    await expect(page.locator('.field__error').first()).toContainText('must not be empty');
    await expect(journal.rows()).toHaveCount(before);
  });

  test('filters, full-text search in Chinese, and infinite scroll', async ({ host, page }) => {
    const api = await host.signedIn();
    for (let i = 0; i < 130; i++) await api.appendEntry({ kind: 'note', payload: { text: `例行记录 ${i} routine` } });
    // An observer's note is a DRILL record by its kind (the console stamps the mode; a client cannot).
    await api.appendEntry({ kind: 'annotation', payload: { text: '配电室门磁报警，经查为误报', observedAt: Date.now(), source: 'live' } });
    const journal = new JournalPage(page);
    await journal.open(host.urlFor('desk/journal'));
    await expect(journal.rows()).toHaveCount(50);
    await journal.rows().last().scrollIntoViewIfNeeded();
    await page.locator('.journal__more').scrollIntoViewIfNeeded();
    await expect.poll(() => journal.rows().count()).toBeGreaterThan(100);

    await journal.search('配电室');
    await expect(journal.rows()).toHaveCount(1);
    await expect(journal.rows().first()).toContainText('演练');
    await page.selectOption('select[name="mode"]', 'LIVE');
    await expect(page.locator('.journal__empty')).toBeVisible();
    await page.selectOption('select[name="mode"]', '');
    await journal.search('routine 129');
    await expect(journal.rows()).toHaveCount(1);
  });

  test('exports a range as JSONL with a manifest of hashes, and prints the daily report (零报告)', async ({ host, page }) => {
    const journal = new JournalPage(page);
    await journal.open(host.urlFor('desk/journal'));
    await page.getByTestId('export-button').click();
    const result = page.getByTestId('export-result');
    await expect(result).toContainText('entries.jsonl');
    const manifestUrl = await result.getByRole('link', { name: 'manifest.json' }).getAttribute('href');
    const entriesUrl = await result.getByRole('link', { name: 'entries.jsonl' }).getAttribute('href');
    const manifest = (await (await page.request.get(`${host.origin}/${manifestUrl}`)).json()) as { fileSha256: string; entries: number };
    const body = await (await page.request.get(`${host.origin}/${entriesUrl}`)).body();
    expect(createHash('sha256').update(body).digest('hex')).toBe(manifest.fileSha256);
    expect(body.toString('utf8').trim().split('\n')).toHaveLength(manifest.entries);

    await page.getByTestId('report-button').click();
    const viewer = page.getByTestId('report-viewer');
    await expect(viewer).toBeVisible();
    const reportUrl = await viewer.getByRole('link').getAttribute('href');
    const frame = page.frameLocator('[data-testid="report-viewer"] iframe');
    await expect(frame.locator('h1')).toContainText('值班日报');

    // Chromium's print-to-PDF, as an officer would save it for the binder.
    const pdfPage = await page.context().newPage();
    await pdfPage.goto(`${host.origin}/${reportUrl}`);
    const pdfFile = join(tempDir('pdf'), 'daily.pdf');
    await pdfPage.pdf({ path: pdfFile, format: 'A4' });
    await pdfPage.close();
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', pdfFile, '-']).toString('utf8');
      expect(text).toContain('值班日报');
    }
  });
});

test.describe('journal integrity and upstream, as the officer sees them', () => {
  test('a tampered journal shows the break, keeps the old file and goes on logging in a new segment until acknowledged', async ({ browser }) => {
    const dataDir = tempDir('tamper-e2e');
    const first = await startHost({ dataDir });
    const api = await first.signedIn();
    for (let i = 0; i < 10; i++) await api.appendEntry({ kind: 'note', payload: { text: `夜班记录 TAMPER-${i}-END` } });
    await first.stop();
    const file = join(dataDir, 'journal', 'journal.sqlite');
    const bytes = readFileSync(file);
    for (let at = bytes.indexOf('TAMPER-4-END"}'); at >= 0; at = bytes.indexOf('TAMPER-4-END"}', at + 1)) bytes[at + 7] = 'X'.charCodeAt(0);
    writeFileSync(file, bytes);

    const host = await startHost({ dataDir });
    const page = await browser.newPage();
    try {
      const journal = new JournalPage(page);
      await journal.open(host.urlFor('desk/journal'));
      const banner = page.getByTestId('journal-banner');
      await expect(banner).toHaveAttribute('data-state', 'recovered');
      // #1 is the API client's sign-in: the tampered note is #7.
    await expect(banner).toContainText('entry #7');
      await expect(page.getByTestId('integrity-chain').first()).toContainText('断链后新分段');
      // Nothing is refused: the note goes to the new segment, the finding stays on screen.
      await journal.writeNote('断链后记录');
      await expect(journal.rows().first()).toContainText('断链后记录');
      await banner.getByRole('button', { name: '知悉' }).click();
      await expect(banner).toHaveCount(0);
      await journal.writeNote('新分段第一条记录');
      await expect(journal.rows().first()).toContainText('新分段第一条记录');
    } finally {
      await page.close();
      await host.stop();
    }
  });

  test('a full disk shows a banner, refuses entries without losing any, and writing resumes when space is freed', async ({ browser }) => {
    test.skip(process.getuid?.() !== 0, 'needs root to mount a small tmpfs as the data folder (the unit test covers the page-limit variant)');
    const mountPoint = tempDir('tmpfs-e2e');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4096k', 'tmpfs', mountPoint]);
    const host = await startHost({ dataDir: join(mountPoint, 'data') });
    const page = await browser.newPage();
    try {
      const journal = new JournalPage(page);
      await journal.open(host.urlFor('desk/journal'));
      await journal.writeNote('磁盘写满之前的记录');
      await expect(journal.rows().first()).toContainText('磁盘写满之前的记录');
      const ballast = join(mountPoint, 'ballast.bin');
      const { bavail, bsize } = statfsSync(mountPoint);
      writeFileSync(ballast, Buffer.alloc(Math.max(0, bavail * bsize - 8 * 1024)));
      await journal.writeNote('写满时的记录'.repeat(400));
      await expect(page.getByTestId('journal-banner')).toHaveAttribute('data-state', 'full');
      await expect(page.locator('.field__error')).toContainText('full');
      rmSync(ballast);
      await journal.writeNote('空间释放后的记录');
      await expect(journal.rows().first()).toContainText('空间释放后的记录');
      await expect(page.getByTestId('journal-banner')).toHaveCount(0);
      await expect(journal.rows().nth(1)).toContainText('磁盘写满之前的记录');
    } finally {
      await page.close();
      await host.stop();
      execFileSync('umount', ['-l', mountPoint]);
    }
  });

  test('shows the upstream copy: synced, offline since T and behind by N, then caught up', async ({ browser }) => {
    const nats = await NatsServer.start();
    const site = copyDemoSite((s) => {
      s.bus = { servers: [nats.url] };
    });
    const host = await startHost({ site });
    const page = await browser.newPage();
    try {
      const journal = new JournalPage(page);
      await journal.open(host.urlFor('desk/journal'));
      await journal.signIn('duty-sun');
      await journal.writeNote('上级同步测试');
      const upstream = page.getByTestId('integrity-upstream').first();
      await expect(upstream).toContainText('上级已确认');
      await nats.stop();
      await expect(upstream).toContainText('断开');
      for (let i = 0; i < 3; i++) await journal.writeNote(`断网期间记录 ${i}`);
      await expect(upstream).toContainText('落后 3 条');
      await nats.start();
      await expect(upstream).toContainText('上级已确认', { timeout: 30_000 });
    } finally {
      await page.close();
      await host.stop();
      await nats.stop();
    }
  });
});
