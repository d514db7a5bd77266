import { describe, expect, it } from 'vitest';
import { analyseTrace } from '../../../bench/sand-table.bench';

/** A trace event in Chromium's JSON format (µs). */
const ev = (name: string, ts: number, dur: number, tdur?: number, tid = 1) => ({
  name,
  ph: 'X',
  ts,
  dur,
  ...(tdur === undefined ? {} : { tdur }),
  pid: 7,
  tid,
});

describe('sand-table trace analysis', () => {
  it("takes the table's CPU per frame from the thread time, and keeps the wall time beside it", () => {
    const phase = analyseTrace([
      ev('RunTask', 0, 20_000),
      ev('FireAnimationFrame', 1_000, 3_000, 1_700),
      ev('RunTask', 20_000, 20_000),
      ev('FireAnimationFrame', 21_000, 1_500, 1_400),
      // Another thread's frames are not the table's.
      ev('FireAnimationFrame', 5_000, 9_000, 9_000, 2),
    ]);
    expect(phase.tableMs).toEqual([3, 1.5]);
    expect(phase.tableCpuMs).toEqual([1.7, 1.4]);
    expect(phase.threadTime).toBe(true);
    expect(phase.frames).toBe(2);
    // Whole app: the main thread's tasks clipped to the frames' window (1 ms → 22.5 ms), per frame.
    expect(phase.appMsPerFrame).toBeCloseTo(21.5 / 2, 6);
  });

  it('falls back to wall time, and says so, when a trace has no thread time', () => {
    const phase = analyseTrace([
      ev('FireAnimationFrame', 0, 2_000),
      ev('FireAnimationFrame', 5_000, 4_000, 1_000),
    ]);
    expect(phase.tableCpuMs).toEqual([2, 1]);
    expect(phase.threadTime).toBe(false);
  });
});
