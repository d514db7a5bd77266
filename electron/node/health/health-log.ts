/**
 * The health log: `<data dir>/health/health-YYYY-MM-DD.jsonl`, one record per line (uptime and
 * memory samples, frame rate, recoveries, pack changes, schedule events, hours transitions, fleet
 * events, memory reloads and nightly restarts), bounded by `healthLogMaxMb`. Kiosk log lines of the
 * scheduler, the fleet poller, the pack store and the recovery ladder reach it through
 * `withHealth(log, health)` (classified by `healthKindOf`), so those modules only log as before.
 *
 * `createVitalsHandler` is the kiosk side of `kiosk:vitals`: the page's report goes through the
 * pure `watchStep` (shared/health.ts); its state that must outlive a restart (when the last memory
 * reload and nightly restart happened) is kept in `health/watch.json`.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type {
  HealthKind,
  HealthRecord,
  Vitals,
  VitalsAnswer,
  WatchConfig,
  WatchState,
} from '../../shared/health';
import { healthKindOf, healthRecordSchema, initialWatchState, watchStep } from '../../shared/health';
import { localDateKey } from '../../shared/hall-hours';
import { createDailyLog } from '../analytics/daily-log';
import type { DailyLog } from '../analytics/daily-log';
import { replaceJsonAtomic } from '../fs/atomic';
import { nodeFsOps } from '../fs/fs-ops';
import type { LogData, Logger } from '../log/logger';

export const HEALTH_DIR = 'health';
export const DEFAULT_HEALTH_LOG_MAX_MB = 50;

export type HealthLog = {
  readonly daily: DailyLog;
  record(kind: HealthKind, msg: string, data?: Record<string, unknown>): void;
  /** Records of the last `days` local days, oldest first (at most `max`, the newest kept). */
  recent(days: number, max: number): Promise<{ records: HealthRecord[]; skipped: number }>;
};

export type HealthLogOptions = {
  dataDir: string;
  maxMb?: () => number | undefined;
  now?: () => Date;
  log?: Logger;
};

export function createHealthLog(options: HealthLogOptions): HealthLog {
  const now = options.now ?? (() => new Date());
  const daily = createDailyLog({
    dir: path.join(options.dataDir, HEALTH_DIR),
    prefix: 'health',
    maxBytes: () => (options.maxMb?.() ?? DEFAULT_HEALTH_LOG_MAX_MB) * 1024 * 1024,
    now,
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    daily,
    record(kind, msg, data = {}) {
      void daily.append([{ time: now().toISOString(), kind, msg, ...data }]);
    },
    async recent(days, max) {
      const today = now();
      const from = localDateKey(
        new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1)),
      );
      const records: HealthRecord[] = [];
      const { skipped } = await daily.read(
        { from, to: localDateKey(today) },
        (v) => {
          const parsed = healthRecordSchema.safeParse(v);
          return parsed.success ? parsed.data : null;
        },
        (r) => {
          records.push(r);
          if (records.length > max * 2) records.splice(0, records.length - max);
        },
      );
      return { records: records.slice(-max), skipped };
    },
  };
}

/** A logger that also writes the lines `healthKindOf` recognises into the health log. */
export function withHealth(log: Logger, health: Pick<HealthLog, 'record'>): Logger {
  const tap =
    (level: 'info' | 'warn' | 'error') =>
    (msg: string, data?: LogData): void => {
      log[level](msg, data);
      const kind = healthKindOf(level, msg);
      if (kind === null) return;
      const detail: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(data ?? {}))
        detail[k] = v instanceof Error ? v.message : typeof v === 'string' ? v.slice(0, 500) : v;
      health.record(kind, msg.slice(0, 500), { level, ...detail });
    };
  return { info: tap('info'), warn: tap('warn'), error: tap('error') };
}

export type VitalsHandlerOptions = {
  dataDir: string;
  config: () => WatchConfig;
  health: Pick<HealthLog, 'record'>;
  /** Electron: the renderer process's working set in bytes; absent: the page's own heap report. */
  rendererBytes?: () => number | null;
  /** Main process memory and uptime for the samples. */
  processStats?: () => { rssBytes: number; uptimeSeconds: number };
  /** Called after a nightly-restart answer (Electron relaunches itself; browser mode: nothing). */
  onNightly?: () => void;
  now?: () => Date;
  log?: Logger;
};

const WATCH_FILE = 'watch.json';

/** The kiosk side of `kiosk:vitals`. */
export function createVitalsHandler(
  options: VitalsHandlerOptions,
): (vitals: Vitals) => Promise<VitalsAnswer> {
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dataDir, HEALTH_DIR, WATCH_FILE);
  let state: WatchState = { ...initialWatchState };
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<WatchState>;
    state = {
      ...state,
      lastMemoryReloadAt: typeof saved.lastMemoryReloadAt === 'number' ? saved.lastMemoryReloadAt : null,
      lastNightlyAt: typeof saved.lastNightlyAt === 'number' ? saved.lastNightlyAt : null,
    };
  } catch {
    // First start, or unreadable: nothing done yet.
  }
  return async (vitals) => {
    const step = watchStep(options.config(), state, {
      vitals,
      rendererBytes: options.rendererBytes?.() ?? null,
      now: now(),
    });
    const before = state;
    state = step.state;
    const stats = options.processStats?.();
    for (const r of step.records)
      options.health.record(r.kind, r.msg, r.kind === 'sample' && stats ? { ...r.data, ...stats } : r.data);
    if (
      before.lastMemoryReloadAt !== state.lastMemoryReloadAt ||
      before.lastNightlyAt !== state.lastNightlyAt
    ) {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 }).catch(() => undefined);
      await replaceJsonAtomic(nodeFsOps, file, {
        lastMemoryReloadAt: state.lastMemoryReloadAt,
        lastNightlyAt: state.lastNightlyAt,
      }).catch((error: unknown) => options.log?.warn('health: watch state not saved', { error }));
    }
    if (step.answer.reason === 'nightly' && options.onNightly) setTimeout(options.onNightly, 500);
    return step.answer;
  };
}
