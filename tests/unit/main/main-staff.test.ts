/**
 * Staff mode wired into electron/main/main.ts (fake Electron, real pack store): the staff
 * channels answer the kiosk page only, a pack switched by staff is served at once, and the window
 * reloads to show it. The USB stick comes from HALL_USB_ROOTS, as on a test rig.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPackStore } from '../../../electron/node/pack/store';
import { hashPin } from '../../../electron/node/staff/pin';
import { USB_ROOTS_ENV } from '../../../electron/node/staff/usb-scan';
import { makeKey, writePackFolder, zipFolder } from '../node/pack/store-helpers';
import { BrowserWindow, app, invokeEvent, ipcMain, protocol, resetFakeElectron } from './fake-electron';

const fakeModule = await vi.hoisted(() => import('./fake-electron'));
vi.mock('electron', () => fakeModule);

for (const [name, value] of [
  ['electron', '45.5.0'],
  ['chrome', '140.0.7339.41'],
] as const) {
  if (!(name in process.versions))
    Object.defineProperty(process.versions, name, { value, configurable: true });
}

const PIN = '864213';
const savedArgv = process.argv;
const savedEnv = { ...process.env };
let work: string;
let stick: string;

beforeEach(async () => {
  resetFakeElectron();
  vi.resetModules();
  work = await mkdtemp(path.join(tmpdir(), 'hall-main-staff-'));
  const dataDir = path.join(work, 'data');
  stick = path.join(work, 'usb', 'STICK');
  await mkdir(stick, { recursive: true });
  const key = makeKey();
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      trustedKeys: [{ publicKeyPem: key.publicKeyPem }],
      trustDevelopmentKey: false,
      staffPinHash: await hashPin(PIN, { N: 1024, r: 8, p: 1 }),
    }),
  );
  const store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false });
  const first = await writePackFolder(path.join(work, 'v1'), { key, version: '1.0.0' });
  const installed = await store.install(first.dir);
  if (!installed.ok) throw new Error('setup install');
  await store.activate(installed.ref);
  await store.commit(installed.ref);
  await writePackFolder(path.join(work, 'v2'), { key, version: '2.0.0' });
  await zipFolder(path.join(work, 'v2'), path.join(stick, 'v2.hallpack'));

  process.env.HALL_DATA_DIR = dataDir;
  process.env[USB_ROOTS_ENV] = stick;
  process.argv = ['/usr/bin/electron', '/app/dist-electron/main.cjs'];
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(async () => {
  process.argv = savedArgv;
  process.env = { ...savedEnv };
  process.removeAllListeners('SIGTERM');
  vi.restoreAllMocks();
  await rm(work, { recursive: true, force: true });
});

async function bootReady(): Promise<BrowserWindow> {
  await import('../../../electron/main/main');
  app.ready.resolve();
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
  return BrowserWindow.instances[0]!;
}

describe('staff mode in the Electron main process', () => {
  it('installs and activates from the stick, serves the new pack and reloads the window', async () => {
    const win = await bootReady();
    const call = (channel: string, ...args: unknown[]) => {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler(invokeEvent(win.webContents), ...args) as Promise<Record<string, unknown>>;
    };

    await expect(call('staff:hello')).resolves.toMatchObject({ ok: true, pinConfigured: true });
    // Only the kiosk page may ask.
    const unlock = ipcMain.handlers.get('staff:unlock');
    await expect(unlock?.(invokeEvent(win.webContents, 'https://evil.example/'), PIN)).rejects.toThrow(
      /untrusted-sender/,
    );
    const unlocked = await call('staff:unlock', PIN);
    const token = unlocked['token'] as string;
    expect(typeof token).toBe('string');

    const scan = await call('staff:scan', token);
    expect(scan['candidates']).toMatchObject([{ path: path.join(stick, 'v2.hallpack') }]);
    const installed = await call('staff:install', token, path.join(stick, 'v2.hallpack'));
    expect(installed).toMatchObject({ ok: true, ref: 'test-pack@2.0.0' });

    expect(win.loadURL).toHaveBeenCalledTimes(1);
    await expect(call('staff:activate', token, 'test-pack@2.0.0')).resolves.toEqual({
      ok: true,
      ref: 'test-pack@2.0.0',
    });
    // The handler serves the new pack from the next request on…
    const handle = protocol.handlers.get('hall');
    const manifest = (await (await handle!(new Request('hall://kiosk/pack/pack.json'))).json()) as {
      version: string;
    };
    expect(manifest.version).toBe('2.0.0');
    await expect(call('app:info')).resolves.toMatchObject({ activePack: { version: '2.0.0' } });
    // …and the window reloads to show it.
    await vi.waitFor(() => expect(win.loadURL).toHaveBeenCalledTimes(2));
    expect(win.loadURL).toHaveBeenLastCalledWith('hall://kiosk/');

    await expect(call('staff:rollback', token)).resolves.toEqual({ ok: true, ref: 'test-pack@1.0.0' });
    await vi.waitFor(() => expect(win.loadURL).toHaveBeenCalledTimes(3));
    await expect(call('app:info')).resolves.toMatchObject({ activePack: { version: '1.0.0' } });
  });
});
