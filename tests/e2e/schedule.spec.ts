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
import { expect, test } from './fixtures';

const FIXTURE = path.resolve('tests/fixtures/packs/minimal');
const OLD = { zh: '最小测试内容包', version: '0.1.0' };
const NEW = { zh: '纪念日特展', en: 'Commemoration day exhibition', version: '0.2.0' };

test('a pack scheduled one minute ahead becomes current and the screen shows it', async ({ page, hall }) => {
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
    kioskApi: createKioskHttpHandler({
      calls: createKioskCalls({ config: () => null, activePack: content.activePackInfo }),
      log: hall.log,
    }),
  });
  try {
    await page.clock.install({ time: now });
    await page.goto(server.url);
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('pack-title')).toHaveText(OLD.zh);

    // The technician schedules 0.2.0 for one minute from now.
    const at = formatLocalDateTime(new Date(now.getTime() + 60_000));
    const lines: string[] = [];
    const code = await scheduleCommand(['add', `minimal@${NEW.version}`, '--at', at, '--data-dir', dataDir], {
      out: (s) => lines.push(s),
      err: (s) => lines.push(s),
    });
    expect(code, lines.join('\n')).toBe(0);
    expect(await scheduler.tick()).toEqual([]);
    await expect(page.getByTestId('pack-title')).toHaveText(OLD.zh);

    // A minute later, on both clocks.
    now = new Date(now.getTime() + 61_000);
    expect((await scheduler.tick()).map((s) => s.kind)).toEqual(['start']);
    expect((await store.state())?.current).toBe(`minimal@${NEW.version}`);
    await page.clock.fastForward(61_000);
    await expect(page.getByTestId('pack-title')).toHaveText(NEW.zh, { timeout: 20_000 });
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'attract');
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
});
