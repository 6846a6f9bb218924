import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost } from '../../support/hostProcess';
import { tempDir } from '../../support/paths';
import { copyDemoSite } from '../../support/siteCopy';
import { expect, test } from './fixtures';
import { RosterPage } from './pages/RosterPage';
import { openAs } from './pages/SessionPage';

test.describe('contact roster and comms checks', () => {
  test('a roll call walks everyone on duty on CH2, one key per answer, and ends with a summary entry', async ({ host, page }) => {
    const roster = new RosterPage(page);
    await roster.open(host.urlFor('desk/roster'));
    await expect(page.getByTestId('duty-now').first()).toBeVisible();
    const rollcall = roster.rollcall();
    await page.selectOption('select[name="rollcall-channel"]', 'CH2');
    await rollcall.getByTestId('rollcall-start').click();
    const answers = roster.answers();
    await expect(answers).toHaveCount(3);
    // 1 answered, 3 bad signal, 4 relayed; the last person is never reached (counts as no answer).
    for (const [i, key] of ['1', '3', '4'].entries()) {
      const calling = await rollcall.getByTestId('rollcall-calling').getAttribute('data-person');
      await page.keyboard.press(key);
      await expect(roster.answer(calling ?? '')).not.toHaveAttribute('data-answer', '');
      await expect(roster.answered()).toHaveCount(i + 1);
    }
    await rollcall.getByTestId('rollcall-end').click();
    await expect(rollcall.getByTestId('rollcall-summary')).toContainText('应答 1，无应答 0，信号差 1，转达 1');
    const { entries } = await (await host.signedIn()).queryJournal({ kinds: ['rollcall.ended'], limit: 5 });
    expect(entries[0]?.payload).toMatchObject({ summary: { answered: 1, noAnswer: 0, badSignal: 1, relayed: 1 } });
  });

  test('a check goes overdue; the escalation shows on desk and wall and an acknowledgement stops it', async ({ page, context }) => {
    test.setTimeout(240_000);
    const site = copyDemoSite((s) => {
      (s.roster as Record<string, unknown>).checks = [
        { id: 'fast', name: { en: 'Warden check', 'zh-CN': '网格员点验' }, target: { person: 'warden-li' }, method: 'radio', everyMin: 1, warnAfterMin: 1, overdueAfterMin: 1, escalationWaitMin: 1 },
      ];
    });
    const host = await startHost({ site });
    try {
      const roster = new RosterPage(page);
      await roster.open(host.urlFor('desk/roster'));
      const row = roster.checkRow('fast');
      await expect(row).toBeVisible();
      await expect(row).toHaveAttribute('data-stage', 'overdue', { timeout: 90_000 });
      const escalation = roster.escalation('fast');
      await expect(escalation).toBeVisible();
      await expect(escalation.locator('li[data-step="0"]')).toHaveClass(/is-current/);
      await expect(escalation).toContainText('手机');

      const wall = await context.newPage();
      await wall.goto(host.urlFor('wall'));
      await expect(wall.getByTestId('wall-comms-banner')).toContainText('李娜', { timeout: 20_000 });

      // The console journals the due step itself (system entry), once.
      await expect.poll(async () => (await (await host.signedIn()).queryJournal({ kinds: ['comms.escalation'], limit: 10 })).entries.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
      await escalation.getByTestId('ack-escalation').click();
      await expect(escalation).toHaveClass(/is-acked/);
      await expect(wall.getByTestId('wall-comms-banner')).toHaveCount(0, { timeout: 20_000 });
      const steps = (await (await host.signedIn()).queryJournal({ kinds: ['comms.escalation'], limit: 10 })).entries.map((e) => (e.payload as { step: number }).step);
      expect(new Set(steps).size).toBe(steps.length);

      // Any legible contact resets the check.
      await roster.logAttempt('warden-li', '1');
      await expect(roster.attemptForm().getByRole('status')).toContainText('已记录为');
      await expect(row).toHaveAttribute('data-stage', 'ok');
    } finally {
      await host.stop();
    }
  });

  // A good file is kept in the data folder: this test has a host of its own.
  test('a CSV with bad rows imports nothing and lists every bad row and field', async ({ ownHost: host, page }) => {
    const api = await host.signedIn();
    const before = await api.getRoster();
    const { csv } = await api.exportRosterCsv();
    const lines = csv.trim().split('\r\n');
    lines[1] = (lines[1] ?? '').replace('overall-commander', 'king');
    lines[2] = (lines[2] ?? '').replace('+8816314412345', '8816-314');
    lines.push('ghost-1,Ghost,,zone-warden,security,nobody,,primary,radio,,CH2,,,,,,,');
    const file = join(tempDir('csv'), 'roster-bad.csv');
    writeFileSync(file, lines.join('\r\n'));

    const roster = new RosterPage(page);
    await roster.open(host.urlFor('desk/roster'));
    await roster.importCsv(file);
    const failed = page.getByTestId('import-failed');
    await expect(failed).toBeVisible();
    const errors = failed.getByTestId('import-error');
    await expect(failed.locator('[data-line="2"][data-field="role"]')).toHaveCount(1);
    await expect(failed.locator('[data-line="3"][data-field="number"]')).toHaveCount(1);
    await expect(failed.locator(`[data-line="${lines.length}"][data-field="call_sign"]`)).toHaveCount(1);
    await expect(failed.locator(`[data-line="${lines.length}"][data-field="supervisor"]`)).toContainText('nobody');
    expect(await errors.count()).toBe(4);
    expect(await api.getRoster()).toEqual(before);
    expect((await api.queryJournal({ kinds: ['roster.imported'], limit: 5 })).entries).toHaveLength(0);

    // The same file with the rows fixed: first what it would change, nothing applied yet.
    const good = csv.trim().split('\r\n');
    good.push('runner-1,Runner One,传令员,logistics,logistics,site-chen,,primary,runner,,,,,,,Gate 1,一号门,');
    writeFileSync(file, good.join('\r\n'));
    await roster.chooseCsv(file);
    await expect(page.getByTestId('preview-added').locator('[data-person="runner-1"]')).toHaveText('传令员');
    await expect(page.getByTestId('preview-removed')).toHaveCount(0);
    expect(await api.getRoster()).toEqual(before);
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('import-ok')).toContainText(String(good.length - 1));
    await expect(roster.person('runner-1')).toContainText('一号门');
  });

  // Excel on Chinese Windows saves "CSV" in GBK: the names must come through, never as "����".
  test('a CSV saved as GBK is converted with a notice, and its Chinese names import as they were', async ({ ownHost: host, page }) => {
    const api = await host.signedIn();
    const { csv } = await api.exportRosterCsv();
    const lines = csv.trim().split('\r\n');
    lines.push('runner-2,Runner Two,传令员二号,logistics,logistics,site-chen,,primary,runner,,,,,,,Gate 2,二号门,');
    const dir = tempDir('csv-gbk');
    const utf8 = join(dir, 'roster-utf8.csv');
    const gbk = join(dir, 'roster-gbk.csv');
    writeFileSync(utf8, lines.join('\r\n'));
    writeFileSync(gbk, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', utf8]));
    expect(readFileSync(gbk).includes(Buffer.from('传令员二号', 'utf8'))).toBe(false);

    const roster = new RosterPage(page);
    await roster.open(host.urlFor('desk/roster'));
    await roster.chooseCsv(gbk);
    await expect(page.getByTestId('import-converted')).toHaveAttribute('data-encoding', 'gb18030');
    await expect(page.getByTestId('preview-added').locator('[data-person="runner-2"]')).toHaveText('传令员二号');
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('import-ok')).toBeVisible();
    const people = (await api.getRoster()).people;
    expect(people.find((p) => p.id === 'runner-2')?.name).toEqual({ en: 'Runner Two', 'zh-CN': '传令员二号' });
    expect(people.find((p) => p.id === 'duty-liu')?.name).toEqual(expect.objectContaining({ 'zh-CN': '刘洋' }));
  });

  test('the printable roster becomes a PDF containing shifts, ladders, channels and numbers', async ({ host, page }) => {
    await openAs(page, host.urlFor('desk/roster'));
    await page.getByTestId('roster-print').click();
    const href = await page.getByTestId('roster-print-link').getAttribute('href');
    expect(href).toMatch(/^reports\/roster-/);
    const pdfPage = await page.context().newPage();
    await pdfPage.goto(`${host.origin}/${href ?? ''}`);
    const pdfFile = join(tempDir('pdf'), 'roster.pdf');
    await pdfPage.pdf({ path: pdfFile, format: 'A4' });
    await pdfPage.close();
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']).toString('utf8');
    for (const s of ['Print-ready roster', '王军', 'Wang Jun', '+8816314412345', '+88216555000111', 'CH2', 'TG-OPS', '119', '白班']) expect(text).toContain(s);
  });

  test('with the network down the roster leads with radio and satellite routes', async ({ host, page, context }) => {
    const roster = new RosterPage(page);
    await roster.open(host.urlFor('desk/roster'));
    const ladder = page.locator('[data-testid="unit"][data-unit="police"] .roster__route');
    await expect(ladder.first()).toHaveAttribute('data-method', 'landline');
    await context.setOffline(true);
    await expect(roster.offline()).toBeVisible();
    await expect(ladder.first()).toHaveAttribute('data-method', 'radio');
    await context.setOffline(false);
    await expect(roster.offline()).toHaveCount(0);
  });
});
