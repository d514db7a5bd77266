/**
 * Visitor analytics on disk: `<data dir>/analytics/events-YYYY-MM-DD.jsonl`, one event per line
 * (schema in shared/analytics.ts), bounded by `analyticsMaxMb` of config.json. The page sends its
 * events in batches (`kiosk:analytics`); the staff screen, the staff export and `hallpack analytics
 * export` read them back through here.
 */
import path from 'node:path';
import {
  analyticsEventSchema,
  summarizeAnalytics,
  ANALYTICS_CSV_HEADER,
  analyticsCsvRow,
} from '../../shared/analytics';
import type { AnalyticsEvent, AnalyticsSummary } from '../../shared/analytics';
import { localDateKey } from '../../shared/hall-hours';
import type { Logger } from '../log/logger';
import { toCsv } from '../staff/csv';
import { createDailyLog } from './daily-log';
import type { AppendResult, DailyLog } from './daily-log';

export const ANALYTICS_DIR = 'analytics';
export const ANALYTICS_PREFIX = 'events';
/** Default bound of the analytics folder (MiB): years of a busy hall. */
export const DEFAULT_ANALYTICS_MAX_MB = 200;

export type AnalyticsLog = {
  readonly daily: DailyLog;
  record(events: readonly AnalyticsEvent[]): Promise<AppendResult>;
  /** Events of the local days [from, to], oldest first, and the lines skipped. */
  events(range: { from: string; to: string }): Promise<{ events: AnalyticsEvent[]; skipped: number }>;
  summary(range: { from: string; to: string }): Promise<AnalyticsSummary>;
};

export type AnalyticsLogOptions = {
  dataDir: string;
  maxMb?: () => number | undefined;
  now?: () => Date;
  log?: Logger;
};

const parseEvent = (value: unknown): AnalyticsEvent | null => {
  const parsed = analyticsEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

export function createAnalyticsLog(options: AnalyticsLogOptions): AnalyticsLog {
  const daily = createDailyLog({
    dir: path.join(options.dataDir, ANALYTICS_DIR),
    prefix: ANALYTICS_PREFIX,
    maxBytes: () => (options.maxMb?.() ?? DEFAULT_ANALYTICS_MAX_MB) * 1024 * 1024,
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  async function events(range: { from: string; to: string }) {
    const out: AnalyticsEvent[] = [];
    const { skipped } = await daily.read(range, parseEvent, (e) => out.push(e));
    return { events: out, skipped };
  }
  return {
    daily,
    record: (list) => daily.append(list),
    events,
    async summary(range) {
      // Files are per day of writing; an event written just after midnight may belong to the day
      // before, so one day more is read on each side and the summary filters by the event's time.
      const { events: list, skipped } = await events({
        from: shiftDay(range.from, -1),
        to: shiftDay(range.to, 1),
      });
      return summarizeAnalytics(list, range, skipped);
    },
  };
}

/** `YYYY-MM-DD` shifted by whole days. */
export function shiftDay(day: string, by: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(y, m - 1, d + by, 12);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

/** The analytics CSV of a range: one row per event whose local day is in [from, to]. */
export async function analyticsCsv(
  analytics: AnalyticsLog,
  range: { from: string; to: string },
): Promise<{ csv: string; rows: number; skipped: number }> {
  const { events, skipped } = await analytics.events({
    from: shiftDay(range.from, -1),
    to: shiftDay(range.to, 1),
  });
  const rows = events.map(analyticsCsvRow).filter((row) => {
    const day = row[1] as string;
    return day >= range.from && day <= range.to;
  });
  return { csv: toCsv([...ANALYTICS_CSV_HEADER], rows), rows: rows.length, skipped };
}

/** Check-ins per place and local day, `[place, day, groups, people]`, from the analytics. */
export function checkInsByDay(events: readonly AnalyticsEvent[]): [string, string, number, number][] {
  const rows = new Map<string, [string, string, number, number]>();
  for (const e of events) {
    if (e.type !== 'checkin') continue;
    const day = localDateKey(new Date(e.at));
    const key = `${day}\u0000${e.place}`;
    const row = rows.get(key) ?? [e.place, day, 0, 0];
    row[2] += 1;
    row[3] += e.people;
    rows.set(key, row);
  }
  return [...rows.values()];
}
