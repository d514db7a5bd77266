/**
 * Hall hours in the browser: outside the configured opening hours the closed screen (the hall's
 * name, when it opens) replaces attract, with the volume cap at 0; a touch wakes the kiosk; the
 * idle reset brings the closed screen back; at opening time attract returns by itself. Time runs
 * on Playwright's test clock in the context's time zone (Asia/Shanghai), so no real waiting.
 */
import path from 'node:path';
import { expect, test } from './fixtures';
import { startConfiguredHall } from './hall-world';

const FIXTURE = path.resolve('tests/fixtures/packs/minimal');
const DAILY = ['09:00-17:00'];

test('outside opening hours the closed screen shows; a touch wakes it; it opens on time', async ({
  page,
  hall,
}) => {
  const configured = await startConfiguredHall({
    rendererRoot: hall.rendererRoot,
    packDir: FIXTURE,
    log: hall.log,
    config: {
      hallName: { 'zh-Hans': '常州高新区党建馆', en: 'Changzhou Hi-Tech Zone Hall' },
      openingHours: { mon: DAILY, tue: DAILY, wed: DAILY, thu: DAILY, fri: DAILY, sat: DAILY, sun: DAILY },
      idleTimeoutSeconds: 15,
      countdownSeconds: 3,
    },
  });
  try {
    // Saturday 5 December 2026, 20:00 in the hall.
    await page.clock.install({ time: new Date('2026-12-05T20:00:00+08:00') });
    await page.goto(configured.url);
    const html = page.locator('html');
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
    await expect(html).toHaveAttribute('data-hours', 'closed');
    await expect(html).toHaveAttribute('data-volume-cap', '0');
    const closed = page.getByTestId('closed-screen');
    await expect(closed).toBeVisible();
    await expect(page.getByTestId('attract')).toHaveCount(0);
    await expect(page.getByTestId('closed-name-zh-Hans')).toHaveText('常州高新区党建馆');
    await expect(page.getByTestId('closed-opens-zh-Hans')).toHaveText('明天 09:00 开馆');
    await expect(page.getByTestId('closed-opens-en')).toHaveText('Opens tomorrow at 09:00');

    // A touch wakes it: the visitor lands on home, still without sound.
    await closed.click({ position: { x: 40, y: 40 } });
    await expect(html).toHaveAttribute('data-screen', 'home');
    // From here on only the test moves the page's time (a loaded machine must not add seconds).
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 50));
    await expect(closed).toHaveCount(0);
    await expect(html).toHaveAttribute('data-volume-cap', '0');

    // Left alone: the idle reset brings the closed screen back.
    await page.clock.runFor(16_000);
    await expect(html).toHaveAttribute('data-idle', 'countdown');
    await page.clock.runFor(4_000);
    await expect(html).toHaveAttribute('data-screen', 'attract');
    await expect(closed).toBeVisible();

    // The clock jumps to a second before opening on Sunday: the next tick opens the hall.
    await page.clock.pauseAt(new Date('2026-12-06T08:59:59+08:00'));
    await page.clock.runFor(2_500);
    await expect(html).toHaveAttribute('data-hours', 'open');
    await expect(html).toHaveAttribute('data-volume-cap', '1');
    await expect(page.getByTestId('attract')).toBeVisible();
    await expect(closed).toHaveCount(0);
  } finally {
    await configured.close();
  }
});
