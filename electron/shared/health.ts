/**
 * Health over months: what the page reports (`kiosk:vitals`), what goes into the health log, and
 * the pure decisions of the memory watch and the nightly restart.
 *
 * The page reports every minute: its frame rate, its JS heap where the browser tells it, whether
 * it stands at an idle moment (attract or the closed screen) and the hall's hours. The kiosk
 * process answers whether the page should reload itself at its next idle moment (it never reloads
 * in front of a visitor: the page waits for that moment). Reasons:
 *
 * - memory: the renderer's memory (Electron: the renderer process's working set; browser mode:
 *   the page's JS heap) above `memoryReloadThresholdMb` in two reports running — one high reading
 *   (a video decoding) is not enough — and not within `MEMORY_RELOAD_GAP_MS` of the last one, so a
 *   pack that needs more than the threshold cannot make the kiosk reload in a loop;
 * - nightly: `nightlyRestart` ("03:30") has passed today, the hall is closed at that moment, and
 *   no nightly restart happened since today's time; missed by more than `NIGHTLY_WINDOW_MS`
 *   (the kiosk was off or open all night), it waits for the next night.
 */
import { z } from 'zod';
import type { HallHoursConfig } from './hall-hours';
import { isOpenAt } from './hall-hours';

export const vitalsSchema = z.object({
  /** Frames per second measured over the last second of rendering; null when nothing rendered. */
  fps: z.number().nonnegative().max(1000).nullable(),
  /** `performance.memory.usedJSHeapSize` where the browser has it. */
  heapUsedBytes: z.number().nonnegative().nullable(),
  /** At an idle moment: attract or the closed screen, no visitor. */
  idle: z.boolean(),
  /** The hall's hours as the page applies them. */
  hours: z.enum(['open', 'closed']),
});
export type Vitals = z.infer<typeof vitalsSchema>;

export const vitalsAnswerSchema = z.object({
  /** Reload at the next idle moment. */
  reload: z.boolean(),
  reason: z.enum(['memory', 'nightly']).nullable(),
});
export type VitalsAnswer = z.infer<typeof vitalsAnswerSchema>;

/** Kinds of health log records. */
export const HEALTH_KINDS = [
  'start',
  'sample',
  'recovery',
  'pack',
  'schedule',
  'hours',
  'fleet',
  'memory-reload',
  'nightly-restart',
  'error',
] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

export const healthRecordSchema = z
  .object({ time: z.string().max(40), kind: z.enum(HEALTH_KINDS), msg: z.string().max(500) })
  .catchall(z.unknown());
export type HealthRecord = z.infer<typeof healthRecordSchema>;

/**
 * Which health kind a kiosk log line belongs to, or null: the log lines of the scheduler, the fleet
 * poller, the pack store and the recovery ladder are routed to the health log by their message.
 */
export function healthKindOf(level: 'info' | 'warn' | 'error', msg: string): HealthKind | null {
  if (msg.startsWith('fleet:')) return 'fleet';
  if (msg.startsWith('schedule')) return 'schedule';
  if (msg.startsWith('recovery')) return 'recovery';
  if (
    /^(pack (selected|committed|commit)|the (page|store) switched packs|staff: (activating|rolling back))/.test(
      msg,
    )
  )
    return 'pack';
  if (level === 'error') return 'error';
  return null;
}

/** A memory reload at most this often. */
export const MEMORY_RELOAD_GAP_MS = 30 * 60_000;
/** A nightly restart missed by more than this waits for the next night. */
export const NIGHTLY_WINDOW_MS = 4 * 3600_000;
/** A sample goes into the health log at most this often. */
export const SAMPLE_EVERY_MS = 5 * 60_000;

export type WatchConfig = HallHoursConfig & {
  memoryReloadThresholdMb?: number | undefined;
  nightlyRestart?: string | undefined;
};

export type WatchState = {
  /** Consecutive reports above the memory threshold. */
  highReports: number;
  lastMemoryReloadAt: number | null;
  lastNightlyAt: number | null;
  lastSampleAt: number | null;
  lastHours: 'open' | 'closed' | null;
  /** A reload was asked for and the page has not come back since. */
  pending: VitalsAnswer['reason'];
};

export const initialWatchState: WatchState = {
  highReports: 0,
  lastMemoryReloadAt: null,
  lastNightlyAt: null,
  lastSampleAt: null,
  lastHours: null,
  pending: null,
};

/** Today's (or `now`'s day's) local moment of an `HH:MM` time. */
export function nightlyMoment(hhmm: string, now: Date): Date | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) return null;
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), Number(m[1]), Number(m[2]));
}

/** Is a nightly restart due at `now`? */
export function nightlyDue(config: WatchConfig, lastNightlyAt: number | null, now: Date): boolean {
  if (config.nightlyRestart === undefined) return false;
  const moment = nightlyMoment(config.nightlyRestart, now);
  if (!moment) return false;
  const since = now.getTime() - moment.getTime();
  if (since < 0 || since > NIGHTLY_WINDOW_MS) return false;
  if (lastNightlyAt !== null && lastNightlyAt >= moment.getTime()) return false;
  // Only when the hall is closed (with no opening hours set, the hall is never closed: the
  // configured time is then taken as the hall's quiet moment).
  return config.openingHours === undefined || !isOpenAt(config, now);
}

export type WatchInput = {
  vitals: Vitals;
  /** The renderer's memory as the kiosk measures it (Electron), else null: the page's heap is used. */
  rendererBytes: number | null;
  now: Date;
};

export type WatchStep = {
  state: WatchState;
  answer: VitalsAnswer;
  /** What goes into the health log. */
  records: { kind: HealthKind; msg: string; data: Record<string, unknown> }[];
};

/** One report of the page: the new state, the answer and the health records. */
export function watchStep(config: WatchConfig, state: WatchState, input: WatchInput): WatchStep {
  const t = input.now.getTime();
  const records: WatchStep['records'] = [];
  const memory = input.rendererBytes ?? input.vitals.heapUsedBytes;
  const memoryMb = memory === null ? null : Math.round(memory / 1048576);
  let next: WatchState = { ...state };

  if (state.lastHours !== null && state.lastHours !== input.vitals.hours)
    records.push({
      kind: 'hours',
      msg: input.vitals.hours === 'open' ? 'the hall opened' : 'the hall closed',
      data: { hours: input.vitals.hours },
    });
  next.lastHours = input.vitals.hours;

  if (state.lastSampleAt === null || t - state.lastSampleAt >= SAMPLE_EVERY_MS) {
    records.push({
      kind: 'sample',
      msg: 'sample',
      data: { fps: input.vitals.fps, rendererMb: memoryMb, idle: input.vitals.idle },
    });
    next.lastSampleAt = t;
  }

  const threshold = config.memoryReloadThresholdMb;
  const high = threshold !== undefined && memoryMb !== null && memoryMb > threshold;
  next.highReports = high ? state.highReports + 1 : 0;

  if (next.pending === null) {
    const gapOk = state.lastMemoryReloadAt === null || t - state.lastMemoryReloadAt >= MEMORY_RELOAD_GAP_MS;
    if (nightlyDue(config, state.lastNightlyAt, input.now)) {
      next.pending = 'nightly';
      records.push({
        kind: 'nightly-restart',
        msg: 'nightly restart due; at the next idle moment',
        data: { at: config.nightlyRestart },
      });
    } else if (next.highReports >= 2 && gapOk) {
      next.pending = 'memory';
      records.push({
        kind: 'memory-reload',
        msg: 'renderer memory above the threshold; reload at the next idle moment',
        data: { rendererMb: memoryMb, thresholdMb: threshold },
      });
    }
  }

  // Only at an idle moment: the page reloads on this answer at once, or, if a visitor touched the
  // screen in between, not at all (the next report asks again).
  let answer: VitalsAnswer = { reload: false, reason: null };
  if (next.pending !== null && input.vitals.idle) {
    answer = { reload: true, reason: next.pending };
    records.push({
      kind: next.pending === 'memory' ? 'memory-reload' : 'nightly-restart',
      msg: next.pending === 'memory' ? 'soft reload at an idle moment' : 'nightly restart at an idle moment',
      data: { rendererMb: memoryMb },
    });
    if (next.pending === 'memory') next.lastMemoryReloadAt = t;
    else next.lastNightlyAt = t;
    next = { ...next, pending: null, highReports: 0 };
  }
  return { state: next, answer, records };
}

/** Columns of the health log's CSV export. */
export const HEALTH_EXPORT_HEADER = ['time', 'kind', 'message', 'details'] as const;

/** One CSV row per health record; the rest of the record as JSON. */
export function healthCsvRow(r: HealthRecord): string[] {
  const { time, kind, msg, ...rest } = r;
  const details = Object.keys(rest).length > 0 ? JSON.stringify(rest) : '';
  return [time, kind, msg, details.length > 4000 ? `${details.slice(0, 4000)}…` : details];
}
