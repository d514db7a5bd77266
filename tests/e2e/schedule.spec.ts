/**
 * Dated packs in browser mode: a hall server on a real pack store (as `npm run serve -- --data-dir`
 * runs it) shows pack 0.1.0; `hallpack schedule add` puts 0.2.0 one minute ahead; when the
 * kiosk's clock passes that minute the scheduler switches the store, the page (on attract, an
 * idle moment) follows it, and the screen shows the new title. The kiosk's clock is a test clock
 * on both sides — the scheduler's `now` in Node and Playwright's `page.clock` in the page — so the
 * minute passes without waiting for it.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scheduleCommand } from '../../electron/node/cli/schedule-command';
import { loadConfig } from '../../electron/node/config/config';
import { createKioskCalls } from '../../electron/node/kiosk/kiosk-calls';
import { openKioskContent } from '../../electron/node/kiosk-content';
import { buildPack } from '../../electron/node/pack/build';
import { createPackStore } from '../../electron/node/pack/store';
import { generateKeyPair, loadPrivateKey, loadTrustedKey } from '../../electron/node/pack/signature';
import { createScheduler } from '../../electron/node/schedule/scheduler';
import { startHallServer } from '../../electron/node/server/hall-server';
import { createKioskHttpHandler } from '../../electron/node/server/kiosk-http';
import { formatLocalDateTime } from '../../electron/shared/schedule';
import { hashPin } from '../../electron/node/staff/pin';
import { staffApiForContent } from '../../electron/node/server/staff-http';
import { expect, test } from './fixtures';
import type { Hall } from './fixtures';

const FIXTURE = path.resolve('tests/fixtures/packs/minimal');
const OLD = { zh: '最小测试内容包', version: '0.1.0' };
const PIN = '246813';
const NEW = { zh: '纪念日特展', en: 'Commemoration day exhibition', version: '0.2.0' };

type ScheduledHall = {
  url: string;
  dataDir: string;
  store: ReturnType<typeof createPackStore>;
  scheduler: ReturnType<typeof createScheduler>;
  now: () => Date;
  advance: (ms: number) => void;
  close: () => Promise<void>;
};

/** A hall server on a real store holding 0.1.0 (current) and 0.2.0, with staff mode and a scheduler on a test clock. */
async function scheduledHall(hall: Hall): Promise<ScheduledHall> {
  const work = await mkdtemp(path.join(tmpdir(), 'hall-e2e-schedule-'));
  const dataDir = path.join(work, 'data');
  await mkdir(dataDir, { recursive: true });
  const pair = generateKeyPair();
  const privateKey = loadPrivateKey(pair.privateKeyPem);
  const trusted = loadTrustedKey(pair.publicKeyPem);
  if (!privateKey.ok || !trusted.ok) throw new Error('test key');
  await writeFile(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      trustedKeys: [{ name: 'e2e', publicKeyPem: pair.publicKeyPem }],
      trustDevelopmentKey: false,
      staffPinHash: await hashPin(PIN),
    }),
  );
  const store = createPackStore({ dataDir, trustedKeys: [trusted.value], allowUnsigned: false });
  for (const version of [OLD.version, NEW.version]) {
    const src = path.join(work, `src-${version}`);
    await cp(FIXTURE, src, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(src, 'pack.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    manifest['version'] = version;
    if (version === NEW.version) manifest['title'] = { 'zh-Hans': NEW.zh, en: NEW.en };
    await writeFile(path.join(src, 'pack.json'), JSON.stringify(manifest));
    const built = await buildPack({
      sourceDir: src,
      outDir: path.join(work, `built-${version}`),
      privateKey: privateKey.value,
    });
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    const installed = await store.install(path.join(work, `built-${version}`));
    if (!installed.ok) throw new Error(JSON.stringify(installed.problems));
    if (version === OLD.version) {
      await store.activate(installed.ref);
      await store.commit(installed.ref);
    }
  }

  const content = await openKioskContent({
    dataDir,
    embeddedPackRoot: FIXTURE,
    developmentKeyPath: path.join(work, 'no-development-key.pem'),
    config: loadConfig(dataDir).config,
    log: hall.log,
  });
  // The kiosk's clock: Saturday 5 December 2026, 10:00 local, in Node and in the page.
  let now = new Date(2026, 11, 5, 10, 0, 0);
  const scheduler = createScheduler({
    dataDir,
    store: content.store,
    log: hall.log,
    now: () => now,
    afterSwitch: async () => {
      await content.reselect();
    },
  });
  const server = await startHallServer({
    port: 0,
    rendererRoot: hall.rendererRoot,
    getActivePack: content.getActivePack,
    log: hall.log,
    staffApi: staffApiForContent(content, { dataDir, log: hall.log }),
    kioskApi: createKioskHttpHandler({
      calls: createKioskCalls({ config: () => null, activePack: content.activePackInfo }),
      log: hall.log,
    }),
  });
  return {
    url: server.url,
    dataDir,
    store,
    scheduler,
    now: () => now,
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
    close: async () => {
      await server.close();
      // The kiosk content keeps a lease file and polls the store: stop it before the folder goes.
      await content.close();
      await rm(work, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

test('a pack scheduled one minute ahead becomes current and the screen shows it', async ({ page, hall }) => {
  const world = await scheduledHall(hall);
  const { dataDir, store, scheduler } = world;
  try {
    await page.clock.install({ time: world.now() });
    await page.goto(world.url);
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('pack-title')).toHaveText(OLD.zh);

    // The technician schedules 0.2.0 for one minute from now.
    const at = formatLocalDateTime(new Date(world.now().getTime() + 60_000));
    const lines: string[] = [];
    const code = await scheduleCommand(['add', `minimal@${NEW.version}`, '--at', at, '--data-dir', dataDir], {
      out: (s) => lines.push(s),
      err: (s) => lines.push(s),
      now: world.now,
    });
    expect(code, lines.join('\n')).toBe(0);
    expect(await scheduler.tick()).toEqual([]);
    await expect(page.getByTestId('pack-title')).toHaveText(OLD.zh);

    // A minute later, on both clocks.
    world.advance(61_000);
    expect((await scheduler.tick()).map((s) => s.kind)).toEqual(['start']);
    expect((await store.state())?.current).toBe(`minimal@${NEW.version}`);
    await page.clock.fastForward(61_000);
    await expect(page.getByTestId('pack-title')).toHaveText(NEW.zh, { timeout: 20_000 });
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'attract');
  } finally {
    // The page goes before its server: a font slice it still loads (new text swapped in at the
    // last step) would otherwise fail with "connection refused" in the console.
    await page.goto('about:blank');
    await world.close();
  }
});

test('staff see and edit the same schedule, with the same refusals', async ({ page, hall }) => {
  const world = await scheduledHall(hall);
  try {
    await page.goto(world.url);
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
    await page.getByTestId('attract').click({ position: { x: 40, y: 40 } });
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');
    // The hidden gesture: five taps in the very top-left corner, beside the Home button.
    for (let i = 0; i < 5; i += 1) await page.mouse.click(6, 40);
    await expect(page.getByTestId('pin-pad')).toBeVisible();
    for (const digit of PIN) await page.getByTestId(`pin-key-${digit}`).click();
    await page.getByTestId('pin-enter').click();
    await expect(page.getByTestId('staff-screen')).toHaveAttribute('data-phase', 'open');
    await page.getByTestId('staff-tab-schedule').click();
    await expect(page.getByTestId('staff-schedule')).toContainText('没有排期');

    await page.getByTestId('staff-schedule-pack').selectOption(`minimal@${NEW.version}`);
    await page.getByTestId('staff-schedule-at').fill('2099-12-13T08:00');
    await page.getByTestId('staff-schedule-until').fill('2099-12-14T08:00');
    await page.getByTestId('staff-schedule-add').click();
    const row = page.getByTestId('staff-schedule-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('2099-12-13 08:00 → 2099-12-14 08:00');
    await expect(row).toHaveAttribute('data-status', 'pending');

    // The CLI sees what staff entered.
    const lines: string[] = [];
    await scheduleCommand(['list', '--json', '--data-dir', world.dataDir], {
      out: (s) => lines.push(s),
      err: () => undefined,
    });
    expect(JSON.parse(lines.join('')) as unknown).toMatchObject({
      entries: [{ ref: `minimal@${NEW.version}` }],
    });

    // An overlapping entry is refused with the reason.
    await page.getByTestId('staff-schedule-at').fill('2099-12-13T12:00');
    await page.getByTestId('staff-schedule-until').fill('');
    await page.getByTestId('staff-schedule-add').click();
    await expect(page.getByTestId('staff-problems')).toContainText('时间重叠');
    await expect(row).toHaveCount(1);

    await page.getByTestId('staff-schedule-remove').click();
    await expect(row).toHaveCount(0);
  } finally {
    // The page goes before its server: a font slice it still loads (new text swapped in at the
    // last step) would otherwise fail with "connection refused" in the console.
    await page.goto('about:blank');
    await world.close();
  }
});
