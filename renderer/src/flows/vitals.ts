/**
 * The page's health report (`kiosk:vitals`) every minute: frame rate (frames the page drew in one
 * second, counted with requestAnimationFrame only for that second), JS heap where the browser
 * tells it, whether this is an idle moment (attract or the closed screen) and the hall's hours.
 * The kiosk answers whether to reload now (memory watch, nightly restart); it only says so at an
 * idle moment, and the page reloads only if it still is one — never in front of a visitor.
 */
import { callKiosk } from '../bridge/kiosk-calls';
import { log } from '../bridge/log';
import type { Vitals, VitalsAnswer } from '../../../electron/shared/health';
import type { HallStore } from '../stores/hall-store';
import { hallStore } from '../stores/hall-store';
import type { SessionStore } from '../stores/session-store';
import { sessionStore } from '../stores/session-store';

export const VITALS_EVERY_MS = 60_000;

export type VitalsOptions = {
  session?: SessionStore;
  hall?: HallStore;
  report?: (vitals: Vitals) => Promise<VitalsAnswer | null>;
  measureFps?: () => Promise<number | null>;
  heapBytes?: () => number | null;
  reload?: () => void;
  intervalMs?: number;
};

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
      log.info('reloading at an idle moment', { reason: answer.reason });
      stopped = true;
      (options.reload ?? (() => window.location.reload()))();
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? VITALS_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
