import { describe, expect, it } from 'vitest';
import type { Vitals, WatchConfig, WatchState } from '../../../electron/shared/health';
import {
  healthKindOf,
  initialWatchState,
  MEMORY_RELOAD_GAP_MS,
  nightlyDue,
  SAMPLE_EVERY_MS,
  watchStep,
} from '../../../electron/shared/health';

const MB = 1048576;
const at = (day: number, h: number, m = 0) => new Date(2026, 2, day, h, m);
const vitals = (over: Partial<Vitals> = {}): Vitals => ({
  fps: 60,
  heapUsedBytes: 100 * MB,
  idle: false,
  hours: 'open',
  ...over,
});

/** Runs reports a minute apart from `start`; returns every step. */
function run(config: WatchConfig, start: Date, reports: Partial<Vitals>[], rendererMb: number | null = null) {
  let state: WatchState = initialWatchState;
  return reports.map((r, i) => {
    const step = watchStep(config, state, {
      vitals: vitals(r),
      rendererBytes: rendererMb === null ? null : rendererMb * MB,
      now: new Date(start.getTime() + i * 60_000),
    });
    state = step.state;
    return step;
  });
}

describe('memory watch', () => {
  const config: WatchConfig = { memoryReloadThresholdMb: 500 };

  it('one high report is not enough; two running, it reloads only at an idle moment', () => {
    const steps = run(config, at(1, 10), [
      { heapUsedBytes: 600 * MB },
      { heapUsedBytes: 100 * MB },
      { heapUsedBytes: 600 * MB },
      { heapUsedBytes: 600 * MB },
      { heapUsedBytes: 650 * MB },
      { heapUsedBytes: 650 * MB, idle: true },
      { heapUsedBytes: 100 * MB, idle: true },
    ]);
    expect(steps.map((s) => s.answer.reload)).toEqual([false, false, false, false, false, true, false]);
    expect(steps[5]?.answer.reason).toBe('memory');
    expect(steps[3]?.records.map((r) => r.kind)).toContain('memory-reload');
    expect(steps[5]?.records.map((r) => r.msg)).toContain('soft reload at an idle moment');
  });

  it('reloads at most once per gap, however high it stays', () => {
    const reports = Array.from({ length: 40 }, () => ({ heapUsedBytes: 900 * MB, idle: true }));
    const reloads = run(config, at(1, 10), reports)
      .map((s, i) => (s.answer.reload ? i : -1))
      .filter((i) => i >= 0);
    expect(reloads).toEqual([1, 1 + MEMORY_RELOAD_GAP_MS / 60_000]);
  });

  it("prefers the kiosk's own reading of the renderer (Electron) over the page's heap", () => {
    const steps = run(config, at(1, 10), [{ idle: true }, { idle: true }], 800);
    expect(steps[1]?.answer).toEqual({ reload: true, reason: 'memory' });
  });

  it('without a threshold never reloads; samples go to the log every few minutes', () => {
    const steps = run(
      {},
      at(1, 10),
      Array.from({ length: 11 }, () => ({ heapUsedBytes: 4000 * MB, idle: true })),
    );
    expect(steps.every((s) => !s.answer.reload)).toBe(true);
    const samples = steps.flatMap((s, i) => (s.records.some((r) => r.kind === 'sample') ? [i] : []));
    expect(samples).toEqual([0, SAMPLE_EVERY_MS / 60_000, (2 * SAMPLE_EVERY_MS) / 60_000]);
  });

  it('logs hours transitions', () => {
    const steps = run({}, at(1, 16, 58), [{ hours: 'open' }, { hours: 'closed' }, { hours: 'closed' }]);
    expect(steps.map((s) => s.records.filter((r) => r.kind === 'hours').map((r) => r.msg))).toEqual([
      [],
      ['the hall closed'],
      [],
    ]);
  });
});

describe('nightly restart', () => {
  const hours: WatchConfig = {
    openingHours: { sun: ['09:00-17:00'], mon: ['09:00-17:00'] },
    nightlyRestart: '03:30',
  };

  it('is due after its time, while the hall is closed, once a night, within its window', () => {
    expect(nightlyDue(hours, null, at(1, 3, 29))).toBe(false);
    expect(nightlyDue(hours, null, at(1, 3, 30))).toBe(true);
    expect(nightlyDue(hours, at(1, 3, 31).getTime(), at(1, 4))).toBe(false);
    expect(nightlyDue(hours, at(1, 3, 31).getTime(), at(2, 3, 30))).toBe(true);
    expect(nightlyDue(hours, null, at(1, 8))).toBe(false);
  });

  it('never while the hall is open', () => {
    const open: WatchConfig = { openingHours: { sun: ['00:00-24:00'] }, nightlyRestart: '03:30' };
    expect(nightlyDue(open, null, at(1, 3, 45))).toBe(false);
  });

  it('restarts at the first idle report after its time, and not again that night', () => {
    const steps = run(hours, at(1, 3, 28), [
      { hours: 'closed' },
      { hours: 'closed' },
      { hours: 'closed' },
      { hours: 'closed', idle: true },
      { hours: 'closed', idle: true },
    ]);
    expect(steps.map((s) => s.answer.reason)).toEqual([null, null, null, 'nightly', null]);
    expect(steps[2]?.records.map((r) => r.kind)).toContain('nightly-restart');
  });
});

describe('health kinds of log lines', () => {
  it.each([
    ['info', 'fleet: pack installed', 'fleet'],
    ['warn', 'fleet: pull failed', 'fleet'],
    ['info', 'schedule started', 'schedule'],
    ['warn', 'recovery', 'recovery'],
    ['info', 'pack selected', 'pack'],
    ['info', 'the store switched packs; selecting again', 'pack'],
    ['error', 'request failed', 'error'],
    ['info', 'hall server listening', null],
  ] as const)('%s %j → %s', (level, msg, kind) => {
    expect(healthKindOf(level, msg)).toBe(kind);
  });
});
