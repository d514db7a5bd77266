/**
 * A small stand-in for the parts of Electron that electron/main and electron/preload touch, so
 * the wiring runs under Vitest without the Electron binary. Use with
 * `vi.mock('electron', () => import('./fake-electron'))`, then `resetFakeElectron()` per test.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export type FakeEvent = { preventDefault: () => void; defaultPrevented: boolean };

/** An Electron-style event object whose `preventDefault` is observable. */
export function fakeEvent<T extends object>(extra?: T): FakeEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  } as FakeEvent & T;
  return event;
}

type WindowOpenHandler = (details: { url: string }) => { action: string };

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = { frameTreeNodeId: 1000 + this.id };
  windowOpenHandler: WindowOpenHandler | null = null;
  zoomLevel = 0;
  visualZoomLimits: [number, number] | null = null;
  readonly closeDevTools = vi.fn();
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  setZoomLevel(level: number): void {
    this.zoomLevel = level;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualZoomLimits = [min, max];
    return Promise.resolve();
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly setKiosk = vi.fn();
  readonly restore = vi.fn();
  private destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    // Electron's app emits this for every new web contents.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  /** What a user or window manager closing the window looks like. */
  tryClose(): boolean {
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
    return !event.defaultPrevented;
  }
}

class FakeWebRequest {
  onBeforeRequestListener: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null =
    null;
  onBeforeRequest(_filter: unknown, listener: NonNullable<FakeWebRequest['onBeforeRequestListener']>): void {
    this.onBeforeRequestListener = listener;
  }
}

type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  cb: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type PermissionCheckHandler = (
  wc: unknown,
  permission: string,
  origin: string,
  details: { isMainFrame: boolean },
) => boolean;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((d: { deviceType: string; origin: string }) => boolean) | null = null;
  displayMediaRequestHandler: ((req: unknown, cb: (streams: unknown) => void) => void) | null = null;
  spellChecker: boolean | null = null;
  readonly webRequest = new FakeWebRequest();
  setPermissionRequestHandler(h: PermissionRequestHandler): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = h;
  }
  setDisplayMediaRequestHandler(h: FakeSession['displayMediaRequestHandler']): void {
    this.displayMediaRequestHandler = h;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellChecker = enabled;
  }
}

type ReadyControl = { resolve: () => void };

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>([['userData', '/tmp/hall-kiosk-fake-userdata']]);
  readonly exit = vi.fn();
  readonly quit = vi.fn();
  readonly relaunch = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly commandLine = { appendSwitch: vi.fn() };
  readonly getAppMetrics = vi.fn(() => [{ type: 'Browser', memory: { workingSetSize: 100 } }]);
  ready: ReadyControl = { resolve: () => undefined };
  private readyPromise: Promise<void> = Promise.resolve();
  resetReady(): void {
    this.readyPromise = new Promise<void>((resolve) => {
      this.ready = { resolve };
    });
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/tmp/fake-${name}`;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return '/tmp/hall-kiosk-fake-app';
  }
  getVersion(): string {
    return '0.1.0-test';
  }
}

export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (req: Request) => Promise<Response>>(),
  handle(scheme: string, handler: (req: Request) => Promise<Response>): void {
    protocol.handlers.set(scheme, handler);
  },
};

export const session = { defaultSession: new FakeSession() };
export const Menu = { setApplicationMenu: vi.fn() };
export const powerSaveBlocker = { start: vi.fn(() => 1) };
export const screen = { getPrimaryDisplay: () => ({ bounds: { x: 0, y: 0, width: 1920, height: 1080 } }) };

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeListener>(),
  handle(channel: string, listener: InvokeListener): void {
    if (ipcMain.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
};

export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = {
  invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve<unknown>({ ok: true })),
};

/** A trusted-looking invoke event from `wc`'s main frame at `url` (override fields to forge). */
export function invokeEvent(
  wc: FakeWebContents,
  url = 'hall://kiosk/',
  frameTreeNodeId = wc.mainFrame.frameTreeNodeId,
) {
  return {
    sender: wc,
    senderFrame: { url, frameTreeNodeId, isDestroyed: () => false },
  };
}

export function resetFakeElectron(): void {
  BrowserWindow.instances = [];
  app.removeAllListeners();
  app.isPackaged = false;
  app.paths.set('userData', '/tmp/hall-kiosk-fake-userdata');
  app.resetReady();
  protocol.handlers.clear();
  ipcMain.handlers.clear();
  session.defaultSession = new FakeSession();
  vi.clearAllMocks();
}
