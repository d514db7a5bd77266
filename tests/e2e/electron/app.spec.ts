/**
 * The real Electron app, driven by Playwright's `_electron`. Runs only where the Electron binary
 * is installed (it cannot be downloaded on the build machine) and the app is built; otherwise
 * every test is skipped with the reason. The pure policies behind all of this are unit-tested in
 * tests/unit/shared/policy regardless.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { KioskApi } from '../../../electron/shared/kiosk-api';

const repo = path.resolve(import.meta.dirname, '../../..');

/**
 * The Electron executable, or why the suite cannot run. Not `require('electron')`: Electron's
 * index.js tries to download the binary when it is missing, which must never happen offline.
 * Its path.txt is what that module would read.
 */
function findElectron(): { executable: string } | { skip: string } {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { skip: 'Electron binary not installed: the electron package is missing' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile))
    return { skip: `Electron binary not installed: no ${path.relative(repo, pathFile)}` };
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const executable = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return { skip: `Electron binary not installed: ${executable} does not exist` };
  if (!existsSync(path.join(repo, 'dist-electron', 'main.cjs')))
    return { skip: 'dist-electron/main.cjs not built (npm run build)' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skip: 'no display for Electron (run under xvfb-run)' };
  }
  return { executable };
}

const found = findElectron();

type KioskWindow = Window & { kiosk?: KioskApi; require?: unknown };

test.describe('Electron kiosk', () => {
  test.skip('skip' in found, 'skip' in found ? found.skip : '');

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    if (!('executable' in found)) return;
    dataDir = mkdtempSync(path.join(tmpdir(), 'hall-electron-e2e-'));
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    app = await electron.launch({
      executablePath: found.executable,
      // The repository folder: package.json's "main" is dist-electron/main.cjs, and the app path
      // is where dist/renderer and dist/packs are found.
      args: [...(root ? ['--no-sandbox'] : []), repo],
      env: {
        ...process.env,
        HALL_DATA_DIR: dataDir,
        // Playwright adds --inspect=0 --remote-debugging-port=0; tolerated only unpackaged.
        HALL_ALLOW_DEBUG_ARGS: '1',
      },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    if (!('executable' in found)) return;
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens one kiosk window, fullscreen, on hall://kiosk/', async () => {
    expect(page.url()).toMatch(/^hall:\/\/kiosk\//);
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => {
          const windows = BrowserWindow.getAllWindows();
          return {
            count: windows.length,
            fullScreen: windows[0]?.isFullScreen(),
            kiosk: windows[0]?.isKiosk(),
          };
        }),
      )
      .toEqual({ count: 1, fullScreen: true, kiosk: true });
  });

  test('window.kiosk.appInfo() answers from main', async () => {
    const info = await page.evaluate(() => (window as KioskWindow).kiosk?.appInfo());
    expect(info).toMatchObject({ mode: 'electron', dataDir });
    expect(info?.electronVersion).toMatch(/^45\./);
  });

  test('page code has no Node: no require, no process, no ipcRenderer', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (window as KioskWindow).require,
      process: typeof (globalThis as { process?: unknown }).process,
      kioskKeys: Object.keys((window as KioskWindow).kiosk ?? {}).sort(),
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      kioskKeys: ['appHealth', 'appInfo'],
    });
  });

  test('navigation to https://example.com is blocked', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // Main logs each refusal; wait for that line rather than for time to pass.
    const log = path.join(dataDir, 'logs', 'kiosk.log');
    await expect
      .poll(() => (existsSync(log) ? readFileSync(log, 'utf8') : ''))
      .toContain('navigation blocked');
    expect(page.url()).toBe(before);
  });

  test('window.open opens nothing', async () => {
    const opened = await page.evaluate(() => window.open('hall://kiosk/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
