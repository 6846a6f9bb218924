import { expect, test } from './fixtures';

// The language is kept in the console's settings: this test has a host of its own.
test('the language switch changes every label and persists across reloads', async ({ ownHost: host, page, consolePage }) => {
  await consolePage.open(host.urlFor('desk'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('tab', { name: '一层' })).toBeVisible();

  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.topbar__title strong')).toHaveText('Harbour Hotel quarantine site (demo)');
  await expect(page.getByRole('tab', { name: 'Ground floor' })).toBeVisible();
  await expect(page.locator('.topbar__station')).toHaveText('Duty desk');
  await expect(page.locator('.tile[data-tile][data-camera="lobby"] .tile__name')).toHaveText('Lobby');

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Ground floor' })).toBeVisible();

  // The wall of the same console follows the console's language.
  const wall = await page.context().newPage();
  await wall.goto(host.urlFor('wall/1'));
  await expect(wall.locator('.topbar__station')).toHaveText('Monitoring wall');

  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('tab', { name: '一层' })).toBeVisible();
  await expect(wall.locator('.topbar__station')).toHaveText('监控大屏');
  await wall.close();
});
