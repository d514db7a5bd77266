/**
 * Keeps the hall store's `hours` true to the wall clock: evaluates the pure `hoursAt` now, every
 * couple of seconds, when the settings arrive and when the page becomes visible again. Because
 * each evaluation reads the clock afresh, a clock change or a resume from sleep shows at the next
 * tick (timers that were due during sleep fire at once on resume) — no timer is ever armed for
 * "17:00", which a clock change would make wrong. It also puts the volume cap in force.
 */
import { hoursAt } from '../../../electron/shared/hall-hours';
import { setVolumeCap } from '../app/volume-cap';
import { log } from '../bridge/log';
import type { HallStore } from '../stores/hall-store';
import { hallStore } from '../stores/hall-store';

export const HOURS_TICK_MS = 2_000;

export type HoursWatchOptions = {
  hall?: HallStore;
  /** The local wall clock. */
  now?: () => Date;
  tickMs?: number;
  /** Where `visibilitychange` is listened for; `null` in tests. */
  document?: Document | null;
  setVolume?: (volume: number) => void;
};

export function startHoursWatch(options: HoursWatchOptions = {}): () => void {
  const hall = options.hall ?? hallStore;
  const now = options.now ?? (() => new Date());
  const setVolume = options.setVolume ?? setVolumeCap;
  const doc = options.document === undefined ? globalThis.document : options.document;

  const evaluate = (): void => {
    const state = hoursAt(hall.getState().settings, now());
    hall.getState().hoursEvaluated({
      open: state.open,
      nextOpen: state.nextOpen ? state.nextOpen.getTime() : null,
      volume: state.volume,
    });
  };
  const onVisible = (): void => {
    if (doc?.visibilityState === 'visible') evaluate();
  };

  const stopSettings = hall.subscribe((s) => s.settings, evaluate);
  const stopVolume = hall.subscribe((s) => s.hours.volume, setVolume, { fireImmediately: true });
  const stopLog = hall.subscribe(
    (s) => s.hours.open,
    (open) => log.info(open ? 'hall opened' : 'hall closed', { at: now().toString() }),
  );
  evaluate();
  const timer = setInterval(evaluate, options.tickMs ?? HOURS_TICK_MS);
  doc?.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    doc?.removeEventListener('visibilitychange', onVisible);
    stopSettings();
    stopVolume();
    stopLog();
  };
}
