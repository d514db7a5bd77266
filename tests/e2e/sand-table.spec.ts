/**
 * The electronic sand table in Chromium (SwiftShader): rendering, taps, chips, time slider,
 * navigation QR, check-in, pinch, tours, catalogue, context loss. Uses the tiny sand-small pack
 * and a 960×540 window so software GL stays quick; waits on the table's signals
 * (`data-scene-ready`, `data-sand-frames`, `data-sand-tour`) and its `?debug=1` readout.
 */
import type { CDPSession, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { fillLinkTemplate } from '../../renderer/src/sand-table/navigation-link';
import type { PlaceScreenPosition, SandTableDebugInfo } from '../../renderer/src/sand-table/sand-table';
import { expect, gotoApp, test } from './fixtures';

test.use({
  packDir: 'tests/fixtures/packs/sand-small',
  viewport: { width: 960, height: 540 },
  hasTouch: true,
});

type Debug = {
  debugInfo(): SandTableDebugInfo;
  screenPositionOf(id: string): PlaceScreenPosition | null;
  store: { getState(): Record<string, unknown> & { presetChosen(id: string): void } };
};

async function openTable(page: Page): Promise<void> {
  await gotoApp(page, { screen: 'sand-table', debug: 1 });
  await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached' });
}

function info(page: Page): Promise<SandTableDebugInfo> {
  return page.evaluate(() =>
    (window as unknown as { __hallDebug: { sandTable: Debug } }).__hallDebug.sandTable.debugInfo(),
  );
}

function positionOf(page: Page, id: string): Promise<PlaceScreenPosition> {
  return page.evaluate((placeId) => {
    const p = (
      window as unknown as { __hallDebug: { sandTable: Debug } }
    ).__hallDebug.sandTable.screenPositionOf(placeId);
    if (!p) throw new Error(`no place ${placeId}`);
    return p;
  }, id);
}

/** Waits until the table has drawn a frame after now and has stopped moving. */
async function settled(page: Page): Promise<void> {
  await expect.poll(async () => (await info(page)).animating, { timeout: 20_000 }).toBe(false);
  const frames = (await info(page)).frames;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect((await info(page)).frames).toBeGreaterThanOrEqual(frames);
}

async function tapPlace(page: Page, id: string): Promise<void> {
  await settled(page);
  let p = await positionOf(page, id);
  if (!p.onScreen) {
    // A previous card flew the camera elsewhere: come back to the overview first.
    await page.getByTestId('camera-reset').click();
    await settled(page);
    p = await positionOf(page, id);
  }
  expect(p.onScreen && p.visible && !p.clustered, `${id} should be tappable: ${JSON.stringify(p)}`).toBe(
    true,
  );
  await page.touchscreen.tap(p.clientX, p.clientY);
  await expect(page.getByTestId('place-card')).toHaveAttribute('data-place-id', id);
}

/** Luminance statistics of a region of the page, read back through a 2D canvas. */
async function pixelStats(
  page: Page,
): Promise<{ mean: number; std: number; colours: number; reddish: number }> {
  const png = await page.screenshot({ clip: { x: 0, y: 120, width: 960, height: 360 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    let sq = 0;
    let reddish = 0;
    const colours = new Set<number>();
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i] ?? 0;
      const g = d[i + 1] ?? 0;
      const b = d[i + 2] ?? 0;
      const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      sum += y;
      sq += y * y;
      if (r > 150 && r > g * 1.8 && r > b * 1.8) reddish++;
      colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
    }
    const mean = sum / n;
    return { mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)), colours: colours.size, reddish };
  }, png.toString('base64'));
}

async function touch(
  cdp: CDPSession,
  type: 'touchStart' | 'touchMove' | 'touchEnd',
  points: { x: number; y: number }[],
) {
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id, radiusX: 4, radiusY: 4, force: 1 })),
  });
}

/** A two-finger pinch about (cx, cy) from `from` to `to` px between the fingers. */
async function pinch(
  cdp: CDPSession,
  cx: number,
  cy: number,
  from: number,
  to: number,
  steps = 8,
): Promise<void> {
  const at = (d: number) => [
    { x: cx - d / 2, y: cy },
    { x: cx + d / 2, y: cy },
  ];
  await touch(cdp, 'touchStart', at(from));
  for (let i = 1; i <= steps; i++) await touch(cdp, 'touchMove', at(from + ((to - from) * i) / steps));
  await touch(cdp, 'touchEnd', []);
}

test.describe('sand table', () => {
  test('renders the table: not blank, markers drawn, draw calls independent of places', async ({
    page,
    hall,
  }) => {
    await openTable(page);
    const i = await info(page);
    expect(i.ready).toBe(true);
    expect(i.places).toBe(hall.manifest.places.length);
    expect(i.visiblePlaces).toBe(hall.manifest.places.length);
    expect(i.markersShown + i.clusters).toBeGreaterThan(0);
    // One instanced mesh per marker shape in use, not one per place.
    const shapes = new Set(hall.manifest.categories.map((c) => c.shape)).size;
    expect(i.drawCalls).toBeLessThan(30);
    expect(i.drawCalls).toBeGreaterThanOrEqual(shapes);
    expect(i.labels).toBeGreaterThan(0);
    // Every shader program, the base map's parts' too, was compiled while the files loaded: the
    // first frame compiled none itself (each one there held it ~50 ms under SwiftShader).
    expect(i.programs).toBeGreaterThan(3);
    expect(i.firstFramePrograms).toBe(0);
    await expect(page.getByTestId('sand-labels')).toContainText('瞿秋白纪念馆');
    const stats = await pixelStats(page);
    // A dark, solemn table, but with structure: relief, lines, labels, red markers.
    expect(stats.mean).toBeGreaterThan(12);
    expect(stats.mean).toBeLessThan(140);
    expect(stats.std).toBeGreaterThan(8);
    expect(stats.colours).toBeGreaterThan(60);
    expect(stats.reddish).toBeGreaterThan(20);
  });

  test('start view: every place in the free part of the screen, named; reset returns there', async ({
    page,
    hall,
  }) => {
    await openTable(page);
    const all = hall.manifest.places.length;
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-places-on-screen', `${all}/${all}`);
    const names = Number(await html.getAttribute('data-labels-shown'));
    expect(names).toBeGreaterThanOrEqual(Math.min(8, all));
    await expect(page.locator('.sand-label[data-kind="place"]')).toHaveCount(names);
    // Zoom in hard: places leave the screen. Reset brings every one back.
    const box = (await page.getByTestId('sand-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
    await settled(page);
    await expect(html).not.toHaveAttribute('data-places-on-screen', `${all}/${all}`);
    await page.getByTestId('camera-reset').click();
    await settled(page);
    await expect(html).toHaveAttribute('data-places-on-screen', `${all}/${all}`);
  });

  test('the panels take taps only on their controls; the card never covers them', async ({ page }) => {
    await openTable(page);
    const stray = await page.evaluate(() => {
      const chrome = document.querySelector('.sand__chrome')!.getBoundingClientRect();
      const out: string[] = [];
      for (let x = chrome.left + 2; x < chrome.right; x += 12) {
        for (let y = chrome.top + 2; y < chrome.bottom; y += 8) {
          const el = document.elementFromPoint(x, y);
          if (!el || el.closest('button') || el.matches('canvas')) continue;
          out.push(`${Math.round(x)},${Math.round(y)}: ${el.className}`);
        }
      }
      return out;
    });
    expect(stray).toEqual([]);
    await tapPlace(page, 'qiu-memorial');
    for (const id of ['camera-reset', 'tour-start', 'catalogue-open', 'language-toggle']) {
      const control = page.getByTestId(id);
      const b = (await control.boundingBox())!;
      const hit = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid]')?.getAttribute('data-testid'),
        [b.x + b.width / 2, b.y + b.height / 2],
      );
      expect(hit, `${id} is reachable with the card open`).toBe(id);
    }
  });

  test('"show on the sand table" from a timeline event flies to the place beside its card', async ({
    page,
  }) => {
    await gotoApp(page, { screen: 'timeline', debug: 1 });
    await page.locator('html[data-timeline-ready="true"]').waitFor({ state: 'attached' });
    await page.locator('[data-testid="event-card"][data-event-id="e-memorial"]').click();
    await page.getByTestId('show-on-sand-table').click();
    await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('place-card')).toHaveAttribute('data-place-id', 'qiu-memorial');
    await settled(page);
    const i = await info(page);
    expect(i.pose.distance).toBeLessThan(i.home.distance * 0.8);
    const p = await positionOf(page, 'qiu-memorial');
    expect(p.onScreen).toBe(true);
    // In the middle of the part the card leaves free.
    expect(Math.abs(p.x - (i.safe.left + i.safe.right) / 2)).toBeLessThan(40);
    expect(Math.abs(p.y - (i.safe.top + i.safe.bottom) / 2)).toBeLessThan(40);
    const card = (await page.getByTestId('place-card').boundingBox())!;
    expect(p.clientX).toBeLessThan(card.x);
  });

  test("the card fonts are in soon after the table's first frame: the first card fetches none", async ({
    page,
  }) => {
    await openTable(page);
    // Warmed when the kiosk idles right after the table's first frame, not 10 s later: a card
    // opened in the first seconds used to start eight font requests inside its tap's layout.
    await page.locator('html[data-card-fonts="warm"]').waitFor({ state: 'attached', timeout: 4000 });
    await page.evaluate(() => performance.clearResourceTimings());
    await tapPlace(page, 'zhang-memorial');
    await expect(page.getByTestId('place-card-name')).toHaveText('张太雷纪念馆');
    const fonts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.woff2')),
    );
    expect(fonts, 'font requests while the first card opened').toEqual([]);
  });

  test('tapping a place by its projected position flies there and opens its card', async ({ page }) => {
    await openTable(page);
    const before = (await info(page)).pose;
    await tapPlace(page, 'zhang-memorial');
    await expect(page.getByTestId('place-card-name')).toHaveText('张太雷纪念馆');
    await settled(page);
    const after = (await info(page)).pose;
    expect(after.distance).toBeLessThan(before.distance);
    // The place now sits left of the card.
    const p = await positionOf(page, 'zhang-memorial');
    const card = await page.getByTestId('place-card').boundingBox();
    expect(p.onScreen).toBe(true);
    expect(p.clientX).toBeLessThan(card!.x);
    await page.getByTestId('place-card-close').click();
    await expect(page.getByTestId('place-card')).toHaveCount(0);
  });

  test('category chips filter the markers', async ({ page, hall }) => {
    await openTable(page);
    const all = hall.manifest.places.length;
    const count = (cat: string) => hall.manifest.places.filter((p) => p.category === cat).length;
    // From "all", a chip shows only its category; then chips add and remove categories.
    await page.getByTestId('category-chip-events').click();
    await expect.poll(async () => (await info(page)).visiblePlaces).toBe(count('events'));
    await expect(page.getByTestId('category-chip-all')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('category-chip-events')).toHaveAttribute('aria-pressed', 'true');
    expect((await positionOf(page, 'qiu-memorial')).visible).toBe(false);
    await expect(page.getByTestId('sand-labels')).not.toContainText('瞿秋白纪念馆');
    await page.getByTestId('category-chip-figures').click();
    await expect.poll(async () => (await info(page)).visiblePlaces).toBe(count('events') + count('figures'));
    await expect(page.getByTestId('sand-labels')).toContainText('瞿秋白纪念馆');
    await page.getByTestId('category-chip-all').click();
    await expect.poll(async () => (await info(page)).visiblePlaces).toBe(all);
  });

  test('the time slider hides out-of-era places, routes and layers', async ({ page, hall }) => {
    await openTable(page);
    const all = hall.manifest.places.length;
    await page.getByTestId('layer-toggle-chain').click();
    await expect.poll(async () => (await info(page)).visibleLayers).toBe(1);

    // 1921–1949: the park (1952) and the base (1990) are not there yet; the chain (2015) neither.
    // Places without dates enter with their first event: the memorial (1955), the industry park
    // (2018).
    await page.getByTestId('time-era-founding').click();
    await expect.poll(async () => (await info(page)).visiblePlaces).toBe(all - 4);
    expect((await positionOf(page, 'martyrs-park')).visible).toBe(false);
    expect((await positionOf(page, 'qiu-memorial')).visible).toBe(false);
    expect((await positionOf(page, 'uprising-site')).visible).toBe(true);
    expect((await info(page)).visibleLayers).toBe(0);
    expect((await info(page)).visibleRoutes).toBe(2);

    // Reform era: the uprising site (1921–1935) and the old road (to 1949) are history.
    await page.getByTestId('time-era-reform').click();
    await expect.poll(async () => (await info(page)).visiblePlaces).toBe(all - 1);
    expect((await positionOf(page, 'uprising-site')).visible).toBe(false);
    expect((await info(page)).visibleRoutes).toBe(1);
    expect((await info(page)).visibleLayers).toBe(1);

    await page.getByTestId('time-all').click();
    await expect.poll(async () => (await info(page)).visiblePlaces).toBe(all);
  });

  test('navigate shows the route on the table and a QR code of the templated link', async ({
    page,
    hall,
  }) => {
    await openTable(page);
    await tapPlace(page, 'qiu-memorial');
    await page.getByTestId('card-tab-navigate').click();
    await expect.poll(async () => (await info(page)).navigationRoute).toBe(true);
    const qr = page.getByTestId('nav-qr');
    await expect(qr).toBeVisible();
    const place = hall.manifest.places.find((p) => p.id === 'qiu-memorial')!;
    const expected = fillLinkTemplate(
      hall.manifest.navigation!.linkTemplate,
      place,
      'zh-Hans',
      hall.manifest.defaultLanguage,
    );
    expect(expected).toContain('to=31.79,119.96');
    expect(expected).toContain(encodeURIComponent('瞿秋白纪念馆'));
    await expect(qr).toHaveAttribute('data-text', expected);
    const pixels = await qr.evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return { width: canvas.width, height: canvas.height, data: Array.from(data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
    expect(decoded?.data).toBe(expected);

    // A place with its own link uses it instead of the template.
    await page.getByTestId('place-card-close').click();
    await expect.poll(async () => (await info(page)).navigationRoute).toBe(false);
    await tapPlace(page, 'yun-memorial');
    await page.getByTestId('card-tab-navigate').click();
    await expect(page.getByTestId('nav-qr')).toHaveAttribute('data-text', 'https://map.example.cn/place/yun');
  });

  test('check-in counts groups and people and survives a reload', async ({ page }) => {
    await openTable(page);
    await tapPlace(page, 'qiu-memorial');
    await page.getByTestId('card-tab-checkin').click();
    const totals = page.getByTestId('check-in-totals');
    await expect(totals).toHaveAttribute('data-people', '0');
    await page.getByTestId('check-in-group-party-branch').click();
    await page.getByTestId('check-in-plus-10').click();
    await page.getByTestId('check-in-plus-1').click();
    await page.getByTestId('check-in-minus-1').click();
    await page.getByTestId('check-in-plus-5').click();
    await expect(page.getByTestId('check-in-count')).toHaveText('16');
    await page.getByTestId('check-in-submit').click();
    await expect(page.getByTestId('check-in-thanks')).toBeVisible();
    await expect(totals).toHaveAttribute('data-people', '16');
    await expect(totals).toHaveAttribute('data-groups', '1');
    await expect(totals).toContainText('1 批次');
    // One tap is one group: more taps while the confirmation shows count nothing.
    const submit = page.getByTestId('check-in-submit');
    await expect(submit).toHaveAttribute('data-resting', 'true');
    await expect(submit).toHaveText('✓ 已报到');
    // (force: a tap lands whether or not the button says it is resting)
    for (let i = 0; i < 4; i++) await submit.click({ force: true });
    await expect(totals).toHaveAttribute('data-groups', '1');
    await expect(submit).toHaveAttribute('data-resting', 'false', { timeout: 8000 });
    await expect(submit).toHaveText('再报到一组');
    await submit.click();
    await expect(totals).toHaveAttribute('data-people', '17');
    await expect(totals).toHaveAttribute('data-groups', '2');

    await openTable(page);
    await tapPlace(page, 'qiu-memorial');
    await page.getByTestId('card-tab-checkin').click();
    await expect(page.getByTestId('check-in-totals')).toHaveAttribute('data-people', '17');
    await expect(page.getByTestId('check-in-totals')).toHaveAttribute('data-groups', '2');

    // A place without check-in offers no such tab.
    await page.getByTestId('place-card-close').click();
    await tapPlace(page, 'congress-site');
    await expect(page.getByTestId('card-tab-checkin')).toHaveCount(0);
  });

  test('pinch zooms toward the fingers and stays within the limits', async ({ page }) => {
    await openTable(page);
    const cdp = await page.context().newCDPSession(page);
    const start = await info(page);
    await pinch(cdp, 480, 320, 80, 240);
    await expect.poll(async () => (await info(page)).pose.distance).toBeLessThan(start.pose.distance * 0.6);
    for (let i = 0; i < 4; i++) await pinch(cdp, 480, 320, 60, 400);
    await settled(page);
    const near = await info(page);
    expect(near.pose.distance).toBeCloseTo(near.limits.minDistance, 5);
    for (let i = 0; i < 5; i++) await pinch(cdp, 480, 320, 400, 40);
    await settled(page);
    const far = await info(page);
    expect(far.pose.distance).toBeCloseTo(far.limits.maxDistance, 5);
    expect(far.pose.tilt).toBeGreaterThanOrEqual(far.limits.minTilt);
    expect(far.pose.tilt).toBeLessThanOrEqual(far.limits.maxTilt);
    // A pinch is never a tap: no card opened.
    await expect(page.getByTestId('place-card')).toHaveCount(0);
    // Pinching the panels or the top bar zooms nothing: the page keeps its scale.
    await pinch(cdp, 300, 30, 60, 300);
    const chips = (await page.getByTestId('category-chips').boundingBox())!;
    await pinch(cdp, chips.x + chips.width / 2, chips.y + chips.height / 2, 60, 300);
    expect(await page.evaluate(() => window.visualViewport?.scale)).toBe(1);
    await page.getByTestId('camera-reset').click();
    await expect
      .poll(async () => (await info(page)).pose.distance, { timeout: 20_000 })
      .toBeCloseTo(start.pose.distance, 3);
  });

  test('a tour plays with subtitles and a touch hands the table to the visitor', async ({ page }) => {
    await openTable(page);
    await page.getByTestId('tour-start').click();
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-sand-tour', /^playing:0$/);
    // The first shot's narration captions come from its WebVTT.
    await expect(page.getByTestId('tour-caption')).toHaveText(/欢迎来到红色地图|这里是瞿秋白纪念馆/);
    await expect(html).toHaveAttribute('data-sand-tour', 'playing:1', { timeout: 30_000 });
    await expect(page.getByTestId('tour-caption')).toHaveText('环绕纪念馆');

    // Pause holds the shot; resume continues.
    await page.getByTestId('tour-pause').click();
    await expect(html).toHaveAttribute('data-sand-tour', 'paused:1');
    await expect.poll(async () => (await info(page)).animating).toBe(false);
    await page.getByTestId('tour-resume').click();
    await expect(html).toHaveAttribute('data-sand-tour', /^playing:/);

    // Any touch on the table: the tour stops where it is.
    await page.touchscreen.tap(120, 300);
    await expect(html).toHaveAttribute('data-sand-tour', /^interrupted:/);
    await expect(page.getByTestId('tour-bar')).toHaveAttribute('data-status', 'interrupted');
    await settled(page);
    const here = (await info(page)).pose;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect((await info(page)).pose).toEqual(here);
  });

  test('the catalogue filters, indexes and opens a card', async ({ page, hall }) => {
    await openTable(page);
    await page.getByTestId('catalogue-open').click();
    const count = page.getByTestId('catalogue-count');
    await expect(count).toHaveAttribute('data-count', String(hall.manifest.places.length));
    await page.getByTestId('catalogue-categories').locator('[data-value="figures"]').click();
    await expect(count).toHaveAttribute('data-count', '3');
    await page.getByTestId('catalogue-letters').locator('[data-letter="Q"]').click();
    await expect(count).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('catalogue-letters').locator('[data-letter="B"]')).toBeDisabled();
    await page.getByTestId('catalogue-entry-qiu-memorial').click();
    await expect(page.getByTestId('catalogue')).toHaveCount(0);
    await expect(page.getByTestId('place-card')).toHaveAttribute('data-place-id', 'qiu-memorial');
    await settled(page);
    expect((await positionOf(page, 'qiu-memorial')).onScreen).toBe(true);
  });

  test('a lost WebGL context shows a calm notice, then the table comes back', async ({ page }) => {
    await openTable(page);
    await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="sand-canvas"]') as HTMLCanvasElement;
      const gl = canvas.getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_lose_context');
      (window as unknown as { __lose: unknown }).__lose = ext;
      ext?.loseContext();
    });
    await expect(page.getByTestId('scene-notice')).toHaveAttribute('data-status', 'context-lost');
    await expect(page.locator('html')).toHaveAttribute('data-scene-ready', 'false');
    await page.evaluate(() =>
      (window as unknown as { __lose: { restoreContext(): void } }).__lose.restoreContext(),
    );
    await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('scene-notice')).toHaveCount(0);
    await tapPlace(page, 'zhang-memorial');
  });

  test('the card presents media: zoomable image, captioned video, narration and a 3D model', async ({
    page,
  }) => {
    await openTable(page);
    await tapPlace(page, 'qiu-memorial');
    const gallery = page.getByTestId('media-gallery');
    await expect(gallery.getByTestId('pinch-image')).toBeVisible();
    const image = gallery.getByTestId('pinch-image');
    const box = (await image.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await expect(image).toHaveAttribute('data-zoomed', 'true');

    await page.getByTestId('media-thumb-clip').click();
    const video = gallery.getByTestId('media-video');
    await expect(video.locator('track')).toHaveAttribute('src', /captions\/clip\.zh\.vtt$/);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);

    await page.getByTestId('media-thumb-narration').click();
    await expect(gallery.getByTestId('media-audio')).toHaveAttribute('src', /narration\.zh\.ogg$/);

    await page.getByTestId('media-thumb-obelisk').click();
    const model = gallery.getByTestId('model-view');
    await expect(model).toHaveAttribute('data-status', 'ready', { timeout: 20_000 });
    const canvas = model.getByTestId('model-canvas');
    const frames = async () => Number((await canvas.getAttribute('data-frames')) ?? '0');
    const before = await frames();
    const m = (await canvas.boundingBox())!;
    await page.mouse.move(m.x + m.width / 2, m.y + m.height / 2);
    await page.mouse.down();
    await page.mouse.move(m.x + m.width / 2 + 60, m.y + m.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(frames).toBeGreaterThan(before);
  });

  test('switching the language relabels the table and the card', async ({ page }) => {
    await openTable(page);
    await tapPlace(page, 'qiu-memorial');
    await page.getByTestId('language-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-lang', 'en');
    await expect(page.getByTestId('place-card-name')).toHaveText('Qu Qiubai Memorial');
    await expect(page.getByTestId('sand-labels')).toContainText('Qu Qiubai Memorial');
    await expect(page.getByTestId('card-tab-navigate')).toHaveText('Directions');
  });

  test('opening and closing the table again and again leaves nothing behind', async ({ page }) => {
    await openTable(page);
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    };
    const cycle = async () => {
      await page.getByTestId('home-button').click();
      await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');
      await expect(page.locator('canvas')).toHaveCount(0);
      await expect(page.locator('.sand-label')).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.dataset.sceneReady)).toBeUndefined();
      await page.getByTestId('tile-sand-table').click();
      await page.locator('html[data-scene-ready="true"]').waitFor({ state: 'attached' });
    };
    // CI runs a short cycle; a soak run sets HALL_SOAK_CYCLES (e.g. 200, as the issue asks).
    const cycles = Number(process.env.HALL_SOAK_CYCLES ?? '12');
    test.setTimeout(Math.max(120_000, cycles * 6_000));
    for (let i = 0; i < 3; i++) await cycle();
    const warm = await heap();
    const warmMemory = await info(page);
    for (let i = 0; i < cycles; i++) await cycle();
    const after = await heap();
    const afterMemory = await info(page);
    expect(after - warm, `heap grew from ${warm} to ${after}`).toBeLessThan(3 * 1024 * 1024);
    // renderer.info.memory of the freshly opened table is back where it was.
    expect({ g: afterMemory.geometries, t: afterMemory.textures }).toEqual({
      g: warmMemory.geometries,
      t: warmMemory.textures,
    });
    await expect(page.locator('canvas')).toHaveCount(1);
  });

  test('"its events" opens the timeline at the place’s first event', async ({ page }) => {
    await openTable(page);
    await tapPlace(page, 'qiu-memorial');
    await expect(page.getByTestId('place-events')).toBeVisible();
    await page.getByTestId('place-events').click();
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'timeline');
  });
});
