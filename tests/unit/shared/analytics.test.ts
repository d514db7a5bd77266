import { describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '../../../electron/shared/analytics';
import {
  analyticsBatchSchema,
  analyticsCsvRow,
  daysBetween,
  HEAT_COLS,
  heatCell,
  summarizeAnalytics,
} from '../../../electron/shared/analytics';

const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).toISOString();

const visit = (s: string, day: number, hour: number, dwellS: number, lang = 'zh-Hans'): AnalyticsEvent[] => [
  { type: 'session-start', s, at: at(day, hour), lang, orientation: 'landscape' },
  { type: 'session-end', s, at: at(day, hour, 5), dwellMs: dwellS * 1000, reason: 'idle' },
];

describe('analytics summary', () => {
  const events: AnalyticsEvent[] = [
    ...visit('a', 1, 9, 20),
    { type: 'place', s: 'a', at: at(1, 9, 1), id: 'south-lake' },
    { type: 'place', s: 'a', at: at(1, 9, 2), id: 'south-lake' },
    { type: 'event', s: 'a', at: at(1, 9, 2), id: 'founding' },
    { type: 'language', s: 'a', at: at(1, 9, 3), lang: 'en' },
    ...visit('b', 1, 14, 90, 'en'),
    { type: 'place', s: 'b', at: at(1, 14, 1), id: 'yanan' },
    { type: 'media', s: 'b', at: at(1, 14, 2), kind: 'video', id: 'e:v', playedMs: 30_000, durationMs: null },
    { type: 'checkin', s: 'b', at: at(1, 14, 3), place: 'yanan', group: 'school-class', people: 30 },
    { type: 'preset', s: 'b', at: at(1, 14, 3), preset: 'largeText', on: true },
    { type: 'preset', s: 'b', at: at(1, 14, 3), preset: 'largeText', on: false },
    { type: 'tour', s: 'b', at: at(1, 14, 4), id: 'founding' },
    {
      type: 'heat',
      s: 'b',
      at: at(1, 14, 4),
      orientation: 'landscape',
      cells: [
        [0, 2],
        [17, 1],
      ],
    },
    ...visit('c', 3, 14, 700),
    // Outside the range.
    ...visit('d', 5, 10, 10),
  ];
  const summary = summarizeAnalytics(events, { from: '2026-03-01', to: '2026-03-03' }, 2);

  it('counts visits per day (every day of the range) and per hour', () => {
    expect(summary.sessions).toBe(3);
    expect(summary.days).toEqual([
      { day: '2026-03-01', sessions: 2 },
      { day: '2026-03-02', sessions: 0 },
      { day: '2026-03-03', sessions: 1 },
    ]);
    expect(summary.hours[9]).toBe(1);
    expect(summary.hours[14]).toBe(2);
    expect(summary.hours.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('buckets dwell and takes its median', () => {
    expect(summary.dwell).toEqual([1, 0, 1, 0, 0, 1]);
    expect(summary.medianDwellSeconds).toBe(90);
  });

  it('ranks places and events, counts languages per visit, presets switched on, media, check-ins, tours', () => {
    expect(summary.places).toEqual([
      { key: 'south-lake', count: 2 },
      { key: 'yanan', count: 1 },
    ]);
    expect(summary.events).toEqual([{ key: 'founding', count: 1 }]);
    expect(summary.languages).toEqual([
      { key: 'en', count: 2 },
      { key: 'zh-Hans', count: 2 },
    ]);
    expect(summary.presets).toEqual([{ key: 'largeText', count: 1 }]);
    expect(summary.media).toEqual({ plays: 1, playedSeconds: 30 });
    expect(summary.checkIns).toEqual({ groups: 1, people: 30 });
    expect(summary.tours).toEqual([{ key: 'founding', count: 1 }]);
    expect(summary.heat.landscape[0]).toBe(2);
    expect(summary.heat.landscape[17]).toBe(1);
    expect(summary.heat.portrait.every((n) => n === 0)).toBe(true);
    expect(summary.skippedLines).toBe(2);
  });

  it('is empty but complete for a range without visits', () => {
    const empty = summarizeAnalytics([], { from: '2026-03-01', to: '2026-03-01' });
    expect(empty.days).toEqual([{ day: '2026-03-01', sessions: 0 }]);
    expect(empty.medianDwellSeconds).toBeNull();
  });

  it('walks local days across month ends', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
});

describe('analytics events', () => {
  it('puts a touch in its grid cell, clamped to the screen', () => {
    expect(heatCell(0, 0, 1920, 1080)).toBe(0);
    expect(heatCell(1919, 0, 1920, 1080)).toBe(HEAT_COLS - 1);
    expect(heatCell(5000, 5000, 1920, 1080)).toBe(HEAT_COLS * HEAT_COLS - 1);
    expect(heatCell(-5, 540, 1920, 1080)).toBe(8 * HEAT_COLS);
  });

  it('refuses free text and personal-looking fields', () => {
    const ok = { type: 'place', s: 'abc123', at: at(1, 9), id: 'south-lake' };
    expect(analyticsBatchSchema.safeParse([ok]).success).toBe(true);
    expect(analyticsBatchSchema.safeParse([{ ...ok, id: 'Zhang San, 138 0000' }]).success).toBe(false);
    expect(analyticsBatchSchema.safeParse([{ ...ok, s: 'Visitor Name' }]).success).toBe(false);
    expect(analyticsBatchSchema.safeParse([{ ...ok, type: 'note', text: 'hi' }]).success).toBe(false);
  });

  it('flattens each event into one CSV row', () => {
    const row = analyticsCsvRow({
      type: 'checkin',
      s: 'v1',
      at: at(1, 9),
      place: 'yanan',
      group: 'party-branch',
      people: 12,
    });
    expect(row).toEqual([at(1, 9), '2026-03-01', 9, 'v1', 'checkin', 'yanan', '', 12, null, 'party-branch']);
  });
});
