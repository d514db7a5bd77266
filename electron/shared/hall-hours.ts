/**
 * Hall hours: when the hall is open, when it opens next, and how loud it may be — a pure function
 * of the hall's configuration and the local wall clock. No state, so a clock change, a time-zone
 * change or a resume from sleep is taken into account at the next evaluation, whatever happened
 * in between. Local time only (the `Date`'s local fields): no network time, nothing in UTC.
 *
 * Configuration (all in `config.json`, all optional; without `openingHours` the hall is always
 * open):
 *
 * ```json
 * "openingHours": { "tue": ["09:00-17:00"], "sat": ["09:00-12:00", "13:30-18:00"] },
 * "openingExceptions": [{ "date": "2026-12-13", "hours": ["08:00-20:00"], "note": "国家公祭日" },
 *                       { "date": "2027-01-01", "hours": [] }],
 * "quietHours": [{ "from": "12:00", "to": "13:30", "volume": 0.3 }]
 * ```
 *
 * A weekday that is missing or `[]` is closed. A range may end at `24:00` or run past midnight
 * (`"20:00-02:00"`: open until 02:00 the next day). An exception replaces its date's weekly hours.
 * Quiet hours cap the volume (0 mutes); outside opening hours there is no sound at all.
 */
import { z } from 'zod';

const HHMM = '([01]\\d|2[0-3]):[0-5]\\d';

/** `"09:00-17:00"`; the end may be `24:00`; an end before the start runs past midnight. */
export const timeRangeSchema = z
  .string()
  .regex(new RegExp(`^${HHMM}-(${HHMM}|24:00)$`), 'a time range is "HH:MM-HH:MM", e.g. "09:00-17:00"')
  .refine((r) => r.slice(0, 5) !== r.slice(6), 'a time range must not start and end at the same time');

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const dayHours = z.array(timeRangeSchema).max(8).optional();

/** Weekly hours by weekday (`sun` … `sat`); a missing day is closed. Unknown keys are refused. */
export const openingHoursSchema = z
  .object({
    sun: dayHours,
    mon: dayHours,
    tue: dayHours,
    wed: dayHours,
    thu: dayHours,
    fri: dayHours,
    sat: dayHours,
  })
  .strict();

export const openingExceptionSchema = z.object({
  /** Local date `YYYY-MM-DD`. */
  date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date is "YYYY-MM-DD"'),
  /** That day's hours; `[]` closes the hall all day. */
  hours: z.array(timeRangeSchema).max(8),
  /** For people ("国家公祭日"); not shown to visitors. */
  note: z.string().max(200).optional(),
});

export const quietHoursSchema = z.object({
  from: z.string().regex(new RegExp(`^${HHMM}$`), 'a time is "HH:MM"'),
  to: z.string().regex(new RegExp(`^(${HHMM}|24:00)$`), 'a time is "HH:MM"'),
  /** Largest volume allowed (0 = muted, 1 = full). */
  volume: z.number().min(0).max(1),
});

export type OpeningHours = z.infer<typeof openingHoursSchema>;
export type OpeningException = z.infer<typeof openingExceptionSchema>;
export type QuietHours = z.infer<typeof quietHoursSchema>;

export type HallHoursConfig = {
  openingHours?: OpeningHours | undefined;
  openingExceptions?: readonly OpeningException[] | undefined;
  quietHours?: readonly QuietHours[] | undefined;
};

export type HoursState = {
  open: boolean;
  /** When the hall opens next (local), while it is closed; `null` if open or nothing in a year. */
  nextOpen: Date | null;
  /** Volume cap now: 0 outside opening hours, the lowest quiet-hours cap inside them, else 1. */
  volume: number;
};

type Range = { from: number; to: number };

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function parseRange(text: string): Range {
  return { from: minutes(text.slice(0, 5)), to: minutes(text.slice(6)) };
}

/** Local `YYYY-MM-DD` of a date. */
export function localDateKey(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of `d` shifted by `days` (calendar days, DST-safe). */
function dayStart(d: Date, days: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
}

function rangesOn(config: HallHoursConfig, day: Date): Range[] {
  const key = localDateKey(day);
  const exception = config.openingExceptions?.find((e) => e.date === key);
  const list = exception ? exception.hours : (config.openingHours?.[WEEKDAYS[day.getDay()] ?? 'sun'] ?? []);
  return list.map(parseRange);
}

/** Minutes since local midnight, with seconds as a fraction. */
const minuteOfDay = (d: Date): number => d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;

/** Does a range that starts on its day contain `m` minutes after that day's midnight (m may be ≥ 1440)? */
function contains(r: Range, m: number): boolean {
  const end = r.to > r.from ? r.to : r.to + 24 * 60;
  return m >= r.from && m < end;
}

export function isOpenAt(config: HallHoursConfig, now: Date): boolean {
  if (config.openingHours === undefined) return true;
  const m = minuteOfDay(now);
  if (rangesOn(config, now).some((r) => contains(r, m))) return true;
  // A range of yesterday that runs past midnight.
  return rangesOn(config, dayStart(now, -1)).some((r) => r.to <= r.from && contains(r, m + 24 * 60));
}

/** The first opening-range start after `now`, looking a year ahead. */
export function nextOpening(config: HallHoursConfig, now: Date): Date | null {
  if (config.openingHours === undefined) return null;
  for (let offset = 0; offset <= 366; offset += 1) {
    const day = dayStart(now, offset);
    const starts = rangesOn(config, day)
      .map((r) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, r.from))
      .filter((at) => at.getTime() > now.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    const first = starts[0];
    if (first) return first;
  }
  return null;
}

function quietCap(quiet: readonly QuietHours[] | undefined, now: Date): number {
  const m = minuteOfDay(now);
  let cap = 1;
  for (const q of quiet ?? []) {
    const r = parseRange(`${q.from}-${q.to}`);
    const inside = r.to > r.from ? contains(r, m) : m >= r.from || m < r.to;
    if (inside) cap = Math.min(cap, q.volume);
  }
  return cap;
}

/** Everything the kiosk needs to know about the hours at `now`. */
export function hoursAt(config: HallHoursConfig, now: Date): HoursState {
  const open = isOpenAt(config, now);
  return {
    open,
    nextOpen: open ? null : nextOpening(config, now),
    volume: open ? quietCap(config.quietHours, now) : 0,
  };
}
