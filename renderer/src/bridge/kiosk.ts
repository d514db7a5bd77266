import type { KioskApi } from '../../../electron/shared/kiosk-api';

export type { KioskApi };

/**
 * `window.kiosk` is what the Electron preload exposes (derived from the IPC contract); in
 * browser mode (hall server) it is absent. Only bridge/ touches it.
 */
declare global {
  // Declaration merging with the DOM's Window needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    kiosk?: KioskApi;
  }
}

/** The preload API when running inside Electron, `undefined` in a plain browser. */
export function kioskApi(): KioskApi | undefined {
  return typeof window === 'undefined' ? undefined : window.kiosk;
}

export function isElectron(): boolean {
  return kioskApi() !== undefined;
}
