import { describe, expect, it } from 'vitest';
import type { Clustering } from '../../../../renderer/src/sand-table/clustering';
import {
  cellKey,
  clusterCellSize,
  clusterGrid,
  clusterTokenSize,
  HEAD_RADIUS,
  SPREAD_MAX_ITEMS,
  spreadTokens,
  TOKEN_MAX_SHIFT,
  TOKEN_RING_RADIUS,
} from '../../../../renderer/src/sand-table/clustering';
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

  it('gives every cell its own key, across the origin and far from it', () => {
    const keys = new Set<number | string>();
    const around = [-(2 ** 25) + 1, -(2 ** 24), -2, -1, 0, 1, 2, 2 ** 24, 2 ** 25 - 1];
    for (const column of around) for (const row of around) keys.add(cellKey(column, row));
    expect(keys.size).toBe(around.length ** 2);
    expect(typeof cellKey(-(2 ** 26) + 1, 2 ** 25 - 1)).toBe('number');
    expect(Number.isSafeInteger(cellKey(-(2 ** 26) + 1, 2 ** 25 - 1) as number)).toBe(true);
    // Past the numeric range, and NaN: the text of both, never equal to a number key.
    expect(cellKey(2 ** 26, 0)).toBe(`${2 ** 26},0`);
    expect(cellKey(0, -(2 ** 25))).toBe(`0,${-(2 ** 25)}`);
    expect(cellKey(Number.NaN, 3)).toBe('NaN,3');
  });

  it('groups far-off and unplaced points by cell as well', () => {
    // Cells past the numeric keys' range, beside cells within it, and points with no position.
    const far = 2 ** 27;
    const xs = [far + 0.1, far + 0.2, 0.1, 0.2, Number.NaN, Number.NaN, -0.5];
    const zs = [0.1, 0.3, -0.1, -0.2, 1, 1, -0.5];
    const r = clusterGrid(xs, zs, [0, 1, 2, 3, 4, 5, 6], 1);
    expect(r.clusters.map((c) => c.members)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(r.singles).toEqual([6]);
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

describe('cluster tokens give way', () => {
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  /** Every pair of drawn discs that overlap (marker width 1), as "a ~ b". */
  const overlaps = (
    xs: number[],
    zs: number[],
    c: Clustering,
    fixed: { x: number; z: number; r: number }[] = [],
  ) => {
    const discs = [
      ...c.singles.map((i) => ({ n: `p${i}`, x: xs[i]!, z: zs[i]!, r: HEAD_RADIUS })),
      ...fixed.map((f, k) => ({ n: `f${k}`, ...f })),
      ...c.clusters.map((k) => ({
        n: `c${k.members.join('+')}`,
        x: k.x,
        z: k.z,
        r: TOKEN_RING_RADIUS * clusterTokenSize(k.members.length),
      })),
    ];
    const out: string[] = [];
    discs.forEach((a, i) =>
      discs.slice(i + 1).forEach((b) => {
        const token = a.n.startsWith('c') || b.n.startsWith('c');
        if (token && Math.hypot(a.x - b.x, a.z - b.z) < a.r + b.r - 1e-9) out.push(`${a.n} ~ ${b.n}`);
      }),
    );
    return out;
  };
  const centroid = (xs: number[], zs: number[], members: number[]) => ({
    x: members.reduce((a, m) => a + xs[m]!, 0) / members.length,
    z: members.reduce((a, m) => a + zs[m]!, 0) / members.length,
  });

  it('parts two tokens either side of a cell edge, each by half, along the line between them', () => {
    // Cell 4: [0, 1] left of x = 4, [2, 3] right of it; their tokens would stand 0.8 apart.
    const xs = [3.5, 3.7, 4.3, 4.5];
    const zs = [1, 1, 1, 1];
    const grid = clusterGrid(xs, zs, all(4), 4);
    expect(overlaps(xs, zs, grid)).toEqual(['c0+1 ~ c2+3']);
    const spread = spreadTokens(xs, zs, grid, 1);
    expect(overlaps(xs, zs, spread)).toEqual([]);
    const [a, b] = spread.clusters;
    expect(a!.members).toEqual([0, 1]);
    expect(a!.z).toBeCloseTo(1, 9);
    expect(b!.z).toBeCloseTo(1, 9);
    expect(4 - a!.x).toBeCloseTo(b!.x - 4, 9);
    expect(a!.x).toBeLessThan(3.6);
  });

  it('moves the token, never the marker it would hide, nor a fixed obstacle', () => {
    const xs = [3.5, 3.7, 4.1, 20];
    const zs = [0, 0, 0, 20];
    const grid = clusterGrid(xs, zs, all(4), 4);
    const here = { x: 3.6, z: 0.9, r: 0.7 };
    expect(overlaps(xs, zs, grid, [here])).toEqual(['p2 ~ c0+1', 'f0 ~ c0+1']);
    const spread = spreadTokens(xs, zs, grid, 1, [here]);
    expect(spread.singles).toEqual([2, 3]);
    expect(overlaps(xs, zs, spread, [here])).toEqual([]);
    // Away from both: left of the marker, below the obstacle.
    expect(spread.clusters[0]!.x).toBeLessThan(3.6);
    expect(spread.clusters[0]!.z).toBeLessThan(0);
  });

  it('keeps each token near what it stands for, even where it cannot clear everything', () => {
    // Five tokens in a row, each across a cell edge from the next: a crowd.
    const xs: number[] = [];
    const zs: number[] = [];
    for (let k = 0; k < 5; k++) {
      xs.push(0.9 + k, 1.1 + k);
      zs.push(0.5, 0.5);
    }
    const grid = clusterGrid(xs, zs, all(xs.length), 1);
    const spread = spreadTokens(xs, zs, grid, 1);
    for (const c of spread.clusters) {
      const home = centroid(xs, zs, c.members);
      expect(Math.hypot(c.x - home.x, c.z - home.z)).toBeLessThanOrEqual(TOKEN_MAX_SHIFT + 1e-9);
    }
    expect(spread.clusters.map((c) => c.members)).toEqual(grid.clusters.map((c) => c.members));
  });

  it("returns the grid's result itself when nothing overlaps, or with no width, and is deterministic", () => {
    const xs = [0, 0.2, 10, 20];
    const zs = [0, 0, 0, 0];
    const grid = clusterGrid(xs, zs, all(4), 4);
    expect(spreadTokens(xs, zs, grid, 1)).toBe(grid);
    const close = clusterGrid([3.5, 3.7, 4.3, 4.5], [1, 1, 1, 1], all(4), 4);
    expect(spreadTokens([3.5, 3.7, 4.3, 4.5], [1, 1, 1, 1], close, 0)).toBe(close);
    const p = [3.5, 3.7, 4.3, 4.5];
    const q = [1, 1, 1, 1];
    expect(spreadTokens(p, q, clusterGrid(p, q, all(4), 4), 1)).toEqual(
      spreadTokens(p, q, clusterGrid(p, q, all(4), 4), 1),
    );
  });

  it('parts coincident tokens in different directions', () => {
    // Two clusters whose centroids coincide cannot come from one grid; built by hand.
    const c: Clustering = {
      singles: [],
      clusters: [
        { members: [0, 1], x: 5, z: 5 },
        { members: [2, 3], x: 5, z: 5 },
      ],
      cell: 4,
    };
    const spread = spreadTokens([5, 5, 5, 5], [5, 5, 5, 5], c, 1);
    const [a, b] = spread.clusters;
    expect(Math.hypot(a!.x - b!.x, a!.z - b!.z)).toBeGreaterThan(2 * TOKEN_RING_RADIUS * clusterTokenSize(2));
  });

  it('leaves a crowd of more than SPREAD_MAX_ITEMS drawn items as the grid made it', () => {
    const xs: number[] = [];
    const zs: number[] = [];
    // Two tokens either side of a cell edge every 12 units: each pair would be parted.
    const groups = SPREAD_MAX_ITEMS / 2 + 1;
    for (let k = 0; k < groups; k++) {
      xs.push(12 * k + 3.5, 12 * k + 3.7, 12 * k + 4.3, 12 * k + 4.5);
      zs.push(1, 1, 1, 1);
    }
    const grid = clusterGrid(xs, zs, all(xs.length), 4);
    expect(grid.clusters.length).toBe(2 * groups);
    expect(grid.clusters.length).toBeGreaterThan(SPREAD_MAX_ITEMS);
    expect(spreadTokens(xs, zs, grid, 1)).toBe(grid);
    const few = clusterGrid(xs.slice(0, 8), zs.slice(0, 8), all(8), 4);
    expect(overlaps(xs, zs, few)).toHaveLength(2);
    expect(overlaps(xs, zs, spreadTokens(xs, zs, few, 1))).toEqual([]);
  });

  it('is cheap for 10,000 places and keeps every member once', () => {
    const n = 10_000;
    const xs: number[] = [];
    const zs: number[] = [];
    for (let i = 0; i < n; i++) {
      xs.push(Math.sin(i) * 100);
      zs.push(Math.cos(i * 1.7) * 100);
    }
    const grid = clusterGrid(xs, zs, all(n), 16);
    const spread = spreadTokens(xs, zs, grid, 10);
    const members = [...spread.singles, ...spread.clusters.flatMap((c) => c.members)].sort((a, b) => a - b);
    expect(members).toEqual(all(n));
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
