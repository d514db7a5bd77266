/**
 * The soak run's arithmetic: robust slopes of a series sampled once per visitor session, and the
 * verdict. Pure functions (unit-tested in tests/unit/soak-stats.test.ts).
 */

import { summarize } from '../../bench/lib/stats';
import type { Summary } from '../../bench/lib/stats';

/** Median, quartiles and range (the benchmark's summary). */
export type Spread = Summary;

export function spread(samples: readonly number[]): Spread {
  return summarize(samples);
}

/**
 * Theil–Sen slope of `ys` against their index (units per session): the median of the slopes of
 * every pair of samples, with the spread of those pairwise slopes. One GC hiccup or one slow
 * session moves a least-squares line; it barely moves this one. NaN with fewer than 2 samples.
 */
export function sessionSlope(ys: readonly number[]): Spread {
  const slopes: number[] = [];
  for (let i = 0; i < ys.length; i++)
    for (let j = i + 1; j < ys.length; j++) {
      const a = ys[i]!;
      const b = ys[j]!;
      if (Number.isFinite(a) && Number.isFinite(b)) slopes.push((b - a) / (j - i));
    }
  return spread(slopes);
}

/** Per session, what the soak samples after returning to the attract loop and forcing GC. */
export type SessionSample = {
  session: number;
  /** Which page load the sample belongs to (a reload starts a new segment). */
  segment: number;
  /** Sessions since the segment started (warm-up ones are left out of the slopes). */
  inSegment: number;
  heapBytes: number;
  domNodes: number;
  listeners: number;
  documents: number;
  /** three's renderer.info.memory of the sand table opened in this session (NaN when not opened). */
  geometries: number;
  textures: number;
};

export type Bounds = {
  /** Heap slope that fails the run (bytes per session). */
  heapBytesPerSession: number;
  domNodesPerSession: number;
  listenersPerSession: number;
  /** Geometries and textures: any steady growth fails. */
  gpuObjectsPerSession: number;
  /** Measured sessions (after warm-up) a segment needs before its slopes are judged. */
  minSessions: number;
};

export const DEFAULT_BOUNDS: Bounds = {
  heapBytesPerSession: 1024,
  domNodesPerSession: 1,
  listenersPerSession: 0.5,
  gpuObjectsPerSession: 0.5,
  minSessions: 12,
};

export type Slopes = {
  sessions: number;
  heapBytes: Spread;
  domNodes: Spread;
  listeners: Spread;
  geometries: Spread;
  textures: Spread;
};

/** Slopes of the measured samples of one segment (warm-up sessions dropped). */
export function segmentSlopes(samples: readonly SessionSample[], warmup: number): Slopes {
  const m = samples.filter((s) => s.inSegment >= warmup);
  const gpu = m.filter((s) => Number.isFinite(s.geometries));
  return {
    sessions: m.length,
    heapBytes: sessionSlope(m.map((s) => s.heapBytes)),
    domNodes: sessionSlope(m.map((s) => s.domNodes)),
    listeners: sessionSlope(m.map((s) => s.listeners)),
    geometries: sessionSlope(gpu.map((s) => s.geometries)),
    textures: sessionSlope(gpu.map((s) => s.textures)),
  };
}

/** Why the slopes of a segment fail the run ([] when they pass or cannot be judged yet). */
export function slopeFailures(s: Slopes, bounds: Bounds = DEFAULT_BOUNDS): string[] {
  if (s.sessions < bounds.minSessions) return [];
  const out: string[] = [];
  const over = (name: string, v: number, limit: number, unit: string) => {
    if (Number.isFinite(v) && v >= limit)
      out.push(`${name} grows ${v.toFixed(2)} ${unit} per session (bound < ${limit} ${unit})`);
  };
  over('JS heap', s.heapBytes.median, bounds.heapBytesPerSession, 'B');
  over('DOM nodes', s.domNodes.median, bounds.domNodesPerSession, 'nodes');
  over('event listeners', s.listeners.median, bounds.listenersPerSession, 'listeners');
  over('three geometries', s.geometries.median, bounds.gpuObjectsPerSession, 'geometries');
  over('three textures', s.textures.median, bounds.gpuObjectsPerSession, 'textures');
  return out;
}
