/**
 * The page's health report (`kiosk:vitals`) every minute: frame rate (frames the page drew in one
 * second, counted with requestAnimationFrame only for that second), JS heap where the browser
 * tells it, whether this is an idle moment (attract or the closed screen) and the hall's hours.
 * The kiosk answers whether to reload now (memory watch, nightly restart); it only says so at an
 * idle moment, and the page reloads only if it still is one — never in front of a visitor.
 * In browser-kiosk mode a nightly restart is the whole Chromium's: the page asks the launcher's
 * supervisor through the binding it was given (`hallKioskRestart`), and reloads itself only if
 * Chromium is still there a while later.
 */
import { callKiosk } from '../bridge/kiosk-calls';
import { log } from '../bridge/log';
import type { Vitals, VitalsAnswer } from '../../../electron/shared/health';
import { KIOSK_RESTART_BINDING } from '../../../electron/shared/policy/browser-kiosk';
import type { HallStore } from '../stores/hall-store';
import { hallStore } from '../stores/hall-store';
import type { SessionStore } from '../stores/session-store';
import { sessionStore } from '../stores/session-store';

export const VITALS_EVERY_MS = 60_000;
/** A nightly restart the supervisor did not carry out within this long becomes a page reload. */
export const BROWSER_RESTART_FALLBACK_MS = 20_000;

export type VitalsOptions = {
  session?: SessionStore;
  hall?: HallStore;
  report?: (vitals: Vitals) => Promise<VitalsAnswer | null>;
  measureFps?: () => Promise<number | null>;
  heapBytes?: () => number | null;
  reload?: () => void;
  /**
   * Asks the browser-kiosk supervisor to restart Chromium; false where there is none (Electron,
   * a plain browser). Default: the `hallKioskRestart` binding, when the page has it.
   */
  restartBrowser?: (reason: 'nightly') => boolean;
  intervalMs?: number;
  fallbackMs?: number;
};

/** The supervisor's binding, when this page runs under the browser-kiosk launcher. */
function restartThroughSupervisor(reason: 'nightly'): boolean {
  const binding = (globalThis as unknown as Record<string, unknown>)[KIOSK_RESTART_BINDING];
  if (typeof binding !== 'function') return false;
  (binding as (payload: string) => void)(reason);
  return true;
}

/** Frames drawn in one second (null when the page is hidden and draws nothing). */
export function measureFps(): Promise<number | null> {
  return new Promise((resolve) => {
    let frames = 0;
    let start = 0;
    const step = (t: number): void => {
      if (start === 0) start = t;
      if (t - start >= 1000) {
        resolve(Math.round((frames * 1000) / (t - start)));
        return;
      }
      frames += 1;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
    setTimeout(() => resolve(null), 3000);
  });
}

function heapUsed(): number | null {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize?: number } }).memory;
  return typeof memory?.usedJSHeapSize === 'number' ? memory.usedJSHeapSize : null;
}

async function report(vitals: Vitals): Promise<VitalsAnswer | null> {
  const result = await callKiosk('kiosk:vitals', [vitals]);
  return result.ok ? result.value : null;
}

export function startVitals(options: VitalsOptions = {}): () => void {
  const session = options.session ?? sessionStore;
  const hall = options.hall ?? hallStore;
  const idleNow = (): boolean => session.getState().screen === 'attract' || !hall.getState().hours.open;
  let stopped = false;
  const tick = async (): Promise<void> => {
    const fps = await (options.measureFps ?? measureFps)();
    const answer = await (options.report ?? report)({
      fps,
      heapUsedBytes: (options.heapBytes ?? heapUsed)(),
      idle: idleNow(),
      hours: hall.getState().hours.open ? 'open' : 'closed',
    });
    if (answer?.reload && !stopped && idleNow()) {
      stopped = true;
      const reload = options.reload ?? (() => window.location.reload());
      if (answer.reason === 'nightly' && (options.restartBrowser ?? restartThroughSupervisor)('nightly')) {
        log.info('asked the browser-kiosk supervisor to restart Chromium at an idle moment', {
          reason: answer.reason,
        });
        fallback = setTimeout(reload, options.fallbackMs ?? BROWSER_RESTART_FALLBACK_MS);
        return;
      }
      log.info('reloading at an idle moment', { reason: answer.reason });
      reload();
    }
  };
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const timer = setInterval(() => void tick(), options.intervalMs ?? VITALS_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    if (fallback !== undefined) clearTimeout(fallback);
  };
}
