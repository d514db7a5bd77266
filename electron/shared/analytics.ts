/**
 * Visitor analytics: what the page records about anonymous visits, how it travels to Node (in
 * batches, `kiosk:analytics`), how a day of it lies on disk (one JSON object per line) and how it
 * is summed up for the staff screen and the CSV export.
 *
 * No personal data: a visit is a random session id made on the kiosk (never stored in the page
 * beyond the visit), and events carry only pack ids (places, events, media, tours), the screen,
 * the language, a preset, a check-in's group kind and head count, and a coarse touch grid. No
 * free text, no names, no device or network identifiers.
 */
import { z } from 'zod';
import { localDateKey } from './hall-hours';

/** Columns and rows of the touch heatmap, over the whole screen in either orientation. */
export const HEAT_COLS = 16;
export const HEAT_ROWS = 16;

/** Most events in one batch (the page sends every few seconds; a batch is far smaller). */
export const MAX_ANALYTICS_BATCH = 200;

const packId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}_.:-]+$/u);
const lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/);
const ms = z.number().int().nonnegative().max(86_400_000);

/** A visit: `s` is random per visit (`migrated` for check-ins carried over from the old store). */
const common = {
  at: z.iso.datetime(),
  s: z.string().regex(/^[a-z0-9-]{1,24}$/),
};

export const analyticsEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...common,
    type: z.literal('session-start'),
    lang,
    orientation: z.enum(['landscape', 'portrait']),
  }),
  /** `dwellMs`: from the first touch to the last one of the visit. */
  z.object({ ...common, type: z.literal('session-end'), dwellMs: ms, reason: z.enum(['idle', 'page']) }),
  z.object({
    ...common,
    type: z.literal('screen'),
    screen: z.enum(['home', 'sand-table', 'timeline']),
  }),
  z.object({ ...common, type: z.literal('place'), id: packId }),
  z.object({ ...common, type: z.literal('event'), id: packId }),
  /** A medium played: how long it played, and of how much (null when its length is unknown). */
  z.object({
    ...common,
    type: z.literal('media'),
    kind: z.enum(['video', 'audio']),
    id: z.string().min(1).max(200),
    playedMs: ms,
    durationMs: ms.nullable(),
  }),
  z.object({ ...common, type: z.literal('language'), lang }),
  z.object({
    ...common,
    type: z.literal('preset'),
    preset: z.enum(['largeText', 'highContrast', 'reducedMotion']),
    on: z.boolean(),
  }),
  z.object({
    ...common,
    type: z.literal('checkin'),
    place: packId,
    group: z
      .string()
      .regex(/^[a-z-]{1,32}$/)
      .nullable(),
    people: z.number().int().min(1).max(500),
  }),
  /** A tour a visitor started (the attract loop's own tours are not visits). */
  z.object({ ...common, type: z.literal('tour'), id: packId }),
  /** Touches since the last batch on the coarse grid: `[cell index, count]`, index = row*cols+col. */
  z.object({
    ...common,
    type: z.literal('heat'),
    orientation: z.enum(['landscape', 'portrait']),
    cells: z
      .array(
        z.tuple([
          z
            .number()
            .int()
            .min(0)
            .max(HEAT_COLS * HEAT_ROWS - 1),
          z.number().int().min(1).max(100_000),
        ]),
      )
      .max(HEAT_COLS * HEAT_ROWS),
  }),
]);

export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;
export type AnalyticsEventType = AnalyticsEvent['type'];

export const analyticsBatchSchema = z.array(analyticsEventSchema).max(MAX_ANALYTICS_BATCH);

/** What the kiosk answers to a batch. */
export const analyticsReceiptSchema = z.object({
  /** Events written. */
  written: z.number().int().nonnegative(),
  /** Events dropped because the analytics folder is at its size bound for today. */
  dropped: z.number().int().nonnegative(),
});

/** The touch grid cell of a point on a `width`×`height` screen. */
export function heatCell(x: number, y: number, width: number, height: number): number {
  const col = Math.min(HEAT_COLS - 1, Math.max(0, Math.floor((x / Math.max(1, width)) * HEAT_COLS)));
  const row = Math.min(HEAT_ROWS - 1, Math.max(0, Math.floor((y / Math.max(1, height)) * HEAT_ROWS)));
  return row * HEAT_COLS + col;
}

/** A YYYY-MM-DD day. */
export const dayKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Upper bounds of the dwell buckets, in seconds (the last bucket is open). */
export const DWELL_BUCKETS_S = [30, 60, 120, 300, 600] as const;

const countRow = z.object({ key: z.string().max(200), count: z.number().int().nonnegative() });

export const analyticsSummarySchema = z.object({
  from: dayKeySchema,
  to: dayKeySchema,
  sessions: z.number().int().nonnegative(),
  /** Every day of the range, with its visits. */
  days: z.array(z.object({ day: dayKeySchema, sessions: z.number().int().nonnegative() })).max(400),
  /** Visits by local hour of their start, 0–23. */
  hours: z.array(z.number().int().nonnegative()).length(24),
  /** Visits by dwell bucket (see DWELL_BUCKETS_S), plus the open last one. */
  dwell: z.array(z.number().int().nonnegative()).length(DWELL_BUCKETS_S.length + 1),
  /** Median dwell in seconds of the visits that ended; null without any. */
  medianDwellSeconds: z.number().nonnegative().nullable(),
  places: z.array(countRow).max(50),
  events: z.array(countRow).max(50),
  tours: z.array(countRow).max(50),
  /** Visits per language (a visit counts for every language it used). */
  languages: z.array(countRow).max(20),
  presets: z.array(countRow).max(10),
  media: z.object({ plays: z.number().int().nonnegative(), playedSeconds: z.number().nonnegative() }),
  checkIns: z.object({ groups: z.number().int().nonnegative(), people: z.number().int().nonnegative() }),
  /** Touches per grid cell, row-major, HEAT_COLS×HEAT_ROWS, per orientation. */
  heat: z.object({
    landscape: z.array(z.number().int().nonnegative()).length(HEAT_COLS * HEAT_ROWS),
    portrait: z.array(z.number().int().nonnegative()).length(HEAT_COLS * HEAT_ROWS),
  }),
  /** Lines on disk that could not be read (a torn last line after a power cut, damage). */
  skippedLines: z.number().int().nonnegative(),
});

export type AnalyticsSummary = z.infer<typeof analyticsSummarySchema>;

const DAY_MS = 86_400_000;

/** Every local day from `from` to `to` inclusive (at most `max`). */
export function daysBetween(from: string, to: string, max = 400): string[] {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const out: string[] = [];
  // Noon steps over daylight-saving changes safely.
  for (let t = new Date(fy, fm - 1, fd, 12).getTime(); out.length < max; t += DAY_MS) {
    const key = localDateKey(new Date(t));
    if (key > to) break;
    out.push(key);
  }
  return out;
}

function top(counts: Map<string, number>, n: number): { key: string; count: number }[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([key, count]) => ({ key, count }));
}

const bump = (m: Map<string, number>, key: string, by = 1): void => {
  m.set(key, (m.get(key) ?? 0) + by);
};

/**
 * Sums events up for the staff screen. A visit is a `session-start`; its day and hour are local
 * (the kiosk's wall clock). Events outside [from, to] (local days) are ignored.
 */
export function summarizeAnalytics(
  events: Iterable<AnalyticsEvent>,
  range: { from: string; to: string },
  skippedLines = 0,
): AnalyticsSummary {
  const days = new Map(daysBetween(range.from, range.to).map((d) => [d, 0]));
  const hours = Array.from({ length: 24 }, () => 0);
  const dwell = Array.from({ length: DWELL_BUCKETS_S.length + 1 }, () => 0);
  const dwells: number[] = [];
  const places = new Map<string, number>();
  const evts = new Map<string, number>();
  const tours = new Map<string, number>();
  const presets = new Map<string, number>();
  const sessionLangs = new Map<string, Set<string>>();
  const heat = {
    landscape: Array.from({ length: HEAT_COLS * HEAT_ROWS }, () => 0),
    portrait: Array.from({ length: HEAT_COLS * HEAT_ROWS }, () => 0),
  };
  let sessions = 0;
  let plays = 0;
  let playedMs = 0;
  let groups = 0;
  let people = 0;
  for (const e of events) {
    const at = new Date(e.at);
    const day = localDateKey(at);
    if (day < range.from || day > range.to) continue;
    switch (e.type) {
      case 'session-start':
        sessions += 1;
        days.set(day, (days.get(day) ?? 0) + 1);
        hours[at.getHours()] = (hours[at.getHours()] ?? 0) + 1;
        sessionLangs.set(e.s, new Set([e.lang]));
        break;
      case 'session-end': {
        const seconds = e.dwellMs / 1000;
        dwells.push(seconds);
        const bucket = DWELL_BUCKETS_S.findIndex((limit) => seconds < limit);
        const i = bucket === -1 ? DWELL_BUCKETS_S.length : bucket;
        dwell[i] = (dwell[i] ?? 0) + 1;
        break;
      }
      case 'language': {
        const set = sessionLangs.get(e.s) ?? new Set<string>();
        set.add(e.lang);
        sessionLangs.set(e.s, set);
        break;
      }
      case 'place':
        bump(places, e.id);
        break;
      case 'event':
        bump(evts, e.id);
        break;
      case 'tour':
        bump(tours, e.id);
        break;
      case 'preset':
        if (e.on) bump(presets, e.preset);
        break;
      case 'media':
        plays += 1;
        playedMs += e.playedMs;
        break;
      case 'checkin':
        groups += 1;
        people += e.people;
        break;
      case 'heat': {
        const grid = heat[e.orientation];
        for (const [cell, n] of e.cells) grid[cell] = (grid[cell] ?? 0) + n;
        break;
      }
      case 'screen':
        break;
      default: {
        const never: never = e;
        void never;
      }
    }
  }
  const languages = new Map<string, number>();
  for (const set of sessionLangs.values()) for (const l of set) bump(languages, l);
  dwells.sort((a, b) => a - b);
  const mid = dwells.length / 2;
  const median =
    dwells.length === 0
      ? null
      : dwells.length % 2 === 1
        ? (dwells[Math.floor(mid)] ?? 0)
        : ((dwells[mid - 1] ?? 0) + (dwells[mid] ?? 0)) / 2;
  return {
    from: range.from,
    to: range.to,
    sessions,
    days: [...days.entries()].map(([d, n]) => ({ day: d, sessions: n })),
    hours,
    dwell,
    medianDwellSeconds: median,
    places: top(places, 50),
    events: top(evts, 50),
    tours: top(tours, 50),
    languages: top(languages, 20),
    presets: top(presets, 10),
    media: { plays, playedSeconds: Math.round(playedMs / 100) / 10 },
    checkIns: { groups, people },
    heat,
    skippedLines,
  };
}

/** The columns of the analytics CSV (one row per event). */
export const ANALYTICS_CSV_HEADER = [
  'time',
  'date',
  'hour',
  'session',
  'type',
  'target',
  'language',
  'amount',
  'duration_ms',
  'detail',
] as const;

/** One CSV row per event; cells are escaped by the CSV writer. */
export function analyticsCsvRow(e: AnalyticsEvent): (string | number | null)[] {
  const at = new Date(e.at);
  const base = (
    target: string,
    language: string,
    amount: number | null,
    duration: number | null,
    detail = '',
  ) => [e.at, localDateKey(at), at.getHours(), e.s, e.type, target, language, amount, duration, detail];
  switch (e.type) {
    case 'session-start':
      return base('', e.lang, null, null, e.orientation);
    case 'session-end':
      return base('', '', null, e.dwellMs, e.reason);
    case 'screen':
      return base(e.screen, '', null, null);
    case 'place':
    case 'event':
    case 'tour':
      return base(e.id, '', null, null);
    case 'media':
      return base(e.id, '', e.durationMs, e.playedMs, e.kind);
    case 'language':
      return base('', e.lang, null, null);
    case 'preset':
      return base(e.preset, '', null, null, e.on ? 'on' : 'off');
    case 'checkin':
      return base(e.place, '', e.people, null, e.group ?? '');
    case 'heat':
      return base(
        '',
        '',
        e.cells.reduce((sum, [, n]) => sum + n, 0),
        null,
        `${e.orientation} ${e.cells.map(([c, n]) => `${c}:${n}`).join(' ')}`,
      );
    default: {
      const never: never = e;
      return never;
    }
  }
}
