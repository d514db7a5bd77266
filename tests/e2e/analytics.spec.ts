/**
 * Visitor analytics on disk, in browser mode: a scripted visit (open a place from the catalogue,
 * open a timeline event, wait out the idle reset) leaves its session and place records in the data
 * folder's JSON-lines file, in `hallpack analytics export`'s CSV, in the staff screen's Visitors
 * view and in the staff export on a stick. Waits on the page's `data-analytics-sent` signal.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyticsCommand } from '../../electron/node/cli/analytics-command';
import { saveScreen } from '../../electron/node/analytics/screen-store';
import { createHealthLog, withHealth } from '../../electron/node/health/health-log';
import { hashPin } from '../../electron/node/staff/pin';
import { localDateKey } from '../../electron/shared/hall-hours';
import { enterHome, expect, test } from './fixtures';
import { startConfiguredHall } from './hall-world';

const PIN = '246813';

test('a visit leaves session, place and event records on disk, in the CLI export and on the staff screen', async ({
  page,
  hall,
}, testInfo) => {
  const place = hall.manifest.places[0];
  const timeline = hall.manifest.timelines[0];
  const event = timeline?.events[0];
  if (!place || !timeline || !event) throw new Error('the default pack has places and events');
  const configured = await startConfiguredHall({
    rendererRoot: hall.rendererRoot,
    packDir: hall.packDir,
    log: hall.log,
    config: { idleTimeoutSeconds: 15, countdownSeconds: 3, staffPinHash: await hashPin(PIN) },
    staff: { volumes: [testInfo.outputPath('stick')] },
  });
  await mkdir(testInfo.outputPath('stick'), { recursive: true });
  try {
    await page.goto(`${configured.url}?debug=1`);
    const html = page.locator('html');
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
    await enterHome(page);

    await page.getByTestId('tile-sand-table').click();
    await page.getByTestId('catalogue-open').click();
    await page.getByTestId(`catalogue-entry-${place.id}`).click();
    await expect(page.getByTestId('place-card')).toBeVisible();
    await page.getByTestId('place-card-close').click();

    await page.getByTestId('home-button').click();
    await page.getByTestId('tile-timeline').click();
    await page.locator(`[data-testid="event-card"][data-event-id="${event.id}"]`).click();
    await expect(page.getByTestId('event-detail')).toHaveAttribute('data-event-id', event.id);

    // The visitor walks away: the idle reset ends the visit and sends it at once.
    await page.evaluate(() => {
      (
        window as unknown as { __hallDebug?: { idle?: { skip: (s: number) => void } } }
      ).__hallDebug?.idle?.skip(30);
    });
    await expect(html).toHaveAttribute('data-screen', 'attract', { timeout: 40_000 });

    const dir = path.join(configured.dataDir, 'analytics');
    const today = localDateKey(new Date());
    let lines: Record<string, unknown>[] = [];
    await expect
      .poll(
        async () => {
          const files = await readdir(dir).catch(() => [] as string[]);
          const text = files.includes(`events-${today}.jsonl`)
            ? await readFile(path.join(dir, `events-${today}.jsonl`), 'utf8')
            : '';
          lines = text
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => JSON.parse(l) as Record<string, unknown>);
          return lines.map((l) => l['type']);
        },
        { timeout: 15_000 },
      )
      .toContain('session-end');
    const types = lines.map((l) => l['type']);
    expect(types[0]).toBe('session-start');
    expect(lines).toContainEqual(expect.objectContaining({ type: 'place', id: place.id }));
    expect(lines).toContainEqual(expect.objectContaining({ type: 'event', id: event.id }));
    expect(lines).toContainEqual(expect.objectContaining({ type: 'screen', screen: 'timeline' }));
    expect(types).toContain('heat');
    const end = lines.find((l) => l['type'] === 'session-end');
    expect(end?.['dwellMs']).toEqual(expect.any(Number));
    // One random visit id, nothing else that could name a person.
    expect(new Set(lines.map((l) => l['s'])).size).toBe(1);

    // The command line export.
    const csvFile = testInfo.outputPath('visits.csv');
    const out: string[] = [];
    const code = await analyticsCommand(
      ['export', '--data-dir', configured.dataDir, '--from', today, '--to', today, '--csv', csvFile],
      { out: (s) => out.push(s), err: (s) => out.push(s) },
    );
    expect(code, out.join('\n')).toBe(0);
    const csv = await readFile(csvFile, 'utf8');
    expect(csv).toMatch(/^\uFEFFtime,date,hour,session,type,target,language,amount,duration_ms,detail\r\n/);
    expect(csv).toMatch(/,session-start,,zh-Hans,/);
    expect(csv).toContain(`,place,${place.id},`);
    expect(csv).toContain(`,event,${event.id},`);
    expect(csv).toMatch(/,session-end,,,,\d+,idle\r\n/);

    // The staff screen's Visitors view, and the export onto the stick. The heatmap is drawn over
    // the kiosk's picture of its home screen: the browser-kiosk supervisor or Electron takes it
    // (browser-kiosk.spec proves the supervisor's); here the test stores one as they do.
    await page.getByTestId('attract').click({ position: { x: 40, y: 40 } });
    await expect(html).toHaveAttribute('data-screen', 'home');
    await saveScreen(configured.dataDir, 'landscape', await page.screenshot({ type: 'jpeg', quality: 70 }));
    for (let i = 0; i < 5; i += 1) await page.mouse.click(6, 40);
    for (const digit of PIN) await page.getByTestId(`pin-key-${digit}`).click();
    await page.getByTestId('pin-enter').click();
    await expect(page.getByTestId('staff-screen')).toHaveAttribute('data-phase', 'open');
    await page.getByTestId('staff-tab-analytics').click();
    await expect(page.getByTestId('staff-analytics-facts')).toBeVisible();
    await expect(page.getByTestId('staff-top-places').locator(`[data-key="${place.id}"]`)).toBeVisible();
    await expect(page.getByTestId('staff-top-events').locator(`[data-key="${event.id}"]`)).toBeVisible();
    await expect(page.getByTestId('staff-heat-landscape')).toHaveAttribute('data-over', 'screen');
    await expect(page.getByTestId('staff-heat-picture-landscape')).toHaveAttribute(
      'href',
      /^data:image\/jpeg;base64,\/9j\//,
    );
    for (const [w, h] of [
      [1920, 1080],
      [1080, 1920],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: testInfo.outputPath(`staff-analytics-${w}x${h}.png`), fullPage: true });
    }
    // The health page shows the health log: a fleet poller's failure, logged as it always is.
    const health = createHealthLog({ dataDir: configured.dataDir });
    withHealth(hall.log, health).warn('fleet: pull failed', { error: 'ECONNREFUSED', retryInSeconds: 600 });
    await health.daily.append([]);
    await page.getByTestId('staff-tab-health').click();
    await page.getByTestId('staff-refresh').click();
    await expect(page.getByTestId('staff-health-events').locator('[data-kind="fleet"]')).toContainText(
      'fleet: pull failed',
    );
    for (const [w, h] of [
      [1920, 1080],
      [1080, 1920],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: testInfo.outputPath(`staff-health-${w}x${h}.png`) });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('staff-tab-export').click();
    await page.getByTestId('staff-find-sticks').click();
    await page.getByTestId('staff-export-to').click();
    await expect(page.getByTestId('staff-exported')).toContainText('analytics-events.csv');
    const [folder] = await readdir(testInfo.outputPath('stick'));
    const exported = await readFile(
      path.join(testInfo.outputPath('stick'), folder ?? '', 'analytics-events.csv'),
      'utf8',
    );
    expect(exported).toContain(`,place,${place.id},`);
    const healthCsv = await readFile(
      path.join(testInfo.outputPath('stick'), folder ?? '', 'health-log.csv'),
      'utf8',
    );
    expect(healthCsv).toContain(',fleet,fleet: pull failed,');
  } finally {
    await configured.close();
  }
});
