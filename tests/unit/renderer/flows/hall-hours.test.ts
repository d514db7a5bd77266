import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOURS_TICK_MS, startHoursWatch } from '../../../../renderer/src/flows/hall-hours';
import { createHallStore } from '../../../../renderer/src/stores/hall-store';
import type { HallStore } from '../../../../renderer/src/stores/hall-store';

const at = (d: number, h: number, mi = 0) => new Date(2026, 11, d, h, mi);
const settings = {
  openingHours: { wed: ['09:00-17:00'], thu: ['09:00-17:00'] },
  quietHours: [{ from: '12:00', to: '13:00', volume: 0.25 }],
};

describe('hours watch', () => {
  let hall: HallStore;
  let wall: Date;
  let stop: () => void = () => undefined;
  const volumes: number[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    hall = createHallStore();
    wall = at(9, 10); // Wednesday 10:00
    volumes.length = 0;
    stop = startHoursWatch({ hall, now: () => wall, document: null, setVolume: (v) => volumes.push(v) });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('is open until the hall configures hours, then evaluates at once when they arrive', () => {
    expect(hall.getState().hours).toEqual({ open: true, nextOpen: null, volume: 1 });
    wall = at(9, 20);
    hall.getState().settingsLoaded(settings);
    expect(hall.getState().hours).toEqual({ open: false, nextOpen: at(10, 9).getTime(), volume: 0 });
    expect(volumes.at(-1)).toBe(0);
  });

  it('follows the wall clock, not elapsed time: a clock change shows at the next tick', () => {
    hall.getState().settingsLoaded(settings);
    expect(hall.getState().hours.open).toBe(true);
    // Someone sets the clock forward to 18:30: closed within one tick, no timer for "17:00" involved.
    wall = at(9, 18, 30);
    vi.advanceTimersByTime(HOURS_TICK_MS);
    expect(hall.getState().hours).toMatchObject({ open: false, nextOpen: at(10, 9).getTime() });
    // And back to 12:30, inside quiet hours.
    wall = at(9, 12, 30);
    vi.advanceTimersByTime(HOURS_TICK_MS);
    expect(hall.getState().hours).toEqual({ open: true, nextOpen: null, volume: 0.25 });
    expect(volumes).toEqual([1, 0, 0.25]);
  });

  it('a resume from sleep (timers overdue, the clock far ahead) re-evaluates on the first tick', () => {
    hall.getState().settingsLoaded(settings);
    wall = at(12, 10); // Saturday: closed, opens next Wednesday
    vi.advanceTimersByTime(HOURS_TICK_MS);
    expect(hall.getState().hours).toMatchObject({ open: false, nextOpen: at(16, 9).getTime() });
  });

  it('stops ticking when stopped', () => {
    hall.getState().settingsLoaded(settings);
    stop();
    wall = at(9, 20);
    vi.advanceTimersByTime(HOURS_TICK_MS * 3);
    expect(hall.getState().hours.open).toBe(true);
  });
});
