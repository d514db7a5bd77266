/**
 * The kiosk window's options, as one pure function. Every security-relevant web preference is
 * set explicitly (even where Electron's default is already safe) so a future default change or
 * a careless edit shows up in the table-driven test, and `electron/main` passes the result
 * straight to `new BrowserWindow(...)` (the compiler checks it is assignable).
 */

/** A rectangle on the virtual desktop (Electron's `Rectangle`). */
export type DisplayBounds = {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
};

/** Inputs of {@link kioskWindowOptions}. */
export type KioskWindowInput = {
  /** Absolute path of the bundled preload (`dist-electron/preload.cjs`). */
  readonly preloadPath: string;
  /** DevTools available (development flag only; never in a packaged kiosk). */
  readonly devTools: boolean;
  /** Kiosk fullscreen (production) or a normal window (development). */
  readonly fullscreen: boolean;
  /** Bounds of the display to open on; `null` for the primary display / platform default. */
  readonly display: DisplayBounds | null;
};

/** The web preferences the kiosk sets, all of them explicit. */
export type KioskWebPreferences = {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly webSecurity: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly enableWebSQL: false;
  readonly plugins: false;
  readonly devTools: boolean;
  readonly spellcheck: false;
  /** alert/confirm/prompt would freeze an unattended screen. */
  readonly disableDialogs: true;
  /** Narration and attract-loop video start without a tap. */
  readonly autoplayPolicy: 'no-user-gesture-required';
  /** The kiosk is always in front; timers and rAF must not be throttled. */
  readonly backgroundThrottling: false;
  readonly zoomFactor: 1;
  readonly defaultEncoding: 'UTF-8';
};

/** A `BrowserWindowConstructorOptions`-compatible plain object. */
export type KioskWindowOptions = {
  readonly title: string;
  readonly show: false;
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly fullscreen: boolean;
  readonly kiosk: boolean;
  readonly frame: boolean;
  readonly resizable: boolean;
  readonly movable: boolean;
  readonly minimizable: boolean;
  readonly maximizable: boolean;
  readonly closable: boolean;
  readonly fullscreenable: boolean;
  readonly skipTaskbar: boolean;
  readonly autoHideMenuBar: true;
  readonly backgroundColor: string;
  readonly webPreferences: KioskWebPreferences;
};

/** Near-black with a warm tint: what a visitor sees for the instant before the first paint. */
export const KIOSK_BACKGROUND_COLOR = '#0b0806';

/** Window size when not fullscreen and no display is given (development). */
export const DEV_WINDOW_SIZE = { width: 1600, height: 900 } as const;

/**
 * Options for the kiosk window. `contextIsolation`, `sandbox`, `webSecurity` on; all Node
 * integration, insecure content, experimental features, `<webview>` off; no
 * `enableBlinkFeatures`; DevTools only when asked for; kiosk + fullscreen unless developing.
 * The window starts hidden and is shown on `ready-to-show` to avoid a white flash.
 */
export function kioskWindowOptions(input: KioskWindowInput): KioskWindowOptions {
  const { fullscreen, display: bounds } = input;
  return {
    title: 'Hall Kiosk',
    show: false,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds?.width ?? DEV_WINDOW_SIZE.width,
    height: bounds?.height ?? DEV_WINDOW_SIZE.height,
    fullscreen,
    kiosk: fullscreen,
    frame: !fullscreen,
    resizable: !fullscreen,
    movable: !fullscreen,
    minimizable: !fullscreen,
    maximizable: !fullscreen,
    closable: !fullscreen,
    fullscreenable: fullscreen,
    skipTaskbar: fullscreen,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND_COLOR,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
      plugins: false,
      devTools: input.devTools,
      spellcheck: false,
      disableDialogs: true,
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
      zoomFactor: 1,
      defaultEncoding: 'UTF-8',
    },
  };
}
