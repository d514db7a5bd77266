/**
 * The hall's config.json is read: with `idleTimeoutSeconds: 15` in the hall's config and 90 in the
 * pack, a visitor left alone sees the countdown after 15 s and is back at attract after the
 * configured countdown. Time runs on Playwright's test clock (no real waiting); the spec waits on
 * the app's signals (`data-idle`, `data-screen`, `data-idle-seconds`).
 */
import path from 'node:path';
import { enterHome, expect, gotoApp, test } from './fixtures';
import { startConfiguredHall } from './hall-world';

const FIXTURE = path.resolve('tests/fixtures/packs/minimal');

test("config idle 15 s: the countdown after 15 s, attract after the countdown (the pack's 90 s is ignored)", async ({
  page,
  hall,
}) => {
  const configured = await startConfiguredHall({
    rendererRoot: hall.rendererRoot,
    packDir: FIXTURE,
    log: hall.log,
    config: { idleTimeoutSeconds: 15, countdownSeconds: 5 },
    editManifest: (m) => {
      m['kiosk'] = { idleTimeoutSeconds: 90, countdownSeconds: 30 };
    },
  });
  try {
    await page.clock.install();
    await page.goto(configured.url);
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-idle-seconds', '15');
    await expect(html).toHaveAttribute('data-idle-source', 'config');
    await enterHome(page);
    // From here on only the test moves the page's time (a loaded machine must not add seconds).
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 50));

    await page.clock.runFor(13_000);
    await expect(html).toHaveAttribute('data-idle', 'active');
    await page.clock.runFor(3_000);
    await expect(html).toHaveAttribute('data-idle', 'countdown');
    await expect(page.getByTestId('idle-countdown')).toBeVisible();
    await expect(html).toHaveAttribute('data-screen', 'home');

    // The countdown is the hall's 5 s, not the pack's 30 s.
    await page.clock.runFor(3_000);
    await expect(html).toHaveAttribute('data-screen', 'home');
    await page.clock.runFor(3_000);
    await expect(html).toHaveAttribute('data-screen', 'attract');
    await expect(page.getByTestId('idle-countdown')).toBeHidden();
  } finally {
    await configured.close();
  }
});

test('URL options still override for tests and previews; without a hall config the pack decides', async ({
  page,
}) => {
  await gotoApp(page, { idle: 30 });
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-idle-seconds', '30');
  await expect(html).toHaveAttribute('data-idle-source', 'url');
  await gotoApp(page);
  await expect(html).toHaveAttribute('data-idle-source', /^(pack|built-in)$/);
});
