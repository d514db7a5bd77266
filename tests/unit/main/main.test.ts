/**
 * Boots electron/main/main.ts against the fake Electron: the order of the lockdown steps, the
 * refusal paths, and the assembled pieces (protocol, window, IPC, recovery) working together.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BrowserWindow,
  Menu,
  app,
  fakeEvent,
  invokeEvent,
  ipcMain,
  powerSaveBlocker,
  protocol,
  resetFakeElectron,
  session,
} from './fake-electron';

// One fake for the whole file: vi.resetModules() re-imports main.ts per test, but main.ts
// must keep seeing the same fake objects the test inspects.
const fakeModule = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fakeModule);

// What Electron adds to process.versions; plain Node has neither.
for (const [name, value] of [
  ['electron', '45.5.0'],
  ['chrome', '140.0.7339.41'],
] as const) {
  if (!(name in process.versions))
    Object.defineProperty(process.versions, name, { value, configurable: true });
}

const savedArgv = process.argv;
const savedEnv = { ...process.env };
let dataDir: string;

beforeEach(() => {
  resetFakeElectron();
  vi.resetModules();
  dataDir = mkdtempSync(path.join(tmpdir(), 'hall-main-'));
  process.env.HALL_DATA_DIR = dataDir;
  process.argv = ['/usr/bin/electron', '/app/dist-electron/main.cjs'];
  // The boot log also goes to stderr; keep the test output clean.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  process.argv = savedArgv;
  process.env = { ...savedEnv };
  process.removeAllListeners('SIGTERM');
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

async function boot(): Promise<void> {
  await import('../../../electron/main/main');
}

async function bootReady(): Promise<BrowserWindow> {
  await boot();
  app.ready.resolve();
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
  const win = BrowserWindow.instances[0];
  if (!win) throw new Error('no window');
  return win;
}

describe('main entry', () => {
  it('refuses to start with a debugging switch, before doing anything else', async () => {
    process.argv.push('--remote-debugging-port=9222');
    await boot();
    expect(app.exit).toHaveBeenCalledWith(78);
    expect(app.enableSandbox).not.toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('ignores HALL_ALLOW_DEBUG_ARGS when packaged', async () => {
    app.isPackaged = true;
    process.env.HALL_ALLOW_DEBUG_ARGS = '1';
    process.argv.push('--inspect=0');
    await boot();
    expect(app.exit).toHaveBeenCalledWith(78);
  });

  it('tolerates Playwright’s switches unpackaged with the opt-in', async () => {
    process.env.HALL_ALLOW_DEBUG_ARGS = '1';
    process.argv.push('--inspect=0', '--remote-debugging-port=0');
    await boot();
    expect(app.exit).not.toHaveBeenCalled();
    expect(app.enableSandbox).toHaveBeenCalled();
  });

  it('leaves when another instance holds the lock (taken after the data dir is set)', async () => {
    app.requestSingleInstanceLock.mockImplementationOnce(() => {
      expect(app.getPath('userData')).toBe(dataDir);
      return false;
    });
    await boot();
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(app.enableSandbox).not.toHaveBeenCalled();
  });

  it('before ready: sandbox, privileged scheme, data dir, no pinch or swipe; nothing else yet', async () => {
    await boot();
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'hall',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
          stream: true,
          corsEnabled: false,
          bypassCSP: false,
        }) as unknown,
      },
    ]);
    expect(app.getPath('userData')).toBe(dataDir);
    expect(app.getPath('sessionData')).toBe(path.join(dataDir, 'chromium'));
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('disable-pinch');
    expect(protocol.handlers.size).toBe(0);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('when ready: no menu, display kept awake, hall:// mounted, one kiosk window on hall://kiosk/', async () => {
    const win = await bootReady();
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(protocol.handlers.has('hall')).toBe(true);
    expect(win.options).toMatchObject({
      kiosk: true,
      webPreferences: { sandbox: true, contextIsolation: true },
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('hall://kiosk/');
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
  });

  it('hardens every web contents as it is created', async () => {
    const win = await bootReady();
    const event = fakeEvent({ url: 'https://example.com/' });
    win.webContents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('serves hall://kiosk through the shared handler and nothing for other hosts', async () => {
    await bootReady();
    const handle = protocol.handlers.get('hall');
    const other = await handle?.(new Request('hall://evil/index.html'));
    expect(other?.status).toBe(404);
    const own = await handle?.(new Request('hall://kiosk/pack/pack.json'));
    expect(own?.headers.get('content-security-policy')).toBeTruthy();
  });

  it('answers app:info and app:health for the kiosk page only', async () => {
    const win = await bootReady();
    const info = ipcMain.handlers.get('app:info');
    await expect(info?.(invokeEvent(win.webContents))).resolves.toMatchObject({
      mode: 'electron',
      electronVersion: '45.5.0',
      dataDir,
      activePack: null,
    });
    const health = ipcMain.handlers.get('app:health');
    await expect(health?.(invokeEvent(win.webContents))).resolves.toMatchObject({ recoveries: { total: 0 } });
    await expect(info?.(invokeEvent(win.webContents, 'https://evil.example/'))).rejects.toThrow(
      /untrusted-sender/,
    );
  });

  it('reloads the start page when the renderer crashes, and persists the ladder', async () => {
    const win = await bootReady();
    win.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(win.loadURL).toHaveBeenCalledTimes(2));
    const health = ipcMain.handlers.get('app:health');
    await expect(health?.(invokeEvent(win.webContents))).resolves.toMatchObject({
      recoveries: { total: 1, reload: 1 },
    });
  });

  it('does not quit when the last window closes, only on an explicit quit', async () => {
    await bootReady();
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('before-quit');
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
  });
});
