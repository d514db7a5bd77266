import { describe, expect, it } from 'vitest';
import { quietBetween, waitForQuiet } from '../../../bench/lib/quiet';

/** CPU ms by pid. */
const m = (o: Record<number, number>) => new Map(Object.entries(o).map(([pid, ms]) => [Number(pid), ms]));

/** A sleep that returns at once and remembers what it was asked for. */
function sleeps() {
  const slept: number[] = [];
  const sleep = (ms: number) => {
    slept.push(ms);
    return Promise.resolve();
  };
  return { slept, sleep };
}

describe('waiting for a quiet browser before a start-up run', () => {
  it('is quiet when the same processes used at most the share of one core', () => {
    expect(quietBetween(m({ 1: 100, 2: 50 }), m({ 1: 110, 2: 60 }), 200, 0.1)).toBe(true);
    expect(quietBetween(m({ 1: 100, 2: 50 }), m({ 1: 120, 2: 60 }), 200, 0.1)).toBe(false);
  });

  it('is not quiet while a process ends or begins (a page being torn down)', () => {
    expect(quietBetween(m({ 1: 100, 2: 50 }), m({ 1: 100 }), 200, 0.1)).toBe(false);
    expect(quietBetween(m({ 1: 100 }), m({ 1: 100, 3: 0 }), 200, 0.1)).toBe(false);
    expect(quietBetween(m({ 1: 100, 2: 50 }), m({ 1: 100, 3: 50 }), 200, 0.1)).toBe(false);
  });

  it('waits through a teardown for two quiet intervals in a row', async () => {
    // Busy, busy, the old renderer exits, then quiet.
    const readings = [
      m({ 1: 0, 2: 0, 9: 0 }),
      m({ 1: 150, 2: 0, 9: 200 }),
      m({ 1: 300, 2: 10, 9: 390 }),
      m({ 1: 310, 2: 10 }),
      m({ 1: 320, 2: 10 }),
      m({ 1: 330, 2: 10 }),
    ];
    let i = 0;
    const { slept, sleep } = sleeps();
    const r = await waitForQuiet({
      match: () => true,
      read: () => readings[Math.min(i++, readings.length - 1)] ?? null,
      sleep,
    });
    expect(r).toEqual({ waitedMs: 1000, timedOut: false });
    expect(slept).toEqual([200, 200, 200, 200, 200]);
  });

  it('gives up after the timeout and says so', async () => {
    let t = 0;
    const r = await waitForQuiet({
      match: () => true,
      timeoutMs: 1000,
      read: () => m({ 1: (t += 100) }),
      sleep: sleeps().sleep,
    });
    expect(r).toEqual({ waitedMs: 1000, timedOut: true });
  });

  it('waits a fixed second where there is no /proc', async () => {
    const { slept, sleep } = sleeps();
    const r = await waitForQuiet({ match: () => true, read: () => null, sleep });
    expect(r).toEqual({ waitedMs: 1000, timedOut: false });
    expect(slept).toEqual([1000]);
  });
});
