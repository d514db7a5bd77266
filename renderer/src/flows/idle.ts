import type { SessionStore } from '../stores/session-store';
import { sessionStore } from '../stores/session-store';
import { resetRegisteredStores } from './session-reset';

export type IdleConfig = { idleSeconds: number; countdownSeconds: number };

let skippedMs = 0;

/** The idle clock: monotonic, so a wall-clock change during months of uptime cannot fire a reset. */
export const idleNow = (): number => performance.now() + skippedMs;

/**
 * Moves the idle clock forward, as if nobody had touched the screen for `seconds`. Only the
 * `?debug=1` hook calls it (e2e tests reach the countdown and the reset through the real watch).
 */
export function skipIdleTime(seconds: number): void {
  skippedMs += Math.max(0, seconds) * 1000;
}

const holds = new Set<symbol>();

/**
 * Keeps the session alive while something legitimately runs without touches (a video or a
 * narration a visitor is watching). Returns the release function; always call it (on pause,
 * end and unmount).
 */
export function holdIdle(reason: string): () => void {
  const token = Symbol(reason);
  holds.add(token);
  return () => {
    holds.delete(token);
  };
}

export function idleHeld(): boolean {
  return holds.size > 0;
}

/**
 * The page's performance timeline keeps user marks and measures without limit and resource timings
 * up to its buffer (250); on a kiosk that runs for months nothing reads them after the visit, so
 * each session end drops them (the browser's own layout-shift and paint entries are capped).
 */
export function forgetPerformanceEntries(
  perf:
    | Pick<Performance, 'clearMarks' | 'clearMeasures' | 'clearResourceTimings'>
    | undefined = globalThis.performance,
): void {
  perf?.clearMarks();
  perf?.clearMeasures();
  perf?.clearResourceTimings();
}

/**
 * The session is over: every registered store forgets the visitor (camera, media, open cards,
 * language, presets), the performance timeline is emptied and the shell returns to attract.
 */
export function idleTimedOut(session: SessionStore = sessionStore): void {
  resetRegisteredStores();
  forgetPerformanceEntries();
  session.getState().idleTimedOut();
}

export type IdleWatchOptions = {
  config: IdleConfig;
  session?: SessionStore;
  now?: () => number;
  /** Where touches are listened for; `null` to feed `interacted` yourself (tests). */
  target?: EventTarget | null;
  tickMs?: number;
  onTimedOut?: () => void;
};

const INTERACTION_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Watches for visitors: any interaction refreshes `lastInteractionAt`; after `idleSeconds`
 * without one the countdown starts; when it runs out, `idleTimedOut`. Returns a stop function.
 */
export function startIdleWatch(options: IdleWatchOptions): () => void {
  const session = options.session ?? sessionStore;
  const now = options.now ?? idleNow;
  const target = options.target === undefined ? globalThis : options.target;
  const { idleSeconds, countdownSeconds } = options.config;
  const timedOut = options.onTimedOut ?? (() => idleTimedOut(session));

  const onInteraction = () => session.getState().interacted(now());
  for (const type of INTERACTION_EVENTS) {
    target?.addEventListener(type, onInteraction, { capture: true, passive: true });
  }
  session.getState().interacted(now());

  const tick = () => {
    const s = session.getState();
    const t = now();
    if (s.screen === 'attract') return;
    if (idleHeld()) {
      if (s.idlePhase === 'active') s.interacted(t);
      return;
    }
    if (s.idlePhase === 'active' && t - s.lastInteractionAt >= idleSeconds * 1000) {
      s.idleCountdownStarted(t, countdownSeconds);
    } else if (s.idlePhase === 'countdown' && t >= s.countdownEndsAt) {
      timedOut();
    }
  };
  const timer = setInterval(tick, options.tickMs ?? 250);

  return () => {
    clearInterval(timer);
    for (const type of INTERACTION_EVENTS) {
      target?.removeEventListener(type, onInteraction, { capture: true });
    }
  };
}
