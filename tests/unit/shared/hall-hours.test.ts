import { describe, expect, it } from 'vitest';
import {
  hoursAt,
  isOpenAt,
  nextOpening,
  openingHoursSchema,
  timeRangeSchema,
  type HallHoursConfig,
} from '../../../electron/shared/hall-hours';

// Local wall-clock dates (whatever the test machine's time zone): the hours are local time.
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s);

// 2026-12-07 is a Monday.
const weekdays = ['09:00-17:00'];
const hall: HallHoursConfig = {
  openingHours: {
    tue: weekdays,
    wed: weekdays,
    thu: weekdays,
    fri: weekdays,
    sat: ['09:00-12:00', '13:30-18:00'],
    sun: weekdays,
  },
  openingExceptions: [
    { date: '2026-12-13', hours: ['08:00-20:00'], note: '国家公祭日' },
    { date: '2026-12-31', hours: [] },
    { date: '2026-12-08', hours: ['10:00-16:00'] },
  ],
  quietHours: [
    { from: '12:00', to: '13:30', volume: 0.3 },
    { from: '16:30', to: '17:00', volume: 0 },
  ],
};

describe('opening hours by weekday', () => {
  it('is always open without opening hours', () => {
    expect(hoursAt({}, at(2026, 12, 7, 3))).toEqual({ open: true, nextOpen: null, volume: 1 });
  });

  it('is closed on a day that is not listed (Monday) and says when it opens', () => {
    const monday = at(2026, 12, 7, 10);
    expect(isOpenAt(hall, monday)).toBe(false);
    // Tuesday the 8th has an exception: 10:00.
    expect(nextOpening(hall, monday)).toEqual(at(2026, 12, 8, 10));
  });

  it('opens at the start minute and closes at the end minute', () => {
    expect(isOpenAt(hall, at(2026, 12, 9, 8, 59, 59))).toBe(false);
    expect(isOpenAt(hall, at(2026, 12, 9, 9, 0))).toBe(true);
    expect(isOpenAt(hall, at(2026, 12, 9, 16, 59, 59))).toBe(true);
    expect(isOpenAt(hall, at(2026, 12, 9, 17, 0))).toBe(false);
    expect(nextOpening(hall, at(2026, 12, 9, 17, 0))).toEqual(at(2026, 12, 10, 9));
  });

  it('handles a lunch break as two ranges', () => {
    expect(isOpenAt(hall, at(2026, 12, 12, 12, 30))).toBe(false);
    expect(nextOpening(hall, at(2026, 12, 12, 12, 30))).toEqual(at(2026, 12, 12, 13, 30));
    expect(isOpenAt(hall, at(2026, 12, 12, 13, 30))).toBe(true);
  });
});

describe('dated exceptions', () => {
  it('replace the weekly hours of their date', () => {
    // Sunday 13 December, commemoration day: 08:00–20:00 instead of 09:00–17:00.
    expect(isOpenAt(hall, at(2026, 12, 13, 8, 30))).toBe(true);
    expect(isOpenAt(hall, at(2026, 12, 13, 19, 0))).toBe(true);
    // Tuesday 8 December: 10:00–16:00.
    expect(isOpenAt(hall, at(2026, 12, 8, 9, 30))).toBe(false);
    expect(isOpenAt(hall, at(2026, 12, 8, 16, 30))).toBe(false);
  });

  it('close a whole day and the next opening skips it', () => {
    expect(isOpenAt(hall, at(2026, 12, 31, 12))).toBe(false);
    // 31 Dec (Thursday) closed → Friday 1 January 09:00.
    expect(nextOpening(hall, at(2026, 12, 30, 18))).toEqual(at(2027, 1, 1, 9));
  });

  it('says nothing opens when nothing opens within a year', () => {
    expect(nextOpening({ openingHours: {} }, at(2026, 12, 7))).toBeNull();
    expect(hoursAt({ openingHours: {} }, at(2026, 12, 7))).toEqual({
      open: false,
      nextOpen: null,
      volume: 0,
    });
  });
});

describe('midnight', () => {
  const late: HallHoursConfig = { openingHours: { fri: ['20:00-02:00'], sat: ['10:00-24:00'] } };

  it('a range past midnight stays open into the next day', () => {
    expect(isOpenAt(late, at(2026, 12, 11, 23, 59))).toBe(true);
    expect(isOpenAt(late, at(2026, 12, 12, 0, 0))).toBe(true);
    expect(isOpenAt(late, at(2026, 12, 12, 1, 59))).toBe(true);
    expect(isOpenAt(late, at(2026, 12, 12, 2, 0))).toBe(false);
    expect(nextOpening(late, at(2026, 12, 12, 2, 0))).toEqual(at(2026, 12, 12, 10));
  });

  it('24:00 closes at midnight', () => {
    expect(isOpenAt(late, at(2026, 12, 12, 23, 59, 59))).toBe(true);
    expect(isOpenAt(late, at(2026, 12, 13, 0, 0))).toBe(false);
    expect(nextOpening(late, at(2026, 12, 13, 0, 0))).toEqual(at(2026, 12, 18, 20));
  });

  it('evaluated just before and after midnight on an ordinary day', () => {
    expect(hoursAt(hall, at(2026, 12, 9, 23, 59, 59)).nextOpen).toEqual(at(2026, 12, 10, 9));
    expect(hoursAt(hall, at(2026, 12, 10, 0, 0, 0)).nextOpen).toEqual(at(2026, 12, 10, 9));
  });
});

describe('clock change', () => {
  it('has no memory: the same wall time gives the same answer, whatever came before', () => {
    // A technician sets the clock from 2026-12-09 16:59 back to 08:00 and forward to 20:00.
    const before = hoursAt(hall, at(2026, 12, 9, 16, 59));
    expect(before.open).toBe(true);
    expect(hoursAt(hall, at(2026, 12, 9, 8, 0))).toEqual({
      open: false,
      nextOpen: at(2026, 12, 9, 9),
      volume: 0,
    });
    expect(hoursAt(hall, at(2026, 12, 9, 20, 0))).toEqual({
      open: false,
      nextOpen: at(2026, 12, 10, 9),
      volume: 0,
    });
    expect(hoursAt(hall, at(2026, 12, 9, 16, 59))).toEqual(before);
  });
});

describe('quiet hours', () => {
  it('cap the volume inside opening hours and mute when the cap is 0', () => {
    expect(hoursAt(hall, at(2026, 12, 9, 10)).volume).toBe(1);
    expect(hoursAt(hall, at(2026, 12, 9, 12, 15)).volume).toBe(0.3);
    expect(hoursAt(hall, at(2026, 12, 9, 16, 45)).volume).toBe(0);
  });

  it('no sound at all outside opening hours', () => {
    expect(hoursAt(hall, at(2026, 12, 7, 12, 15)).volume).toBe(0);
  });

  it('may run past midnight, and the lowest cap wins', () => {
    const night: HallHoursConfig = {
      openingHours: { fri: ['00:00-24:00'] },
      quietHours: [
        { from: '22:00', to: '06:00', volume: 0.5 },
        { from: '23:00', to: '23:30', volume: 0.2 },
      ],
    };
    expect(hoursAt(night, at(2026, 12, 11, 5)).volume).toBe(0.5);
    expect(hoursAt(night, at(2026, 12, 11, 23, 10)).volume).toBe(0.2);
    expect(hoursAt(night, at(2026, 12, 11, 12)).volume).toBe(1);
  });
});

describe('schemas', () => {
  it('refuse malformed ranges and unknown weekdays with a readable rule', () => {
    expect(timeRangeSchema.safeParse('9:00-17:00').success).toBe(false);
    expect(timeRangeSchema.safeParse('09:00-25:00').success).toBe(false);
    expect(timeRangeSchema.safeParse('09:00-09:00').success).toBe(false);
    expect(timeRangeSchema.safeParse('09:00-24:00').success).toBe(true);
    const bad = openingHoursSchema.safeParse({ monday: ['09:00-17:00'] });
    expect(bad.success).toBe(false);
  });
});
