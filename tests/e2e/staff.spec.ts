/**
 * Staff mode in Chromium against a hall server that runs on a real pack store, as
 * `npm run serve -- --data-dir …` does: a temporary data folder whose store holds the minimal
 * fixture pack (re-signed with a throw-away key the folder's config.json trusts, with a staff
 * PIN), and a "USB stick" folder with a newer signed version of it. The staff member opens staff
 * mode with the hidden corner taps, is refused a wrong PIN, enters, previews the pack on the
 * stick (signature, version, what changes), installs and shows it, sees the new title on the
 * visitor screen, then rolls back and sees the old one again.
 *
 * The fixtures' `startAnother` serves a fixed pack only, so this spec starts its own server on the
 * same renderer build with the staff API (`staffApiForContent`, the same wiring as the server
 * entry). Waits on app signals and visible text, never on time.
 */
import type { Page } from '@playwright/test';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../electron/node/config/config';
import { openKioskContent } from '../../electron/node/kiosk-content';
import { buildPack } from '../../electron/node/pack/build';
import { createPackStore } from '../../electron/node/pack/store';
import { generateKeyPair, loadPrivateKey, loadTrustedKey } from '../../electron/node/pack/signature';
import type { HallServer } from '../../electron/node/server/hall-server';
import { startHallServer } from '../../electron/node/server/hall-server';
import { staffApiForContent } from '../../electron/node/server/staff-http';
import { hashPin } from '../../electron/node/staff/pin';
import { listVolumes } from '../../electron/node/staff/usb-scan';
import { expect, test as base } from './fixtures';

const FIXTURE = path.resolve('tests/fixtures/packs/minimal');
const PIN = '246813';
const OLD = { zh: '最小测试内容包', version: '0.1.0' };
const NEW = { zh: '新展览 · 第二版', en: 'New exhibition, second edition', version: '0.2.0' };

type StaffHall = { url: string; stick: string; dataDir: string };

/** Copies the fixture and rewrites its pack.json (build recomputes the files index). */
async function authorCopy(dest: string, edit: (m: Record<string, unknown>) => void): Promise<string> {
  await cp(FIXTURE, dest, { recursive: true });
  const file = path.join(dest, 'pack.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  await writeFile(file, JSON.stringify(manifest, null, 2));
  return dest;
}

const test = base.extend<object, { staffHall: StaffHall }>({
  staffHall: [
    async ({ hall }, use) => {
      const work = await mkdtemp(path.join(tmpdir(), 'hall-e2e-staff-'));
      const dataDir = path.join(work, 'data');
      const stick = path.join(work, 'usb', 'HALL-STICK');
      await mkdir(dataDir, { recursive: true });
      await mkdir(stick, { recursive: true });

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

      // The hall has been showing the fixture pack 0.1.0 (signed with the hall's key).
      const v1 = await buildPack({
        sourceDir: await authorCopy(path.join(work, 'src-1'), () => undefined),
        outDir: path.join(work, 'built-1'),
        privateKey: privateKey.value,
      });
      if (!v1.ok) throw new Error(JSON.stringify(v1.problems));
      const setup = createPackStore({ dataDir, trustedKeys: [trusted.value], allowUnsigned: false });
      const installed = await setup.install(path.join(work, 'built-1'));
      if (!installed.ok) throw new Error(JSON.stringify(installed.problems));
      await setup.activate(installed.ref);
      await setup.commit(installed.ref);

      // On the stick: 0.2.0 with a new title and one more place.
      const v2 = await buildPack({
        sourceDir: await authorCopy(path.join(work, 'src-2'), (m) => {
          m['version'] = NEW.version;
          m['title'] = { 'zh-Hans': NEW.zh, en: NEW.en };
          const places = m['places'] as Record<string, unknown>[];
          places.push({
            ...places[0],
            id: 'hall-annex',
            name: { 'zh-Hans': '纪念馆新馆', en: 'Memorial annex' },
          });
        }),
        outFile: path.join(stick, 'new-exhibition.hallpack'),
        privateKey: privateKey.value,
      });
      if (!v2.ok) throw new Error(JSON.stringify(v2.problems));

      const content = await openKioskContent({
        dataDir,
        embeddedPackRoot: FIXTURE,
        developmentKeyPath: path.join(work, 'no-development-key.pem'),
        config: loadConfig(dataDir).config,
        log: hall.log,
      });
      const staffApi = staffApiForContent(content, {
        dataDir,
        log: hall.log,
        volumes: () => listVolumes({ roots: [stick] }),
      });
      const server: HallServer = await startHallServer({
        port: 0,
        rendererRoot: hall.rendererRoot,
        getActivePack: content.getActivePack,
        staffApi,
        log: hall.log,
      });
      await use({ url: server.url, stick, dataDir });
      await server.close();
      await content.close();
      await rm(work, { recursive: true, force: true, maxRetries: 5 });
    },
    { scope: 'worker' },
  ],
});

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
}

/** The hidden gesture: five taps in the very top-left corner, beside the Home button. */
async function cornerTaps(page: Page): Promise<void> {
  for (let i = 0; i < 5; i += 1) await page.mouse.click(6, 40);
  await expect(page.locator('html')).toHaveAttribute('data-screen', 'staff');
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-enter').click();
}

async function enterStaff(page: Page): Promise<void> {
  await cornerTaps(page);
  await expect(page.getByTestId('pin-pad')).toBeVisible();
  await typePin(page, PIN);
  await expect(page.getByTestId('staff-screen')).toHaveAttribute('data-phase', 'open');
}

test.describe('staff mode', () => {
  test('hidden gesture, PIN, preview, install and show, roll back', async ({ page, staffHall }) => {
    await openApp(page, staffHall.url);
    await expect(page.getByTestId('pack-title')).toHaveText(OLD.zh);
    // Nothing on the visitor screens hints at staff mode, and pressing Home again and again
    // (a visitor's taps in that corner) does not open it.
    await expect(page.getByTestId('pin-pad')).toHaveCount(0);
    await page.mouse.click(6, 40);
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');
    const home = await page.getByTestId('home-button').boundingBox();
    expect(home).not.toBeNull();
    for (let i = 0; i < 6; i += 1) await page.mouse.click(home!.x + 10, home!.y + 10);
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');
    await expect(page.getByTestId('pin-pad')).toHaveCount(0);

    await cornerTaps(page);
    await expect(page.getByTestId('pin-pad')).toBeVisible();
    await typePin(page, '111111');
    await expect(page.getByTestId('staff-problems')).toContainText('staff.pin-wrong');
    await expect(page.getByTestId('staff-screen')).toHaveAttribute('data-phase', 'pin');
    await typePin(page, PIN);
    await expect(page.getByTestId('staff-screen')).toHaveAttribute('data-phase', 'open');

    // Health: the pack on screen, from the store, confirmed.
    await expect(page.getByTestId('staff-health')).toContainText(`minimal@${OLD.version}`);

    // Packs: find the stick's pack, check it, see what changes.
    await page.getByTestId('staff-tab-packs').click();
    await expect(page.getByTestId('staff-current-title')).toHaveText(OLD.zh);
    await expect(page.getByTestId('staff-rollback')).toBeDisabled();
    await page.getByTestId('staff-find-packs').click();
    const candidate = page.getByTestId('staff-candidate');
    await expect(candidate).toHaveCount(1);
    await expect(candidate).toContainText('new-exhibition.hallpack');
    await candidate.getByTestId('staff-preview-button').click();
    const preview = page.getByTestId('staff-preview');
    await expect(preview).toHaveAttribute('data-can-install', 'true');
    await expect(preview.getByTestId('staff-preview-version')).toContainText(
      `${OLD.version} → ${NEW.version}`,
    );
    await expect(preview.getByTestId('staff-preview-signature')).toContainText('签名密钥');
    const places = preview.getByTestId('staff-preview-diff').locator('[data-kind="places"]');
    await expect(places).toHaveAttribute('data-added', '1');
    await expect(places).toHaveAttribute('data-removed', '0');

    // Install and show: the page reloads onto the visitor screen with the new pack.
    await preview.getByTestId('staff-install').click();
    await expect(page.getByTestId('pack-title')).toHaveText(NEW.zh, { timeout: 30_000 });
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'attract');
    await expect(page.locator('html')).toHaveAttribute('data-app-ready', 'true');

    // Undo: staff mode again, roll back, the old pack is back.
    await enterStaff(page);
    await page.getByTestId('staff-tab-packs').click();
    await expect(page.getByTestId('staff-current-title')).toHaveText(NEW.zh);
    await expect(page.getByTestId('staff-previous')).toContainText(OLD.zh);
    await page.getByTestId('staff-rollback').click();
    await expect(page.getByTestId('pack-title')).toHaveText(OLD.zh, { timeout: 30_000 });

    // Leaving staff mode returns to the visitor screens and locks the session.
    await enterStaff(page);
    await page.getByTestId('staff-lock').click();
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');
    await expect(page.getByTestId('staff-screen')).toHaveCount(0);
  });

  test('the staff screen is never reachable by URL', async ({ page, staffHall }) => {
    await openApp(page, `${staffHall.url}?screen=staff`);
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'attract');
    await expect(page.getByTestId('staff-screen')).toHaveCount(0);
  });
});
