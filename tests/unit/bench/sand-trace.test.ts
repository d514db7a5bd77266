import { describe, expect, it } from 'vitest';
import { analyseTrace, TABLE_FRAME_FUNCTION } from '../../../bench/sand-table.bench';

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

/** The JS call an animation frame runs (`functionName` as the trace gives it). */
const call = (functionName: string, ts: number, dur: number, tid = 1) => ({
  ...ev('FunctionCall', ts, dur, undefined, tid),
  args: { data: { functionName } },
});

/** An animation frame running the table's callback. */
const tableFrame = (ts: number, dur: number, tdur?: number, tid = 1) => [
  ev('FireAnimationFrame', ts, dur, tdur, tid),
  call(TABLE_FRAME_FUNCTION, ts + 10, dur - 20, tid),
];

describe('sand-table trace analysis', () => {
  it("takes the table's CPU per frame from the thread time, and keeps the wall time beside it", () => {
    const phase = analyseTrace([
      ev('RunTask', 0, 20_000),
      ...tableFrame(1_000, 3_000, 1_700),
      ev('RunTask', 20_000, 20_000),
      ...tableFrame(21_000, 1_500, 1_400),
      // Another thread's frames are not the table's.
      ...tableFrame(5_000, 9_000, 9_000, 2),
    ]);
    expect(phase.tableMs).toEqual([3, 1.5]);
    expect(phase.tableCpuMs).toEqual([1.7, 1.4]);
    expect(phase.threadTime).toBe(true);
    expect(phase.frames).toBe(2);
    // Whole app: the main thread's tasks clipped to the frames' window (1 ms → 22.5 ms), per frame.
    expect(phase.appMsPerFrame).toBeCloseTo(21.5 / 2, 6);
  });

  it("counts only the table's frames: not Playwright's, nor the vitals probe's", () => {
    const phase = analyseTrace([
      ev('RunTask', 0, 40_000),
      ...tableFrame(1_000, 3_000, 2_000),
      // A click's actionability check and the one-second fps probe run their own callbacks.
      ev('FireAnimationFrame', 8_000, 200, 100),
      call('raf', 8_010, 150),
      ev('FireAnimationFrame', 12_000, 100, 50),
      call('step', 12_010, 50),
      ...tableFrame(20_000, 2_000, 1_800),
      ...tableFrame(30_000, 4_000, 2_600),
    ]);
    expect(phase.frames).toBe(3);
    expect(phase.tableCpuMs).toEqual([2, 1.8, 2.6]);
    // The window runs from the first table frame (1 ms) to the end of the last (34 ms).
    expect(phase.appMsPerFrame).toBeCloseTo(33 / 3, 6);
  });

  it('falls back to wall time, and says so, when a trace has no thread time', () => {
    const phase = analyseTrace([...tableFrame(0, 2_000), ...tableFrame(5_000, 4_000, 1_000)]);
    expect(phase.tableCpuMs).toEqual([2, 1]);
    expect(phase.threadTime).toBe(false);
  });

  it('says so when no frame is the table’s (its callback renamed)', () => {
    expect(() => analyseTrace([ev('FireAnimationFrame', 0, 2_000), call('tick', 10, 100)])).toThrow(
      /no animation frame of the table/,
    );
  });
});
