import type { Page } from '@playwright/test';
import { localize } from '../../electron/shared/pack-schema';
import { enterHome, expect, gotoApp, signal, test } from './fixtures';

test.describe('app shell', () => {
  test('boots to attract, a touch opens home, and the language toggle switches everything', async ({
    page,
    hall,
    pageProblems,
  }) => {
    const { manifest } = hall;
    const zh = localize(manifest.title, 'zh-Hans', manifest.defaultLanguage);
    const en = localize(manifest.title, 'en', manifest.defaultLanguage);

    await gotoApp(page);
    expect(await signal(page, 'screen')).toBe('attract');
    expect(await signal(page, 'lang')).toBe(manifest.defaultLanguage);
    await expect(page.getByTestId('touch-to-begin')).toBeVisible();

    await enterHome(page);
    await expect(page.getByTestId('pack-title')).toHaveText(zh);
    await expect(page.getByTestId('pack-title-bar')).toHaveText(zh);
    await expect(page.getByTestId('tile-sand-table')).toContainText('电子沙盘');
    await expect(page.getByTestId('tile-timeline')).toContainText('时间长廊');

    if (manifest.languages.includes('en') && manifest.languages.includes('zh-Hans')) {
      await page.getByTestId('language-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-lang', 'en');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByTestId('pack-title')).toHaveText(en);
      await expect(page.getByTestId('pack-title-bar')).toHaveText(en);
      await expect(page.getByTestId('tile-sand-table')).toContainText('Sand table');
      await expect(page.getByTestId('tile-timeline')).toContainText('Timeline');

      await page.getByTestId('language-toggle').click();
      await expect(page.getByTestId('pack-title')).toHaveText(zh);
    }

    // The tiles are wired to their screens (the instruments' own specs test what is inside).
    await expect(page.getByTestId('tile-sand-table')).toBeEnabled();
    await expect(page.getByTestId('tile-timeline')).toBeEnabled();

    // Checked again in the fixture's teardown; asserted here too so the intent is visible.
    expect(pageProblems.offHost).toEqual([]);
    expect(pageProblems.console).toEqual([]);
  });

  test('the first touch on attract does not also press what lies under it on home', async ({ page }) => {
    await gotoApp(page, { screen: 'home' });
    const box = await page.getByTestId('tile-sand-table').boundingBox();
    expect(box).not.toBeNull();
    await gotoApp(page);
    expect(await signal(page, 'screen')).toBe('attract');
    // Touch attract exactly where the sand-table tile is about to appear.
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');
    await page.waitForTimeout(300);
    expect(await signal(page, 'screen')).toBe('home');
  });

  test('stats render with their qualifiers', async ({ page, hall }) => {
    const stats = hall.manifest.stats;
    test.skip(stats.length === 0, 'the pack has no stats');
    await gotoApp(page, { screen: 'home' });
    const strip = page.getByTestId('stats-strip');
    await expect(strip).toBeVisible();
    for (const stat of stats) {
      const number = strip.locator(`[data-stat="${stat.id}"] .stats-strip__number`);
      const text = (await number.textContent()) ?? '';
      if (stat.qualifier === 'over') expect(text).toMatch(/余$|^超/);
      if (stat.qualifier === 'about') expect(text).toMatch(/^约/);
    }
  });

  test('accessibility presets apply from the top bar', async ({ page }) => {
    await gotoApp(page, { screen: 'home' });
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await page.getByTestId('a11y-button').click();
    await page.getByTestId('preset-largeText').click();
    await page.getByTestId('preset-highContrast').click();
    await expect(page.locator('html')).toHaveAttribute('data-large-text', 'true');
    await expect(page.locator('html')).toHaveAttribute('data-high-contrast', 'true');
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(after).toBeGreaterThan(before * 1.2);
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe('rgb(0, 0, 0)');
  });

  test('kiosk guards: no context menu, cursor hidden with ?cursor=0', async ({ page }) => {
    await gotoApp(page, { cursor: 0 });
    await expect(page.locator('html')).toHaveAttribute('data-cursor', 'hidden');
    expect(await page.getByTestId('attract').evaluate((el) => getComputedStyle(el).cursor)).toBe('none');
    const menuAllowed = await page.evaluate(() =>
      document.body.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
    );
    expect(menuAllowed).toBe(false);
    const touchAction = await page.evaluate(() => getComputedStyle(document.documentElement).touchAction);
    // Pan only: the page never pinch-zooms (the visitor audit pinches every screen).
    expect(touchAction).toBe('pan-x pan-y');
  });

  test('idle: a gentle countdown, then everything resets to attract', async ({ page, hall }) => {
    const { manifest } = hall;
    await gotoApp(page, { idle: 3, countdown: 3 });
    await enterHome(page);
    const canSwitch = (await page.getByTestId('language-toggle').count()) > 0;
    if (canSwitch) {
      await page.getByTestId('language-toggle').click();
      await expect(page.locator('html')).not.toHaveAttribute('data-lang', manifest.defaultLanguage);
    }
    const visitorLang = await signal(page, 'lang');
    await page.getByTestId('a11y-button').click();
    await page.getByTestId('preset-largeText').click();

    // The countdown appears after ~3 s; Continue keeps the visitor where they were.
    await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('html')).toHaveAttribute('data-idle', 'countdown');
    await page.getByTestId('idle-continue').click();
    await expect(page.getByTestId('idle-countdown')).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');
    await expect(page.locator('html')).toHaveAttribute('data-large-text', 'true');
    expect(await signal(page, 'lang')).toBe(visitorLang);

    // This time nobody answers: back to attract, in the pack's default language.
    await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'attract', { timeout: 10_000 });
    await expect(page.getByTestId('idle-countdown')).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('data-lang', manifest.defaultLanguage);
    await expect(page.locator('html')).toHaveAttribute('data-large-text', 'false');
    await expect(page.getByTestId('touch-to-begin')).toBeVisible();
  });

  test('home screenshot (for a human look): test-results/home.png', async ({ page }) => {
    await gotoApp(page, { screen: 'home' });
    // The language's @font-face rules are loaded after the first paint (app/fonts.ts).
    await page.locator('html[data-fonts]').waitFor({ state: 'attached' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: 'test-results/home.png' });
    const titleFont = await page.getByTestId('pack-title').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(titleFont).toContain('Noto Serif SC');
  });
});

/** Everything visible fits in the viewport: no scrollbars, no clipped key elements. */
async function expectNoOverflow(page: Page): Promise<void> {
  const report = await page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const doc = document.documentElement;
    const offenders: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-testid]'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        offenders.push(
          `${el.dataset.testid ?? '?'} ${Math.round(r.left)},${Math.round(r.top)}→${Math.round(r.right)},${Math.round(r.bottom)}`,
        );
      }
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.home, .attract, .top-bar'))) {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        offenders.push(
          `${el.className} scrolls ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`,
        );
      }
    }
    return { scroll: [doc.scrollWidth, doc.scrollHeight, vw, vh], offenders };
  });
  expect(report.offenders).toEqual([]);
  expect(report.scroll[0]).toBeLessThanOrEqual(report.scroll[2]!);
  expect(report.scroll[1]).toBeLessThanOrEqual(report.scroll[3]!);
}

for (const { name, width, height } of [
  { name: 'portrait 1080×1920', width: 1080, height: 1920 },
  { name: '4K 3840×2160', width: 3840, height: 2160 },
  { name: 'landscape 1920×1080', width: 1920, height: 1080 },
]) {
  test.describe(`layout ${name}`, () => {
    test.use({ viewport: { width, height } });

    test('home and attract render without overflow, in both text sizes', async ({ page }, testInfo) => {
      test.slow(width * height > 4_000_000, '4K frames are slow to rasterise and capture in software');
      await gotoApp(page, { screen: 'home' });
      // The language's @font-face rules are loaded after the first paint (app/fonts.ts).
      await page.locator('html[data-fonts]').waitFor({ state: 'attached' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await expectNoOverflow(page);
      await page.screenshot({ path: testInfo.outputPath(`home-${width}x${height}.png`) });

      await page.getByTestId('a11y-button').click();
      await page.getByTestId('preset-largeText').click();
      await page.getByRole('dialog').getByRole('button').last().click();
      await expect(page.locator('html')).toHaveAttribute('data-large-text', 'true');
      await expectNoOverflow(page);

      await gotoApp(page);
      await expectNoOverflow(page);
      await page.screenshot({ path: testInfo.outputPath(`attract-${width}x${height}.png`) });
      // The layout scales with the screen: a tile is at least 64 px per 1080 px of short side.
      const minSide = Math.min(width, height);
      await enterHome(page);
      const tile = await page.getByTestId('tile-timeline').boundingBox();
      expect(tile!.height).toBeGreaterThanOrEqual((64 * minSide) / 1080);
    });
  });
}

test.describe('without a pack', () => {
  // Chromium itself logs the 503 of pack/pack.json as a console error; that one is expected.
  test.use({ allowedConsole: [/Failed to load resource: the server responded with a status of 503/] });

  test('shows a calm message, never a stack trace, and offers a retry', async ({ page, hall }) => {
    const empty = await hall.startAnother(() => Promise.resolve(null));
    await page.goto(empty.url);
    const fallback = page.getByTestId('error-fallback');
    await expect(fallback).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-app-error', 'no-pack');
    const text = (await fallback.innerText()).trim();
    expect(text).toContain('请联系现场工作人员');
    expect(text).toContain('ask a member of staff');
    expect(text).not.toMatch(/Error|at \w+ \(|\.tsx?:\d+|stack|503|undefined/);
    await expect(page.getByTestId('error-retry')).toBeVisible();
    await page.getByTestId('error-retry').click();
    await expect(fallback).toBeVisible();
    expect(await page.locator('html').getAttribute('data-app-ready')).toBeNull();
  });
});
