import { describe, expect, it } from 'vitest';
import {
  describeGoal,
  exitCode,
  failedMeasure,
  markdownTable,
  measure,
  meets,
  parseBenchArgs,
} from '../../../bench/lib/goals';
import { interleaved, pairedRatio, summarize } from '../../../bench/lib/stats';
import { formatBytes, formatValue } from '../../../bench/lib/units';

const s = (xs: number[]) => summarize(xs);

describe('bench statistics', () => {
  it('gives the median, quartiles and range', () => {
    expect(s([5, 1, 4, 2, 3])).toEqual({ n: 5, median: 3, q1: 2, q3: 4, min: 1, max: 5 });
    expect(s([1, 2, 3, 4]).median).toBe(2.5);
    expect(s([]).n).toBe(0);
    expect(Number.isNaN(s([]).median)).toBe(true);
  });

  it('pairs ours with the baseline run beside it', () => {
    const r = pairedRatio([2, 4, 6], [4, 4, 4]);
    expect(r.median).toBe(1);
    expect(r.min).toBe(0.5);
    expect(r.max).toBe(1.5);
  });

  it('interleaves the variants with a warm-up that is not kept, rotating the order', async () => {
    const calls: string[] = [];
    let k = 0;
    const out = await interleaved(
      {
        a: () => (calls.push('a'), Promise.resolve(k++)),
        b: () => (calls.push('b'), Promise.resolve(k++)),
      },
      { reps: 2, warmup: 1 },
    );
    expect(calls).toEqual(['a', 'b', 'b', 'a', 'a', 'b']);
    expect(out).toEqual({ a: [3, 4], b: [2, 5] });
  });
});

describe('bench goals', () => {
  it('checks the median, the worst run or the ratio against the limit', () => {
    const median = measure({
      id: 'm',
      title: 'M',
      unit: 'ms',
      ours: s([1, 2, 9]),
      goal: { on: 'median', op: '<=', limit: 2 },
    });
    expect(median.value).toBe(2);
    expect(median.met).toBe(true);
    const max = measure({
      id: 'x',
      title: 'X',
      unit: 'ms',
      ours: s([1, 2, 9]),
      goal: { on: 'max', op: '<', limit: 9 },
    });
    expect(max.value).toBe(9);
    expect(max.met).toBe(false);
    expect(max.goalText).toBe('every time < 9.00 ms');
    const ratio = measure({
      id: 'r',
      title: 'R',
      unit: 'ms',
      ours: s([6, 6, 6]),
      baselines: [{ name: 'TimelineJS', summary: s([10, 10, 10]) }],
      ratio: pairedRatio([6, 6, 6], [10, 10, 10]),
      goal: { on: 'ratio', op: '<=', limit: 0.5 },
    });
    expect(ratio.value).toBeCloseTo(0.6);
    expect(ratio.met).toBe(false);
    expect(ratio.goalText).toBe('≤ 0.500× TimelineJS');
  });

  it('never counts a missing figure as met', () => {
    expect(meets({ on: 'median', op: '<=', limit: 1 }, Number.NaN)).toBe(false);
    const failed = failedMeasure('f', 'F', { on: 'median', op: '<=', limit: 1 }, 'ms', 'browser crashed');
    expect(failed.met).toBe(false);
    expect(failed.notes).toEqual(['not measured: browser crashed']);
  });

  it('refuses a ratio goal without a baseline', () => {
    expect(() =>
      measure({ id: 'r', title: 'R', unit: '×', ours: s([1]), goal: { on: 'ratio', op: '<=', limit: 1 } }),
    ).toThrow(/needs a baseline/);
  });

  it('exits non-zero with --check when any goal is missed, or a module failed', () => {
    const ok = measure({
      id: 'a',
      title: 'A',
      unit: 'ms',
      ours: s([1]),
      goal: { on: 'median', op: '<=', limit: 2 },
    });
    const bad = measure({
      id: 'b',
      title: 'B',
      unit: 'ms',
      ours: s([3]),
      goal: { on: 'median', op: '<=', limit: 2 },
    });
    expect(exitCode([ok], { check: true, errors: 0 })).toBe(0);
    expect(exitCode([ok, bad], { check: true, errors: 0 })).toBe(1);
    expect(exitCode([ok, bad], { check: false, errors: 0 })).toBe(0);
    expect(exitCode([ok], { check: false, errors: 1 })).toBe(1);
    expect(exitCode([], { check: true, errors: 0 })).toBe(1);
  });

  it('prints the goal and met beside ours and the baseline', () => {
    const m = measure({
      id: 'a',
      title: 'Install',
      unit: 'ms',
      ours: s([110, 120, 130, 140, 150]),
      baselines: [{ name: 'cp -r', summary: s([100, 100, 100, 100, 100]) }],
      ratio: pairedRatio([110, 120, 130, 140, 150], [100, 100, 100, 100, 100]),
      goal: { on: 'ratio', op: '<=', limit: 1.1 },
    });
    const table = markdownTable([m]);
    expect(table).toContain(
      '| Install | 130 ms (IQR 120 ms–140 ms, range 110 ms–150 ms, n=5) | cp -r: 100 ms',
    );
    expect(table).toContain('| ≤ 1.10× cp -r | **NOT met** |');
    expect(describeGoal(m)).toBe('≤ 1.10× cp -r');
  });

  it('parses --quick, --check and module words, and refuses unknown options', () => {
    expect(parseBenchArgs(['--quick', '--check', 'timeline'])).toEqual({
      quick: true,
      check: true,
      filters: ['timeline'],
    });
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
  });
});

describe('bench units', () => {
  it('prints binary units exactly', () => {
    expect(formatBytes(250 * 1024)).toBe('250 KiB');
    expect(formatBytes(5.5 * 1024 * 1024)).toBe('5.50 MiB');
    expect(formatValue(0.5, '×')).toBe('0.500×');
    expect(formatValue(12, 'count')).toBe('12.0');
  });
});
