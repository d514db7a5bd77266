/**
 * The kiosk window: created from the pure options, locked against keys, zoom and closing, and
 * owned by a small manager so recovery can reload it or replace it without a gap.
 */
import { BrowserWindow, type Rectangle } from 'electron';
import { kioskWindowOptions } from '../shared/policy/window-options';
import { shouldBlockInput, type KeyChord } from '../shared/policy/keys';
import type { Logger } from '../node/log/logger';

export type KioskWindowConfig = {
  readonly preloadPath: string;
  readonly startUrl: string;
  readonly devTools: boolean;
  readonly fullscreen: boolean;
  readonly display: () => Rectangle | null;
  readonly staffChord: KeyChord | null;
  readonly log: Logger;
  /** True while the app is quitting; otherwise the window refuses to close. */
  readonly quitting: () => boolean;
};

// ERR_ABORTED: a navigation replaced by another one, not a failure.
const ERR_ABORTED = -3;
const LOAD_RETRY_MS = 5_000;

/** One hardened kiosk window showing `startUrl`. */
export function createKioskWindow(cfg: KioskWindowConfig): BrowserWindow {
  const { log } = cfg;
  const win = new BrowserWindow(
    kioskWindowOptions({
      preloadPath: cfg.preloadPath,
      devTools: cfg.devTools,
      fullscreen: cfg.fullscreen,
      display: cfg.display(),
    }),
  );
  const wc = win.webContents;

  wc.on('before-input-event', (event, input) => {
    if (shouldBlockInput(input, cfg.staffChord)) event.preventDefault();
  });
  wc.on('context-menu', (event) => event.preventDefault());
  const lockZoom = (): void => {
    wc.setZoomLevel(0);
    wc.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => log.warn('zoom lock failed', { error }));
  };
  wc.on('zoom-changed', () => wc.setZoomLevel(0));
  wc.on('did-finish-load', lockZoom);

  let retry: ReturnType<typeof setTimeout> | null = null;
  const load = (): void => {
    retry = null;
    if (win.isDestroyed()) return;
    win.loadURL(cfg.startUrl).catch((error: unknown) => log.warn('start page did not load', { error }));
  };
  // A blank screen is the one outcome a kiosk must never settle for: keep trying.
  wc.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === ERR_ABORTED) return;
    log.error('page failed to load; retrying', { code, description, url, retryMs: LOAD_RETRY_MS });
    if (retry === null) retry = setTimeout(load, LOAD_RETRY_MS);
  });
  win.on('closed', () => {
    if (retry !== null) clearTimeout(retry);
  });

  win.on('close', (event) => {
    if (cfg.quitting()) return;
    event.preventDefault();
    log.warn('window close refused');
  });
  if (cfg.fullscreen) {
    win.on('leave-full-screen', () => {
      if (!win.isDestroyed() && !cfg.quitting()) win.setKiosk(true);
    });
  }
  win.once('ready-to-show', () => {
    win.show();
    win.focus();
  });
  load();
  return win;
}

/** Hooks the recovery supervisor installs on each window; returns a detach function. */
export type WindowWatcher = (win: BrowserWindow) => () => void;

export type KioskWindowManager = {
  /** Open the first window. */
  open(): void;
  /** `webContents.id` of the live window, `null` if none (IPC trusts nobody then). */
  webContentsId(): number | null;
  /** Reload the start page (a fresh renderer if the old one is gone). */
  reload(): void;
  /** Replace the window: the new one is created before the old one is destroyed. */
  recreate(): void;
  /** A picture of what the kiosk window shows now (null without a window). */
  capture(): Promise<Electron.NativeImage | null>;
  focus(): void;
};

export function createKioskWindowManager(cfg: KioskWindowConfig, watch: WindowWatcher): KioskWindowManager {
  let win: BrowserWindow | null = null;
  let detach: (() => void) | null = null;

  const open = (): void => {
    const next = createKioskWindow(cfg);
    const nextDetach = watch(next);
    next.on('closed', () => {
      if (win !== next) return;
      nextDetach();
      win = null;
      detach = null;
      if (!cfg.quitting()) {
        cfg.log.error('kiosk window closed unexpectedly; reopening');
        open();
      }
    });
    const old = win;
    const oldDetach = detach;
    win = next;
    detach = nextDetach;
    if (old && !old.isDestroyed()) {
      oldDetach?.();
      old.destroy();
    }
  };

  return {
    open,
    webContentsId: () => (win && !win.isDestroyed() ? win.webContents.id : null),
    reload() {
      if (!win || win.isDestroyed()) {
        open();
        return;
      }
      win.loadURL(cfg.startUrl).catch((error: unknown) => cfg.log.warn('reload did not load', { error }));
    },
    recreate: open,
    async capture() {
      if (!win || win.isDestroyed()) return null;
      return win.webContents.capturePage();
    },
    focus() {
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.focus();
      }
    },
  };
}
