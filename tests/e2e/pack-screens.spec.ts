/**
 * The default pack as a visitor meets it, in both languages and both orientations: home, the
 * About & credits panel (every media item listed with its kind and source), a place card and an
 * event. No visible text outside the About panel carries a production word. Screenshots go to
 * test-results/pack-screens/ for a curator to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CREDITS_ATTRIBUTE, findVisitorWords } from '../../electron/shared/visitor-words';
import { enterHome, expect, gotoApp, test } from './fixtures';

const builtDefault = path.resolve('dist/packs/default');
const SHOTS = path.resolve('test-results/pack-screens');

const VIEWPORTS = [
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'portrait', width: 1080, height: 1920 },
] as const;

/** Visible text of the page except the About & credits panel, the one place for provenance. */
async function visitorText(page: Page): Promise<string> {
  return page.evaluate((credits) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll(`[${credits}]`).forEach((n) => n.remove());
    const alts = [...document.querySelectorAll('img[alt]')].map((i) => i.getAttribute('alt') ?? '');
    return `${clone.innerText}\n${alts.join('\n')}`;
  }, CREDITS_ATTRIBUTE);
}

/** Waits until an element has come fully onto the screen (cards slide in). */
async function onScreen(page: Page, testId: string): Promise<void> {
  const vp = page.viewportSize()!;
  await expect
    .poll(async () => {
      const box = await page.getByTestId(testId).boundingBox();
      return (
        box !== null &&
        box.x >= 0 &&
        box.y >= 0 &&
        box.x + box.width <= vp.width + 1 &&
        box.y + box.height <= vp.height + 1
      );
    })
    .toBe(true);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const words = (text: string) => findVisitorWords(text).map((w) => w.word);

async function setLanguage(page: Page, lang: 'zh-Hans' | 'en'): Promise<void> {
  if ((await page.locator('html').getAttribute('data-lang')) !== lang) {
    await page.getByTestId('language-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-lang', lang);
  }
}

test.describe('default pack screens', () => {
  test.skip(!existsSync(path.join(builtDefault, 'pack.sig')), 'dist/packs/default is not built');
  for (const vp of VIEWPORTS) {
    for (const lang of ['zh-Hans', 'en'] as const) {
      test(`home, About & credits, a place and an event: ${lang}, ${vp.name}`, async ({ page, hall }) => {
        test.setTimeout(120_000);
        mkdirSync(SHOTS, { recursive: true });
        await page.setViewportSize({ width: vp.width, height: vp.height });
        const shot = (what: string) =>
          page.screenshot({ path: path.join(SHOTS, `${what}-${lang}-${vp.name}.png`) });
        const m = hall.manifest;

        await gotoApp(page, { idle: 900 });
        await enterHome(page);
        await setLanguage(page, lang);
        expect(words(await visitorText(page)), 'home').toEqual([]);
        await shot('home');

        // About & credits: one tap from home, every media item listed.
        await page.getByTestId('about-open').click();
        const panel = page.getByTestId('about-panel');
        await expect(panel).toBeVisible();
        const listed = await panel
          .locator('[data-media-id]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-media-id')));
        expect([...listed].sort()).toEqual(Object.keys(m.media).sort());
        await expect(panel.getByTestId('about-credit')).toHaveCount(m.about!.credits.length);
        await expect(panel).toContainText('SIL Open Font License');
        await shot('about');
        await page.getByTestId('about-close').click();
        await expect(panel).toHaveCount(0);

        // A place card, opened from the catalogue.
        await gotoApp(page, { screen: 'sand-table', idle: 900 });
        await setLanguage(page, lang);
        await page.getByTestId('catalogue-open').click();
        await page.getByTestId('catalogue-entry-changzhou-xinbei').click();
        await expect(page.getByTestId('place-card')).toHaveAttribute('data-place-id', 'changzhou-xinbei');
        await page.locator('[data-testid="media-gallery"] img').first().waitFor();
        await onScreen(page, 'place-card');
        expect(words(await visitorText(page)), 'place card').toEqual([]);
        await shot('place');

        // An event with its picture.
        await gotoApp(page, { screen: 'timeline', idle: 900 });
        await page.locator('html[data-timeline-ready="true"]').waitFor({ state: 'attached' });
        await setLanguage(page, lang);
        const event = page.locator('[data-testid="event-card"][data-event-id="e2023-xian-photonics"]');
        if ((await event.count()) === 0) {
          await page.locator('[data-testid="scrubber-year"][data-year="2023"]').click();
        }
        await event.click();
        await expect(page.getByTestId('event-detail')).toHaveAttribute(
          'data-event-id',
          'e2023-xian-photonics',
        );
        await onScreen(page, 'event-detail');
        expect(words(await visitorText(page)), 'event').toEqual([]);
        await shot('event');
      });
    }
  }
});
