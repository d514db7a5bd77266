import { describe, expect, it } from 'vitest';
import { easeInOutCubic, planFlight, poseAt, posesClose } from '../../../../renderer/src/sand-table/flight';
import type { TablePose } from '../../../../renderer/src/sand-table/types';

const a: TablePose = { x: 0, z: 0, distance: 100, tilt: 40, heading: 170 };
const b: TablePose = { x: 300, z: -200, distance: 20, tilt: 70, heading: -170 };

describe('flights', () => {
  it('eases from 0 to 1 symmetrically', () => {
    expect(easeInOutCubic(0)).toBe(0);
    expect(easeInOutCubic(1)).toBe(1);
    expect(easeInOutCubic(0.5)).toBeCloseTo(0.5, 9);
    expect(easeInOutCubic(0.25) + easeInOutCubic(0.75)).toBeCloseTo(1, 9);
  });

  it('starts at the start and lands on the target', () => {
    const f = planFlight(a, b);
    expect(posesClose(poseAt(f, 0), a)).toBe(true);
    expect(poseAt(f, f.durationMs)).toEqual(b);
    expect(poseAt(f, f.durationMs + 500)).toEqual(b);
  });

  it('turns the short way round', () => {
    const f = planFlight(a, b);
    const mid = poseAt(f, f.durationMs / 2);
    expect(Math.abs(mid.heading)).toBeGreaterThan(170);
  });

  it('rises in the middle of a long hop and lasts longer than a short one', () => {
    const long = planFlight(a, b);
    expect(long.rise).toBeGreaterThan(0);
    const mid = poseAt(long, long.durationMs / 2);
    expect(mid.distance).toBeGreaterThan(Math.sqrt(a.distance * b.distance));
    const short = planFlight(a, { ...a, x: 5 });
    expect(short.rise).toBe(0);
    expect(short.durationMs).toBeLessThan(long.durationMs);
    expect(long.durationMs).toBeLessThanOrEqual(2600);
  });

  it('is a cut in reduced motion: the first frame is already the destination', () => {
    const f = planFlight(a, b, { reducedMotion: true });
    expect(f.durationMs).toBe(0);
    expect(f.rise).toBe(0);
    expect(poseAt(f, 0)).toEqual(b);
    expect(poseAt(f, 16)).toEqual(b);
  });

  it('interpolates distance geometrically', () => {
    const f = {
      from: { ...a, heading: 0 },
      to: { ...a, heading: 0, distance: 400 },
      durationMs: 1000,
      rise: 0,
    };
    expect(poseAt(f, 500).distance).toBeCloseTo(200, 6);
  });
});
