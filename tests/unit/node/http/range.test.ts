import { describe, expect, it } from 'vitest';
import { contentRange, parseRange } from '../../../../electron/node/http/range';
import type { RangeResult } from '../../../../electron/node/http/range';

describe('parseRange (size 1000)', () => {
  const cases: [string | null, RangeResult][] = [
    [null, { kind: 'none' }],
    ['bytes=0-', { kind: 'range', start: 0, end: 999 }],
    ['bytes=100-199', { kind: 'range', start: 100, end: 199 }],
    ['bytes=-500', { kind: 'range', start: 500, end: 999 }],
    ['bytes=-1000', { kind: 'range', start: 0, end: 999 }],
    ['bytes=-5000', { kind: 'range', start: 0, end: 999 }],
    ['bytes=999-', { kind: 'range', start: 999, end: 999 }],
    ['bytes=0-0', { kind: 'range', start: 0, end: 0 }],
    ['bytes=500-5000', { kind: 'range', start: 500, end: 999 }],
    ['bytes=0-99999999999999999999', { kind: 'range', start: 0, end: 999 }],
    ['BYTES=1-2', { kind: 'range', start: 1, end: 2 }],
    [' bytes = 1-2 ', { kind: 'range', start: 1, end: 2 }],
    // past EOF / zero suffix: unsatisfiable → 416
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=1000-1100', { kind: 'unsatisfiable' }],
    ['bytes=5000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // malformed → ignored (200)
    ['bytes=abc', { kind: 'none' }],
    ['bytes=', { kind: 'none' }],
    ['bytes=-', { kind: 'none' }],
    ['bytes=1-2-3', { kind: 'none' }],
    ['bytes=200-100', { kind: 'none' }],
    ['bytes=0x10-', { kind: 'none' }],
    ['bytes=+1-2', { kind: 'none' }],
    ['bytes=1.5-2', { kind: 'none' }],
    ['bytes 0-1', { kind: 'none' }],
    ['items=0-1', { kind: 'none' }],
    ['0-1', { kind: 'none' }],
    ['', { kind: 'none' }],
    // multi-range → ignored (200), documented choice
    ['bytes=0-1,5-6', { kind: 'none' }],
    ['bytes=0-1, 2000-3000', { kind: 'none' }],
    ['bytes=0-1,', { kind: 'none' }],
  ];
  it.each(cases)('%s → %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('parseRange edge sizes', () => {
  it('an empty file cannot satisfy any range', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
  });
  it('a one-byte file', () => {
    expect(parseRange('bytes=0-', 1)).toEqual({ kind: 'range', start: 0, end: 0 });
    expect(parseRange('bytes=-1', 1)).toEqual({ kind: 'range', start: 0, end: 0 });
    expect(parseRange('bytes=1-', 1)).toEqual({ kind: 'unsatisfiable' });
  });
  it('formats Content-Range', () => {
    expect(contentRange({ kind: 'range', start: 100, end: 199 }, 1000)).toBe('bytes 100-199/1000');
    expect(contentRange({ kind: 'unsatisfiable' }, 1000)).toBe('bytes */1000');
    expect(contentRange({ kind: 'none' }, 1000)).toBeUndefined();
  });
});
