import { describe, expect, it } from 'vitest';
import { clusterCellSize, clusterGrid } from '../../../../renderer/src/sand-table/clustering';
import { pickNearest } from '../../../../renderer/src/sand-table/picking';

describe('clustering', () => {
  it('quantises the cell to a power of two', () => {
    expect(clusterCellSize(40, 0.1)).toBe(4);
    expect(clusterCellSize(40, 0.11)).toBe(8);
    expect(clusterCellSize(40, 0)).toBe(0);
  });

  it('groups points sharing a cell and keeps lone points single', () => {
    const xs = [0.1, 0.5, 0.9, 5.5, 12, 12.2];
    const zs = [0.1, 0.4, 0.2, 5.5, 1, 1.5];
    const r = clusterGrid(xs, zs, [0, 1, 2, 3, 4, 5], 4);
    expect(r.singles).toEqual([3]);
    expect(r.clusters.map((c) => c.members)).toEqual([
      [0, 1, 2],
      [4, 5],
    ]);
    expect(r.clusters[0]?.x).toBeCloseTo(0.5, 9);
    expect(r.clusters[1]?.z).toBeCloseTo(1.25, 9);
  });

  it('only clusters the indices given and is off with cell 0', () => {
    const xs = [0, 0.1, 0.2];
    const zs = [0, 0, 0];
    expect(clusterGrid(xs, zs, [0, 2], 1).clusters[0]?.members).toEqual([0, 2]);
    expect(clusterGrid(xs, zs, [0, 1, 2], 0)).toEqual({ singles: [0, 1, 2], clusters: [], cell: 0 });
  });

  it('is stable under panning: the grid is anchored on the table', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i * 7.3) % 50);
    const zs = Array.from({ length: 200 }, (_, i) => (i * 3.1) % 40);
    const all = xs.map((_, i) => i);
    expect(clusterGrid(xs, zs, all, 8)).toEqual(clusterGrid(xs, zs, all, 8));
  });

  it('handles 10,000 points quickly and keeps every member once', () => {
    const n = 10_000;
    const xs = new Float32Array(n);
    const zs = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = Math.sin(i) * 100;
      zs[i] = Math.cos(i * 1.7) * 100;
    }
    const t0 = performance.now();
    const r = clusterGrid(
      xs,
      zs,
      Array.from({ length: n }, (_, i) => i),
      16,
    );
    expect(performance.now() - t0).toBeLessThan(200);
    const count = r.singles.length + r.clusters.reduce((a, c) => a + c.members.length, 0);
    expect(count).toBe(n);
    expect(r.clusters.length + r.singles.length).toBeLessThan(200);
  });
});

describe('picking', () => {
  const screen = new Float32Array([100, 100, 10, 130, 100, 10, 400, 400, 10, 101, 101, -1]);

  it('finds the nearest item within the radius', () => {
    expect(pickNearest(screen, 4, 112, 100, 30)).toBe(0);
    expect(pickNearest(screen, 4, 125, 100, 30)).toBe(1);
    expect(pickNearest(screen, 4, 250, 250, 30)).toBe(-1);
  });

  it('skips hidden items and items behind the eye', () => {
    expect(pickNearest(screen, 4, 101, 101, 5)).toBe(0);
    expect(pickNearest(new Float32Array([5, 5, Number.NaN]), 1, 5, 5, 10)).toBe(-1);
  });

  it('prefers the nearer-to-eye item on a tie', () => {
    const s = new Float32Array([100, 100, 50, 100, 101, 5]);
    expect(pickNearest(s, 2, 100, 100.5, 20)).toBe(1);
  });
});
