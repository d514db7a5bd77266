/**
 * The timeline in Chromium against the hall server, with the tiny bilingual pack
 * tests/fixtures/packs/timeline-small (made by tests/fixtures/make-timeline-small.mjs): swipe,
 * scrubber, video with captions in both languages and seeking (Range requests), narration with
 * its transcript, a language switch mid-event, "show on the sand table", deep zoom that loads only
 * visible tiles, and a calm placeholder for an undecodable film. Waits on app signals, never on time.
 */
import type { Page } from '@playwright/test';
import path from 'node:path';
import { parseWebVtt } from '../../electron/shared/webvtt';
import { readFileSync } from 'node:fs';
import { loadFolderPack } from '../../electron/node/server/folder-pack';
import type { HallServer } from '../../electron/node/server/hall-server';
import { expect, test as base } from './fixtures';

const PACK = path.resolve('tests/fixtures/packs/timeline-small');

/** A second hall server on the same renderer build, serving the timeline pack. */
const test = base.extend<object, { timelineHall: HallServer }>({
  timelineHall: [
    async ({ hall }, use) => {
      const active = await loadFolderPack(PACK);
      const server = await hall.startAnother(() => Promise.resolve(active));
      await use(server);
    },
    { scope: 'worker' },
  ],
});

type Debug = {
  timeline: () => { focusedIndex: number; openEventId: string | null; autoplay: boolean };
  player: () => { current: string | null; status: string };
  sandTable: () => { selectedPlaceId: string | null };
  startHighlights: (dwellSeconds?: number) => void;
};

const debug = <T>(page: Page, fn: (d: Debug) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__hallTimeline)`);

async function openTimeline(page: Page, server: HallServer, lang?: 'en'): Promise<void> {
  await page.goto(new URL('?screen=timeline&debug=1&idle=900', server.url).href);
  await page.locator('html[data-timeline-ready="true"]').waitFor({ state: 'attached' });
  if (lang === 'en') await switchLanguage(page, 'en');
}

async function switchLanguage(page: Page, lang: 'en' | 'zh-Hans'): Promise<void> {
  await page.getByTestId('language-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-lang', lang);
}

const track = (page: Page) => page.getByTestId('timeline-track');
const settled = (page: Page) => expect(track(page)).toHaveAttribute('data-moving', 'false');
const focusedCard = (page: Page) => page.locator('[data-item-index][data-focused="true"]');

/** Taps an event's card, scrubbing to its year first when the card is not near the screen. */
async function openEvent(page: Page, eventId: string, year?: number): Promise<void> {
  const card = page.locator(`[data-testid="event-card"][data-event-id="${eventId}"]`);
  if ((await card.count()) === 0 && year !== undefined) {
    await page.locator(`[data-testid="scrubber-year"][data-year="${year}"]`).click();
    await settled(page);
  }
  await card.click();
  await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', eventId);
}

function cues(file: string) {
  return parseWebVtt(readFileSync(path.join(PACK, file), 'utf8')).cues;
}

test.describe('timeline', () => {
  test('swipe moves between events, with inertia and snapping (touch and mouse)', async ({
    page,
    timelineHall,
  }) => {
    await openTimeline(page, timelineHall);
    await settled(page);
    await expect(focusedCard(page)).toHaveAttribute('data-item-index', '0');
    await expect(page.getByTestId('current-era')).toHaveAttribute('data-era-id', 'origins');

    // A touch swipe to the left (CDP touch events → pointer events, like a finger).
    const box = (await track(page).boundingBox())!;
    const y = box.y + box.height / 2;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }],
      });
    const startX = box.x + box.width * 0.7;
    await touch('touchStart', startX);
    for (let i = 1; i <= 8; i++) await touch('touchMove', startX - i * 45);
    await touch('touchEnd', startX - 360);
    await settled(page);
    const afterTouch = Number(await focusedCard(page).getAttribute('data-item-index'));
    expect(afterTouch).toBeGreaterThan(0);
    // Snapped: the focused card is exactly at the centre of the track.
    const cardBox = (await focusedCard(page).boundingBox())!;
    expect(Math.abs(cardBox.x + cardBox.width / 2 - (box.x + box.width / 2))).toBeLessThan(
      cardBox.width * 0.1,
    );

    // A mouse drag back to the right returns to earlier cards.
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * 0.3 + i * 40, y);
    await page.mouse.up();
    await settled(page);
    const afterMouse = Number(await focusedCard(page).getAttribute('data-item-index'));
    expect(afterMouse).toBeLessThan(afterTouch);

    // Cards never overlap: each sits one pitch after the previous.
    const boxes = await page.locator('[data-item-index]').evaluateAll((els) =>
      els
        .map((el) => ({ i: Number((el as HTMLElement).dataset.itemIndex), r: el.getBoundingClientRect() }))
        .sort((a, b) => a.i - b.i)
        .map(({ r }) => ({ left: r.left, right: r.right })),
    );
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left).toBeGreaterThan(boxes[i - 1]!.right);

    // Only the cards near the screen are in the DOM.
    const total = Number(await track(page).getAttribute('data-count'));
    const inDom = await page.locator('[data-item-index]').count();
    expect(inDom).toBeLessThan(total);
  });

  test('the scrubber jumps to a year, and dragging it moves the track', async ({ page, timelineHall }) => {
    await openTimeline(page, timelineHall);
    await page.locator('[data-testid="scrubber-year"][data-year="2020"]').click();
    await settled(page);
    await expect(focusedCard(page)).toHaveAttribute('data-event-id', 'red-map');
    await expect(page.getByTestId('current-era')).toHaveAttribute('data-era-id', 'red-map');

    await page.locator('[data-testid="scrubber-year"][data-year="1949"]').click();
    await settled(page);
    await expect(focusedCard(page)).toHaveAttribute('data-event-id', 'yangtze');
    await expect(page.getByTestId('current-era')).toHaveAttribute('data-era-id', 'crossing');

    // Drag the scrubber to its far end: the last event, with the year in a bubble on the way.
    const bar = (await page.locator('.year-scrubber__bar').boundingBox())!;
    await page.mouse.move(bar.x + bar.width * 0.5, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width * 0.8, bar.y + bar.height / 2, { steps: 4 });
    await expect(page.getByTestId('scrubber-bubble')).toBeVisible();
    await page.mouse.move(bar.x + bar.width - 1, bar.y + bar.height / 2, { steps: 4 });
    await page.mouse.up();
    await settled(page);
    await expect(focusedCard(page)).toHaveAttribute('data-event-id', 'anniversary');
    await expect(page.getByTestId('scrubber-bubble')).toHaveCount(0);
  });

  test('a video plays with captions in both languages and seeks to the middle', async ({
    page,
    timelineHall,
  }) => {
    const ranges: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/yangtze.webm')) ranges.push(r.status());
    });
    await openTimeline(page, timelineHall);
    await openEvent(page, 'yangtze', 1949);
    const video = page.getByTestId('video');
    const caption = page.getByTestId('video-caption');
    await page.getByTestId('video-toggle').click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.3);
    const zh = cues('media/yangtze.zh-Hans.vtt');
    const en = cues('media/yangtze.en.vtt');
    await expect(caption).toHaveText(zh[0]!.text);
    await expect(caption).toHaveAttribute('lang', 'zh-Hans');

    // Seek to the middle by tapping the middle of the seek bar.
    await page.getByTestId('video-toggle').click();
    await expect(page.getByTestId('video-player')).toHaveAttribute('data-playing', 'false');
    const seek = (await page.getByTestId('video-seek').boundingBox())!;
    await page.mouse.click(seek.x + seek.width / 2, seek.y + seek.height / 2);
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime))
      .toBeCloseTo(duration / 2, 0);
    await expect(caption).toHaveText(zh[1]!.text);

    // English captions at the same position, without reloading the film.
    const before = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await switchLanguage(page, 'en');
    await expect(caption).toHaveText(en[1]!.text);
    await expect(caption).toHaveAttribute('lang', 'en');
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(before, 1);
    await expect(page.locator('#event-detail-title')).toHaveText('The Yangtze crossing');

    // Playing on from the middle reaches the third cue, in English.
    await page.getByTestId('video-toggle').click();
    await expect(caption).toHaveText(en[2]!.text, { timeout: 15_000 });
    const player = await page.evaluate(() =>
      (window as unknown as { __hallTimeline: Debug }).__hallTimeline.player(),
    );
    expect(player).toEqual({ current: 'yangtze:yangtze-film', status: 'playing' });
    // Seeking was served with Range requests.
    expect(ranges).toContain(206);
  });

  test('narration plays with its transcript, and a language switch keeps its place', async ({
    page,
    timelineHall,
  }) => {
    await openTimeline(page, timelineHall);
    await openEvent(page, 'founding');
    const audio = page.getByTestId('narration-audio');
    const lines = page.getByTestId('narration-cue');
    const zh = cues('media/founding-narration.zh-Hans.vtt');
    const en = cues('media/founding-narration.en.vtt');
    await expect(lines).toHaveText(zh.map((c) => c.text));

    await page.getByTestId('narration-toggle').click();
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0.5);
    await expect(page.getByTestId('narration')).toHaveAttribute('data-playing', 'true');
    await expect(lines.nth(0)).toHaveAttribute('data-active', 'true');

    // Tapping a sentence plays from there; it becomes the highlighted one.
    await lines.nth(1).click();
    await expect(lines.nth(1)).toHaveAttribute('data-active', 'true');
    await expect(lines.nth(0)).toHaveAttribute('data-active', 'false');
    const t = await audio.evaluate((a: HTMLAudioElement) => a.currentTime);
    expect(t).toBeGreaterThanOrEqual(zh[1]!.start - 0.05);

    // Switch to English mid-sentence: English recording and transcript, same position, still playing.
    await switchLanguage(page, 'en');
    await expect(lines).toHaveText(en.map((c) => c.text));
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentSrc))
      .toMatch(/founding-narration\.en\.ogg$/);
    // The new recording resumes where the old one was once its metadata is in.
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => (a.readyState >= 1 ? a.currentTime : -1)))
      .toBeGreaterThanOrEqual(t - 0.1);
    const after = await audio.evaluate((a: HTMLAudioElement) => a.currentTime);
    expect(after).toBeLessThan(t + 3);
    await expect(page.getByTestId('narration')).toHaveAttribute('data-playing', 'true');
    const expected = en.findIndex((c) => after >= c.start && after < c.end);
    if (expected >= 0) await expect(lines.nth(expected)).toHaveAttribute('data-active', 'true');
    await expect(page.locator('#event-detail-title')).toHaveText('The red boat sets out');

    // Closing the story stops the narration.
    await page.getByTestId('event-close').click();
    await expect(page.getByTestId('event-detail')).toHaveCount(0);
    const player = await page.evaluate(() =>
      (window as unknown as { __hallTimeline: Debug }).__hallTimeline.player(),
    );
    expect(player.current).toBeNull();
  });

  test('"show on the sand table" lands on the event\'s place', async ({ page, timelineHall }) => {
    await openTimeline(page, timelineHall);
    await page.locator('[data-testid="event-card"][data-event-id="xixiashu"]').click();
    await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', 'xixiashu');
    await page.getByTestId('show-on-sand-table').click();
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'sand-table');
    const selected = await page.evaluate(() =>
      (window as unknown as { __hallTimeline: Debug }).__hallTimeline.sandTable(),
    );
    expect(selected.selectedPlaceId).toBe('xixiashu');
  });

  test('a deep-zoom scan loads only the tiles in view', async ({ page, timelineHall }) => {
    const tiles = new Set<string>();
    page.on('request', (r) => {
      const m = /xixiashu-scan\/(\d+,\d+,\d+,\d+\/[^?]+)$/.exec(decodeURIComponent(r.url()));
      if (m?.[1]) tiles.add(m[1]);
    });
    await openTimeline(page, timelineHall);
    await page.locator('[data-testid="event-card"][data-event-id="xixiashu"]').click();
    const viewer = page.getByTestId('deep-zoom');
    await expect(viewer).toBeVisible();
    await expect(viewer.locator('img.image-viewer__img')).toHaveJSProperty('complete', true);
    // Whole image on screen: the small picture is enough, no tile is fetched.
    expect(tiles.size).toBe(0);

    const box = (await viewer.boundingBox())!;
    // One decisive zoom to the deepest level (intermediate levels would be fetched on the way).
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.2);
    await page.mouse.wheel(0, -2000);
    await expect.poll(async () => Number(await viewer.getAttribute('data-tiles'))).toBeGreaterThan(0);
    await expect.poll(() => tiles.size).toBeGreaterThan(0);
    const shown = Number(await viewer.getAttribute('data-tiles'));
    expect(shown).toBeLessThanOrEqual(4);
    // The full pyramid has 17 tiles (12 + 4 + 1): only the visible ones were requested.
    expect(tiles.size).toBeLessThanOrEqual(4);
    await expect(page.locator('[data-testid="deep-zoom-tile"]')).toHaveCount(shown);
    expect(Number(await viewer.locator('.image-viewer__layer').getAttribute('data-scale'))).toBeGreaterThan(
      2,
    );
  });

  test('an undecodable film shows a calm placeholder and the story still reads', async ({
    page,
    timelineHall,
  }) => {
    await openTimeline(page, timelineHall, 'en');
    await page.locator('[data-testid="scrubber-year"][data-year="1949"]').click();
    await settled(page);
    await page.locator('[data-testid="event-card"][data-event-id="liberation"]').click();
    await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', 'liberation');
    await expect(page.getByTestId('media-placeholder')).toBeVisible();
    await expect(page.getByTestId('media-placeholder')).toContainText('cannot be shown');
    await expect(page.locator('#event-detail-title')).toHaveText('Changzhou is liberated');
    await page.screenshot({ path: 'test-results/timeline-placeholder.png' });
  });

  test('attract highlights: narration plays by itself, a touch hands over', async ({
    page,
    timelineHall,
  }) => {
    await openTimeline(page, timelineHall);
    await page.evaluate(`window.__hallTimeline.startHighlights(30)`);
    // The pack's playlist asks for 3 highlights; the first is the red boat, with its narration.
    await expect(page.getByTestId('timeline-autoplay')).toBeVisible();
    await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', 'founding');
    await expect(page.getByTestId('narration')).toHaveAttribute('data-playing', 'true');
    expect(await debug(page, (d) => d.player())).toEqual({
      current: 'founding:founding-narration',
      status: 'playing',
    });

    // A touch anywhere: the highlights stop where they are, the visitor keeps the story.
    await page.locator('#event-detail-title').click();
    await expect(page.getByTestId('timeline-autoplay')).toHaveCount(0);
    expect(await debug(page, (d) => d.timeline())).toMatchObject({
      openEventId: 'founding',
      autoplay: false,
    });
  });

  test('opening and closing stories many times does not grow the page', async ({ page, timelineHall }) => {
    test.setTimeout(240_000);
    await openTimeline(page, timelineHall);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      return { heap: m.JSHeapUsedSize ?? 0, nodes: m.Nodes ?? 0, listeners: m.JSEventListeners ?? 0 };
    };
    const cycle = async () => {
      for (const id of ['founding', 'xixiashu', 'yangtze', 'liberation']) {
        await openEvent(page, id, id === 'founding' || id === 'xixiashu' ? 1921 : 1949);
        if (id === 'yangtze') await page.getByTestId('video-toggle').click();
        if (id === 'founding') await page.getByTestId('narration-toggle').click();
        await page.getByTestId('event-close').click();
        await expect(page.getByTestId('event-detail')).toHaveCount(0);
      }
      // Back to the same place, so the same cards are on screen for each sample.
      await page.locator('[data-testid="scrubber-year"][data-year="1921"]').click();
      await settled(page);
    };
    await cycle();
    const before = await sample();
    const CYCLES = 3;
    for (let i = 0; i < CYCLES; i++) await cycle();
    const after = await sample();
    console.log(`timeline memory after ${CYCLES * 4} more stories: ${JSON.stringify({ before, after })}`);
    // Same screen, same DOM: no node or listener left behind by the stories, videos and narrations.
    expect(after.nodes).toBeLessThanOrEqual(before.nodes + 10);
    expect(after.listeners).toBeLessThanOrEqual(before.listeners + 5);
    // The heap settles (code caches warm up); a leak would grow it with every story.
    expect(after.heap).toBeLessThan(before.heap + 2 * 1024 * 1024);
    expect(await debug(page, (d) => d.player().current)).toBeNull();
  });

  test('screenshots for a human look: test-results/timeline*.png', async ({ page, timelineHall }) => {
    await openTimeline(page, timelineHall);
    // The language's @font-face rules are loaded after the first paint (app/fonts.ts).
    await page.locator('html[data-fonts]').waitFor({ state: 'attached' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.locator('[data-testid="scrubber-year"][data-year="1949"]').click();
    await settled(page);
    await page.screenshot({ path: 'test-results/timeline.png' });
    await page.locator('[data-testid="event-card"][data-event-id="xixiashu"]').click();
    const viewer = page.getByTestId('deep-zoom');
    await viewer.locator('img.image-viewer__img').evaluate((img: HTMLImageElement) => img.decode());
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.screenshot({ path: 'test-results/timeline-event.png' });
  });
});
