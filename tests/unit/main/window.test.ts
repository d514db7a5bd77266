import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import { memoryLogger } from '../../../electron/node/log/logger';
import { parseKeyChord } from '../../../electron/shared/policy/keys';
import {
  createKioskWindow,
  createKioskWindowManager,
  type KioskWindowConfig,
} from '../../../electron/main/window';
import { BrowserWindow, fakeEvent, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

let quitting = false;
function config(over: Partial<KioskWindowConfig> = {}): KioskWindowConfig {
  return {
    preloadPath: '/app/dist-electron/preload.cjs',
    startUrl: 'hall://kiosk/',
    devTools: false,
    fullscreen: true,
    display: () => ({ x: 0, y: 0, width: 1920, height: 1080 }),
    staffChord: parseKeyChord('Ctrl+Alt+Shift+K'),
    log: memoryLogger(),
    quitting: () => quitting,
    ...over,
  };
}
const fake = (w: ElectronBrowserWindow): BrowserWindow => w as unknown as BrowserWindow;

beforeEach(() => {
  resetFakeElectron();
  quitting = false;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const keyInput = (
  key: string,
  code: string,
  mods: Partial<Record<'control' | 'alt' | 'shift' | 'meta', boolean>> = {},
) => ({
  type: 'keyDown',
  key,
  code,
  control: false,
  alt: false,
  shift: false,
  meta: false,
  isAutoRepeat: false,
  isComposing: false,
  location: 0,
  modifiers: [],
  ...mods,
});

describe('createKioskWindow', () => {
  it('builds the window from the pure options and loads the start URL', () => {
    const win = fake(createKioskWindow(config()));
    expect(win.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      show: false,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: '/app/dist-electron/preload.cjs',
      },
    });
    expect(win.loadURL).toHaveBeenCalledWith('hall://kiosk/');
  });

  it.each([
    ['F5', keyInput('F5', 'F5'), true],
    ['Ctrl+Shift+I', keyInput('I', 'KeyI', { control: true, shift: true }), true],
    ['Alt+F4', keyInput('F4', 'F4', { alt: true }), true],
    ['typing', keyInput('a', 'KeyA'), false],
    ['the staff chord', keyInput('K', 'KeyK', { control: true, alt: true, shift: true }), false],
  ])('before-input-event: %s blocked=%s', (_name, input, blocked) => {
    const win = fake(createKioskWindow(config()));
    const event = fakeEvent();
    win.webContents.emit('before-input-event', event, input);
    expect(event.defaultPrevented).toBe(blocked);
  });

  it('suppresses the context menu and locks zoom', () => {
    const win = fake(createKioskWindow(config()));
    const event = fakeEvent();
    win.webContents.emit('context-menu', event, {});
    expect(event.defaultPrevented).toBe(true);
    win.webContents.emit('did-finish-load');
    expect(win.webContents.visualZoomLimits).toEqual([1, 1]);
    win.webContents.zoomLevel = 3;
    win.webContents.emit('zoom-changed', fakeEvent(), 'in');
    expect(win.webContents.zoomLevel).toBe(0);
  });

  it('refuses to close unless the app is quitting', () => {
    const win = fake(createKioskWindow(config()));
    expect(win.tryClose()).toBe(false);
    quitting = true;
    expect(win.tryClose()).toBe(true);
  });

  it('goes back to kiosk mode if fullscreen is left', () => {
    const win = fake(createKioskWindow(config()));
    win.emit('leave-full-screen');
    expect(win.setKiosk).toHaveBeenCalledWith(true);
  });

  it('shows the window only when ready (no white flash)', () => {
    const win = fake(createKioskWindow(config()));
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('retries a failed main-frame load, ignoring aborts and sub-frames', () => {
    const win = fake(createKioskWindow(config()));
    win.webContents.emit('did-fail-load', fakeEvent(), -3, 'ERR_ABORTED', 'hall://kiosk/', true);
    win.webContents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', 'hall://kiosk/x', false);
    vi.advanceTimersByTime(10_000);
    expect(win.loadURL).toHaveBeenCalledTimes(1);
    win.webContents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', 'hall://kiosk/', true);
    win.webContents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', 'hall://kiosk/', true);
    vi.advanceTimersByTime(5_000);
    expect(win.loadURL).toHaveBeenCalledTimes(2);
  });

  it('a development window is a normal window with DevTools', () => {
    const win = fake(createKioskWindow(config({ fullscreen: false, devTools: true, display: () => null })));
    expect(win.options).toMatchObject({
      kiosk: false,
      fullscreen: false,
      frame: true,
      webPreferences: { devTools: true },
    });
  });
});

describe('createKioskWindowManager', () => {
  function manager() {
    const watched: BrowserWindow[] = [];
    const detached: BrowserWindow[] = [];
    const m = createKioskWindowManager(config(), (w) => {
      watched.push(fake(w));
      return () => detached.push(fake(w));
    });
    return { m, watched, detached };
  }

  it('opens one watched window and reports its web contents id', () => {
    const { m, watched } = manager();
    expect(m.webContentsId()).toBeNull();
    m.open();
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(watched).toHaveLength(1);
    expect(m.webContentsId()).toBe(BrowserWindow.instances[0]?.webContents.id);
  });

  it('recreate: the new window exists before the old one is destroyed and unwatched', () => {
    const { m, detached } = manager();
    m.open();
    const first = BrowserWindow.instances[0];
    let newExistedWhenOldClosed = false;
    first?.on('closed', () => {
      newExistedWhenOldClosed = BrowserWindow.instances.length === 2;
    });
    m.recreate();
    expect(first?.isDestroyed()).toBe(true);
    expect(newExistedWhenOldClosed).toBe(true);
    expect(detached).toEqual([first]);
    expect(m.webContentsId()).toBe(BrowserWindow.instances[1]?.webContents.id);
    expect(BrowserWindow.instances).toHaveLength(2); // no extra reopen from the old window's 'closed'
  });

  it('reload loads the start page again, or opens a window if there is none', () => {
    const { m } = manager();
    m.reload();
    expect(BrowserWindow.instances).toHaveLength(1);
    const win = BrowserWindow.instances[0];
    m.reload();
    expect(win?.loadURL).toHaveBeenCalledTimes(2);
  });

  it('reopens a window that was destroyed from outside, unless quitting', () => {
    const { m } = manager();
    m.open();
    BrowserWindow.instances[0]?.destroy();
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(m.webContentsId()).toBe(BrowserWindow.instances[1]?.webContents.id);
    quitting = true;
    BrowserWindow.instances[1]?.destroy();
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(m.webContentsId()).toBeNull();
  });

  it('focus brings the live window forward', () => {
    const { m } = manager();
    m.open();
    m.focus();
    expect(BrowserWindow.instances[0]?.focus).toHaveBeenCalled();
  });
});
