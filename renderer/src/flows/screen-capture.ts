/**
 * The staff heatmap's picture of the visitor screen (electron/shared/screen-capture.ts): when the
 * page has stood on its home screen for a moment — fonts loaded, entrance animations over — it asks
 * its shell for a picture of this orientation, at most once per `SCREEN_CAPTURE_EVERY_MS` (the
 * shell also keeps that pace by the stored picture's age). Under the browser-kiosk launcher the
 * supervisor's `hallKioskCapture` binding takes it; in Electron the `kiosk:capture-screen` call.
 */
import {
  KIOSK_CAPTURE_BINDING,
  SCREEN_CAPTURE_EVERY_MS,
  orientationOf,
} from '../../../electron/shared/screen-capture';
import type { ScreenOrientation } from '../../../electron/shared/screen-capture';
import { callKiosk } from '../bridge/kiosk-calls';
import type { SessionStore } from '../stores/session-store';
import { sessionStore } from '../stores/session-store';

/** How long the home screen must have stood before its picture is taken. */
export const CAPTURE_SETTLE_MS = 2500;

export type ScreenCaptureOptions = {
  session?: SessionStore;
  /** Asks the shell for a picture (default: the supervisor's binding, else the kiosk call). */
  request?: (orientation: ScreenOrientation) => void;
  orientation?: () => ScreenOrientation;
  /** Resolves when the page has settled (default: fonts loaded). */
  settled?: () => Promise<unknown>;
  now?: () => number;
  settleMs?: number;
};

function requestFromShell(orientation: ScreenOrientation): void {
  const binding = (globalThis as unknown as Record<string, unknown>)[KIOSK_CAPTURE_BINDING];
  if (typeof binding === 'function') {
    (binding as (payload: string) => void)(orientation);
    return;
  }
  void callKiosk('kiosk:capture-screen', [orientation]);
}

export function startScreenCapture(options: ScreenCaptureOptions = {}): () => void {
  const session = options.session ?? sessionStore;
  const now = options.now ?? Date.now;
  const orientation = options.orientation ?? (() => orientationOf(innerWidth, innerHeight));
  const settled = options.settled ?? (() => document.fonts.ready);
  const askedAt = new Map<ScreenOrientation, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const consider = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (session.getState().screen !== 'home') return;
    timer = setTimeout(() => {
      timer = undefined;
      void settled().then(() => {
        if (stopped || session.getState().screen !== 'home') return;
        const o = orientation();
        const last = askedAt.get(o);
        if (last !== undefined && now() - last < SCREEN_CAPTURE_EVERY_MS && now() >= last) return;
        askedAt.set(o, now());
        (options.request ?? requestFromShell)(o);
      });
    }, options.settleMs ?? CAPTURE_SETTLE_MS);
  };

  let screen = session.getState().screen;
  const unsubscribe = session.subscribe((s) => {
    if (s.screen === screen) return;
    screen = s.screen;
    consider();
  });
  consider();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
