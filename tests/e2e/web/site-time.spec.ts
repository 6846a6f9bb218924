import { formatInstant, type TimeStyle } from '../../../shared/time/format';
import { expect, test } from './fixtures';
import { JournalPage } from './pages/JournalPage';

// Issue 17, one clock: a kiosk PC set to UTC and en-US, a site in Asia/Shanghai.
// Every time the console shows must be the site's, in the app's language (the
// demo's is zh-CN), never the PC's.
test.use({ timezoneId: 'UTC', locale: 'en-US' });

const site = { locale: 'zh-CN', timeZone: 'Asia/Shanghai' } as const;

/** What the console may show for an instant in [from, to] (one string per second). */
function shownBetween(from: number, to: number, style: TimeStyle): Set<string> {
  const out = new Set<string>();
  for (let t = Math.floor(from / 1000) * 1000; t <= to + 1000; t += 1000) out.add(formatInstant(t, site, style));
  return out;
}

async function expectShown(text: Promise<string | null>, from: number, to: number, style: TimeStyle): Promise<void> {
  const shown = (await text)?.trim() ?? '';
  expect([...shownBetween(from, to, style)], `"${shown}" is the site's time (${style}), not the PC's`).toContain(shown);
}

test.describe("times in the site's zone, whatever the PC's", () => {
  test('desk: clock, journal rows, heat-map window end, export range and daily report', async ({ host, page }) => {
    const journal = new JournalPage(page);
    const before = Date.now();
    await journal.open(host.urlFor('desk/journal'));
    const clock = page.getByTestId('clock');
    await expect(clock.locator('.clock__time')).toHaveText(/^\d\d:\d\d:\d\d$/);
    await expectShown(clock.locator('.clock__time').textContent(), before, Date.now(), 'time');
    await expectShown(clock.locator('.clock__date').textContent().then((t) => t?.split(' ')[0] ?? ''), before, Date.now(), 'date');

    await journal.signIn('duty-liu');
    const wrote = Date.now();
    await journal.writeNote('时区检查 timezone check', '');
    const row = journal.rows().first();
    await expect(row).toContainText('时区检查');
    await expectShown(row.locator('.entry__time').textContent(), wrote, Date.now(), 'dayTime');

    // The export's fields are the site's wall time; "to" empty is "now", and the result names the range written.
    const from = await page.locator('input[name="exportFrom"]').inputValue();
    const dayAgo = Date.now() - 24 * 3_600_000;
    const inputs = [...shownBetween(dayAgo - 120_000, dayAgo, 'dayMinute')];
    expect(from).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    // 2026-12-01T18:45 (site) and "12月1日 18:45" name the same minute.
    const [, mo, d, hh, mm] = /^\d{4}-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(from) ?? [];
    expect(inputs).toContain(`${Number(mo)}月${Number(d)}日 ${hh}:${mm}`);
    const exportAt = Date.now();
    await page.getByTestId('export-button').click();
    const range = page.getByTestId('export-range');
    await expect(range).toBeVisible();
    const to = (await range.textContent())?.match(/至 (.+)）/)?.[1] ?? '';
    expect([...shownBetween(exportAt, Date.now(), 'dateTime')]).toContain(to);

    await page.getByTestId('report-button').click();
    const frame = page.frameLocator('[data-testid="report-viewer"] iframe');
    await expect(frame.locator('.meta').first()).toContainText('Asia/Shanghai');
    const meta = (await frame.locator('.meta').first().textContent()) ?? '';
    const generated = /生成时间[:：]\s*([^·]+?)\s*·/.exec(meta)?.[1] ?? meta;
    expect([...shownBetween(exportAt - 5_000, Date.now(), 'dateTime')]).toContain(generated);

    await page.goto(host.urlFor('desk'));
    const end = page.getByTestId('heat-timewindow').locator('.timewindow__end');
    await expect(end).toBeVisible();
    await expectShown(end.textContent(), before - 60_000, Date.now(), 'dayMinute');
  });

  test('wall: the clock is the site\'s', async ({ host, page }) => {
    const before = Date.now();
    await page.goto(host.urlFor('wall/1'));
    const clock = page.getByTestId('clock');
    await expect(clock.locator('.clock__time')).toHaveText(/^\d\d:\d\d:\d\d$/);
    await expectShown(clock.locator('.clock__time').textContent(), before, Date.now(), 'time');
  });
});
