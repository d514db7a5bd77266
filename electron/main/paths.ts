/**
 * Where the app's own files are, packaged or not. No Electron import: unit-tested as is.
 *
 * Packaged (electron-builder): `resources/app.asar/{dist/renderer,dist-electron}` and
 * the embedded default pack outside the archive in `resources/packs/default` (streamed media and
 * `realpath` checks work on real files). Unpackaged: the repository's `dist/`, `dist-electron/`
 * and `.dev-keys/`.
 */
import path from 'node:path';

/** Inputs: `app.isPackaged`, `app.getAppPath()`, `process.resourcesPath`, the bundle's `__dirname`. */
export type AppPathInput = {
  readonly isPackaged: boolean;
  readonly appPath: string;
  readonly resourcesPath: string;
  readonly mainDir: string;
};

export type AppPaths = {
  /** The built renderer served at `hall://kiosk/`. */
  readonly rendererRoot: string;
  /** The sandboxed preload bundle, next to main.cjs. */
  readonly preloadPath: string;
  /** The signed default pack shipped with the app (the boot fallback). */
  readonly embeddedPackRoot: string;
  /**
   * Public half of this checkout's development key (`.dev-keys/`, never packaged): trusted only
   * when config.json sets `trustDevelopmentKey` on a development machine.
   */
  readonly developmentKeyPath: string;
};

export function appPaths(input: AppPathInput): AppPaths {
  return {
    rendererRoot: path.join(input.appPath, 'dist', 'renderer'),
    preloadPath: path.join(input.mainDir, 'preload.cjs'),
    embeddedPackRoot: input.isPackaged
      ? path.join(input.resourcesPath, 'packs', 'default')
      : path.join(input.appPath, 'dist', 'packs', 'default'),
    developmentKeyPath: path.join(input.appPath, '.dev-keys', 'dev-public.pem'),
  };
}
