import { describe, expect, it } from 'vitest';
import type { SessionSample } from '../../tests/soak/stats';
import { DEFAULT_BOUNDS, segmentSlopes, sessionSlope, slopeFailures } from '../../tests/soak/stats';
import { groupSnapshot, heapGrowth } from '../../tests/soak/heap-snapshot';

const sample = (i: number, heap: number, extra: Partial<SessionSample> = {}): SessionSample => ({
  session: i,
  segment: 0,
  inSegment: i,
  heapBytes: heap,
  domNodes: 80,
  listeners: 175,
  documents: 1,
  geometries: 16,
  textures: 1,
  ...extra,
});

describe('soak slopes', () => {
  it('Theil–Sen: a steady growth is found, one outlier does not move it', () => {
    const ys = Array.from({ length: 20 }, (_, i) => 5_000_000 + 9_000 * i);
    expect(sessionSlope(ys).median).toBeCloseTo(9000);
    ys[7] = ys[7]! + 3_000_000;
    expect(sessionSlope(ys).median).toBeCloseTo(9000, -2);
  });

  it('no slope from fewer than two samples', () => {
    expect(sessionSlope([1]).n).toBe(0);
    expect(Number.isNaN(sessionSlope([]).median)).toBe(true);
  });

  it('warm-up sessions are left out, and a 9 KB/session heap growth fails the run', () => {
    const samples = Array.from({ length: 20 }, (_, i) =>
      sample(i, (i < 4 ? 100_000 * i : 400_000) + 9_000 * i),
    );
    const s = segmentSlopes(samples, 4);
    expect(s.sessions).toBe(16);
    expect(s.heapBytes.median).toBeCloseTo(9000);
    expect(slopeFailures(s)).toEqual([expect.stringMatching(/^JS heap grows 9000\.00 B per session/)]);
  });

  it('a flat run passes; growing listeners, nodes and geometries each fail', () => {
    const flat = Array.from({ length: 16 }, (_, i) => sample(i, 5_000_000 + (i % 2) * 300));
    expect(slopeFailures(segmentSlopes(flat, 0))).toEqual([]);
    const growing = flat.map((s, i) => ({
      ...s,
      listeners: 175 + i,
      domNodes: 80 + 2 * i,
      geometries: 16 + i,
    }));
    const f = slopeFailures(segmentSlopes(growing, 0));
    expect(f.map((x) => x.split(' grows')[0])).toEqual(['DOM nodes', 'event listeners', 'three geometries']);
  });

  it('sessions that did not open the table are left out of the geometry slope', () => {
    const s = Array.from({ length: 16 }, (_, i) =>
      sample(i, 5_000_000, i % 2 ? { geometries: Number.NaN, textures: Number.NaN } : {}),
    );
    expect(segmentSlopes(s, 0).geometries.n).toBe(28);
  });

  it('too few measured sessions are reported, not judged', () => {
    const short = Array.from({ length: DEFAULT_BOUNDS.minSessions - 1 }, (_, i) => sample(i, 9_000 * i));
    expect(slopeFailures(segmentSlopes(short, 0))).toEqual([]);
  });
});

describe('heap snapshot growth', () => {
  const snap = (nodes: number[]) => ({
    snapshot: {
      meta: { node_fields: ['type', 'name', 'id', 'self_size'], node_types: [['object', 'string']] },
    },
    nodes,
    strings: ['Listener', 'abc'],
  });
  it('groups by type and constructor and lists what grew', () => {
    const a = groupSnapshot(snap([0, 0, 1, 40, 1, 1, 2, 16]));
    const b = groupSnapshot(snap([0, 0, 1, 40, 0, 0, 3, 40, 1, 1, 4, 16]));
    expect(heapGrowth(a, b)).toEqual([{ key: 'object:Listener', count: 1, bytes: 40 }]);
  });
});
