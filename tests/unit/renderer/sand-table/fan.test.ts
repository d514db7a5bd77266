import { describe, expect, it } from 'vitest';
import { fanCoincident } from '../../../../renderer/src/sand-table/clustering';
import { placeTablePositions } from '../../../../renderer/src/sand-table/marker-field';

const dist = (xs: Float32Array, zs: Float32Array, a: number, b: number) =>
  Math.hypot(xs[a]! - xs[b]!, zs[a]! - zs[b]!);

describe('fanCoincident', () => {
  it('leaves places that are already a gap apart where they are', () => {
    const r = fanCoincident([0, 5, 10], [0, 0, 0], 1);
    expect([...r.xs]).toEqual([0, 5, 10]);
    expect(r.fanned).toBe(0);
  });

  it('puts places on one spot on a ring, each a gap from its neighbours, around that spot', () => {
    const r = fanCoincident([3, 3, 3, 9], [4, 4, 4, 9], 0.5);
    expect(r.fanned).toBe(3);
    for (const [a, b] of [
      [0, 1],
      [1, 2],
      [2, 0],
    ] as const)
      expect(dist(r.xs, r.zs, a, b)).toBeCloseTo(0.5, 5);
    const cx = (r.xs[0]! + r.xs[1]! + r.xs[2]!) / 3;
    const cz = (r.zs[0]! + r.zs[1]! + r.zs[2]!) / 3;
    expect(cx).toBeCloseTo(3, 5);
    expect(cz).toBeCloseTo(4, 5);
    // The place elsewhere is untouched.
    expect([r.xs[3], r.zs[3]]).toEqual([9, 9]);
  });

  it('keeps the bearing order of near places and chains near neighbours into one ring', () => {
    // A row of three, each 0.2 apart: one group (0–1 and 1–2 are near), laid out left to right.
    const r = fanCoincident([0, 0.2, 0.4], [0, 0, 0], 1);
    expect(r.fanned).toBe(3);
    expect(r.xs[0]!).toBeLessThan(r.xs[2]!);
    for (let a = 0; a < 3; a++)
      for (let b = a + 1; b < 3; b++) expect(dist(r.xs, r.zs, a, b)).toBeGreaterThan(0.99);
  });

  it('separates a hundred places on one spot', () => {
    const n = 100;
    const r = fanCoincident(new Float32Array(n), new Float32Array(n), 1);
    let min = Infinity;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) min = Math.min(min, dist(r.xs, r.zs, a, b));
    expect(min).toBeGreaterThan(0.99);
  });

  it('does not change its input and ignores a gap of zero', () => {
    const xs = new Float32Array([1, 1]);
    const r = fanCoincident(xs, [2, 2], 0);
    expect([...r.xs]).toEqual([1, 1]);
    expect(r.xs).not.toBe(xs);
    fanCoincident(xs, [2, 2], 1);
    expect([...xs]).toEqual([1, 1]);
  });

  it('places two places at one address 1.5 marker widths apart at the closest zoom', () => {
    const projection = { toTable: (p: { lon: number; lat: number }) => ({ x: p.lon * 10, z: -p.lat * 10 }) };
    const at = { lon: 120.72, lat: 30.74 };
    const r = placeTablePositions(
      [{ position: at }, { position: at }, { position: { lon: 121, lat: 31 } }],
      projection,
      4,
    );
    expect(r.fanned).toBe(2);
    expect(dist(r.xs, r.zs, 0, 1)).toBeCloseTo(1.5 * 0.017 * 4, 4);
  });
});
