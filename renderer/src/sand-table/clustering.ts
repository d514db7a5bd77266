/**
 * Grid clustering of markers when zoomed out. The grid lives on the table (anchored at the table
 * origin) with a cell size derived from a screen-space radius and quantised to powers of two, so
 * clusters stay put while panning and only change when the zoom crosses a level.
 */

/** A group of at least two markers drawn as one. */
export type Cluster = {
  /** Indices into the input arrays. */
  members: number[];
  x: number;
  z: number;
};

export type Clustering = {
  /** Input indices drawn as themselves. */
  singles: number[];
  clusters: Cluster[];
  /** The cell size used (table units); 0 when clustering is off. */
  cell: number;
};

/** Rounds a cell size (table units) up to a power of two, so cells change only per zoom level. */
export function quantiseCell(size: number): number {
  if (!(size > 0) || !Number.isFinite(size)) return 0;
  return Math.pow(2, Math.ceil(Math.log2(size)));
}

/**
 * The quantised cell size for a screen radius: `cellPx` pixels at `unitsPerPixel`, rounded up to
 * a power of two of table units.
 */
export function clusterCellSize(cellPx: number, unitsPerPixel: number): number {
  return quantiseCell(cellPx * unitsPerPixel);
}

/** Cell columns and rows a numeric key holds: |column| < 2^26 and |row| < 2^25 (2^52 in all). */
const KEY_COLUMNS = 2 ** 26;
const KEY_ROWS = 2 ** 25;

/**
 * One key per grid cell. A number wherever the cell's column and row fit (every table: a key
 * string per place cost a re-cluster of 10,000 places ~1 ms and as much again in garbage, bench
 * sand, issue 15); otherwise, and for NaN, the text of both, which no number equals.
 */
export function cellKey(column: number, row: number): number | string {
  return Math.abs(column) < KEY_COLUMNS && Math.abs(row) < KEY_ROWS
    ? column * (2 * KEY_ROWS) + row
    : `${column},${row}`;
}

/**
 * Groups the points `indices` (into `xs`, `zs`) by grid cell of size `cell`. A cell with one point
 * yields a single; with more, a cluster at the members' centroid. `cell <= 0` disables clustering.
 * Output order follows the input order (the first member decides a cluster's position in the list).
 */
export function clusterGrid(
  xs: ArrayLike<number>,
  zs: ArrayLike<number>,
  indices: readonly number[],
  cell: number,
): Clustering {
  if (!(cell > 0)) return { singles: [...indices], clusters: [], cell: 0 };
  const cells = new Map<number | string, number[]>();
  const order: number[][] = [];
  for (const i of indices) {
    const key = cellKey(Math.floor((xs[i] ?? 0) / cell), Math.floor((zs[i] ?? 0) / cell));
    let list = cells.get(key);
    if (!list) {
      list = [];
      cells.set(key, list);
      order.push(list);
    }
    list.push(i);
  }
  const singles: number[] = [];
  const clusters: Cluster[] = [];
  for (const members of order) {
    if (members.length === 1) {
      singles.push(members[0] as number);
      continue;
    }
    let sx = 0;
    let sz = 0;
    for (const m of members) {
      sx += xs[m] ?? 0;
      sz += zs[m] ?? 0;
    }
    clusters.push({ members, x: sx / members.length, z: sz / members.length });
  }
  return { singles, clusters, cell };
}

/** Radius of a cluster token's outer ring (see `clusterGeometry`), in marker widths, at size 1. */
export const TOKEN_RING_RADIUS = 0.72;
/** Radius of a marker head (the heads are about one marker width across). */
export const HEAD_RADIUS = 0.5;
/** How far a token may stand from its members' centroid, in marker widths. */
export const TOKEN_MAX_SHIFT = 2;

/**
 * The most tokens and markers `spreadTokens` tidies. An exhibition's table draws tens to a few
 * hundred; a field of thousands (the 10,000-place stress scene, zoomed out) is a crowd whose
 * tokens are wider than their cells, which no nudge clears, and trying costs 20–35 ms a re-cluster.
 */
export const SPREAD_MAX_ITEMS = 400;

/** Size factor of the token of a cluster of `count` (bigger groups, slightly bigger tokens). */
export function clusterTokenSize(count: number): number {
  return Math.min(1.7, 1 + 0.12 * Math.log2(Math.max(1, count)));
}

/** Radius of the outer ring of the token of a cluster of `count`, in the units of `markerWidth`. */
export function tokenRingRadius(count: number, markerWidth: number): number {
  return TOKEN_RING_RADIUS * clusterTokenSize(count) * markerWidth;
}

/**
 * Moves cluster tokens off each other and off the markers drawn as themselves. Points just either
 * side of a grid cell's edge fall in two cells, so two tokens (or a token and a marker) can stand
 * almost on the same spot, each hiding the other's count or head. Merging them would keep no
 * place two taps away where a close pair (two sites in one town) sits beside a wider group, so a
 * token gives way instead, as a map's symbols do: each overlap pushes the tokens apart along the
 * line between their centres (a marker, and each of `fixed` (x, z, radius), never moves; two
 * tokens share the push), for at most 8 rounds or until nothing overlaps, and no token ends more
 * than `TOKEN_MAX_SHIFT` widths from its members' centroid (a dense crowd far out may still
 * touch). Radii: `TOKEN_RING_RADIUS` times the token's size, `HEAD_RADIUS`, in `markerWidth`
 * table units. Deterministic for given points, clustering and width: with the width taken from
 * the cell the result changes only with the grid.
 * Returns `clustering` itself when no token overlaps anything, or when it draws more than
 * `SPREAD_MAX_ITEMS` items.
 */
export function spreadTokens(
  xs: ArrayLike<number>,
  zs: ArrayLike<number>,
  clustering: Clustering,
  markerWidth: number,
  fixed: readonly { x: number; z: number; r: number }[] = [],
): Clustering {
  const tokens = clustering.clusters;
  const n = tokens.length;
  if (!(markerWidth > 0) || n === 0 || n + clustering.singles.length > SPREAD_MAX_ITEMS) return clustering;
  // A little air: the tokens are discs with a rim, seen at a tilt.
  const gap = 0.12 * markerWidth;
  const eps = 1e-9 * markerWidth;
  const tx = new Float64Array(n);
  const tz = new Float64Array(n);
  const tr = new Float64Array(n);
  tokens.forEach((c, k) => {
    tx[k] = c.x;
    tz[k] = c.z;
    tr[k] = tokenRingRadius(c.members.length, markerWidth);
  });
  // What never moves: the markers drawn as themselves, then the obstacles.
  const singles = clustering.singles;
  const m = singles.length + fixed.length;
  const sx = new Float64Array(m);
  const sz = new Float64Array(m);
  const sr = new Float64Array(m);
  singles.forEach((i, k) => {
    sx[k] = xs[i] ?? 0;
    sz[k] = zs[i] ?? 0;
    sr[k] = HEAD_RADIUS * markerWidth;
  });
  fixed.forEach((f, k) => {
    sx[singles.length + k] = f.x;
    sz[singles.length + k] = f.z;
    sr[singles.length + k] = f.r;
  });
  let maxR = HEAD_RADIUS * markerWidth;
  for (let k = 0; k < n; k++) maxR = Math.max(maxR, tr[k]!);
  for (let k = 0; k < m; k++) maxR = Math.max(maxR, sr[k]!);
  // Hash grids keyed like the clustering's cells: two discs that can touch lie in neighbouring cells.
  const cell = 2 * maxR + gap;
  const gridOf = (px: Float64Array, pz: Float64Array, count: number) => {
    const grid = new Map<number | string, number[]>();
    for (let k = 0; k < count; k++) {
      const key = cellKey(Math.floor(px[k]! / cell), Math.floor(pz[k]! / cell));
      const list = grid.get(key);
      if (list) list.push(k);
      else grid.set(key, [k]);
    }
    return grid;
  };
  const stillGrid = gridOf(sx, sz, m);
  const limit = TOKEN_MAX_SHIFT * markerWidth;
  // The push that clears token k off a disc, set by `overlapping`.
  let px = 0;
  let pz = 0;
  /** Whether token k overlaps the disc at (ox, oz) of radius r; if so, the push is in px, pz. */
  const overlapping = (k: number, ox: number, oz: number, r: number): boolean => {
    let ux = tx[k]! - ox;
    let uz = tz[k]! - oz;
    const d = Math.hypot(ux, uz);
    const overlap = tr[k]! + r + gap - d;
    if (overlap <= eps) return false;
    if (d > eps) {
      ux /= d;
      uz /= d;
    } else {
      // Coincident: part along the golden angle, so a crowd fans out.
      ux = Math.cos(k * 2.399963);
      uz = Math.sin(k * 2.399963);
    }
    px = ux * overlap;
    pz = uz * overlap;
    return true;
  };
  let moved = false;
  for (let pass = 0; pass < 8; pass++) {
    let pushed = false;
    const tokenGrid = gridOf(tx, tz, n);
    for (let k = 0; k < n; k++) {
      const cx = Math.floor(tx[k]! / cell);
      const cz = Math.floor(tz[k]! / cell);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dz = -1; dz <= 1; dz++) {
          const key = cellKey(cx + dx, cz + dz);
          for (const j of tokenGrid.get(key) ?? []) {
            if (j <= k || !overlapping(k, tx[j]!, tz[j]!, tr[j]!)) continue;
            // Two tokens share the push.
            tx[k] = tx[k]! + px / 2;
            tz[k] = tz[k]! + pz / 2;
            tx[j] = tx[j]! - px / 2;
            tz[j] = tz[j]! - pz / 2;
            pushed = true;
          }
          for (const s of stillGrid.get(key) ?? []) {
            if (!overlapping(k, sx[s]!, sz[s]!, sr[s]!)) continue;
            tx[k] = tx[k]! + px;
            tz[k] = tz[k]! + pz;
            pushed = true;
          }
        }
      }
      // No token strays far from what it stands for.
      const c = tokens[k]!;
      const ox = tx[k]! - c.x;
      const oz = tz[k]! - c.z;
      const off = Math.hypot(ox, oz);
      if (off > limit) {
        tx[k] = c.x + (ox / off) * limit;
        tz[k] = c.z + (oz / off) * limit;
      }
    }
    if (!pushed) break;
    moved = true;
  }
  if (!moved) return clustering;
  return {
    singles,
    clusters: tokens.map((c, k) => ({ members: c.members, x: tx[k]!, z: tz[k]! })),
    cell: clustering.cell,
  };
}

/**
 * A cluster cell in marker widths before rounding up to a power of two (so 1.6–3.2 widths): markers
 * closer than about this merge when zoomed out (labels sort out the rest). Markers
 * keep their size on screen, so clustering looks the same at 1080p and 4K.
 */
export const CLUSTER_MARKERS = 1.6;
/** Marker head width as a fraction of the camera distance: constant size on screen. */
export const MARKER_SIZE = 0.017;

/**
 * Marker scale (table units) at a camera distance: a constant size on screen, relative to the
 * screen's shorter side (so a portrait screen's markers are not twice as wide as a landscape's).
 */
export function markerScaleAt(distance: number, viewport: { width: number; height: number }): number {
  return distance * MARKER_SIZE * Math.min(1, viewport.width / Math.max(1, viewport.height));
}

/**
 * The camera distance below which markers `separation` table units apart never share a cluster
 * cell: the cell (quantised up to twice its size) must be at most separation / √2.
 */
export function separatingDistance(separation: number): number {
  return separation / (CLUSTER_MARKERS * MARKER_SIZE * 2 * Math.SQRT2);
}

/** The smallest distance between two of the points (x, y, z triples); Infinity for fewer than 2. */
export function minSeparation(xyz: Float32Array): number {
  const n = Math.floor(xyz.length / 3);
  let best = Infinity;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const d = Math.hypot(
        (xyz[a * 3] ?? 0) - (xyz[b * 3] ?? 0),
        (xyz[a * 3 + 2] ?? 0) - (xyz[b * 3 + 2] ?? 0),
      );
      if (d < best) best = d;
    }
  }
  return best;
}

/**
 * Fans out places that stand on (almost) the same spot: no zoom separates them, so at the closest
 * zoom one marker would hide the other and a tap could never reach it. Every group of points
 * closer than `gap` to a neighbour is laid on a ring around its centroid with neighbours exactly
 * `gap` apart, keeping the members' bearing order from the centroid (ties by input order). Points
 * already `gap` apart are untouched. Returns new arrays; `gap <= 0` returns copies. Linear time
 * (a grid of `gap` cells), so 10,000 places cost a few milliseconds.
 */
export function fanCoincident(
  xs: ArrayLike<number>,
  zs: ArrayLike<number>,
  gap: number,
): { xs: Float32Array; zs: Float32Array; fanned: number } {
  const n = xs.length;
  const ox = Float32Array.from(xs);
  const oz = Float32Array.from(zs);
  if (!(gap > 0) || n < 2) return { xs: ox, zs: oz, fanned: 0 };
  // Union-find over the pairs closer than `gap` (found through neighbouring grid cells).
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const cells = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const cx = Math.floor(ox[i]! / gap);
    const cz = Math.floor(oz[i]! / gap);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dz = -1; dz <= 1; dz++) {
        for (const j of cells.get(`${cx + dx},${cz + dz}`) ?? []) {
          if (Math.hypot(ox[i]! - ox[j]!, oz[i]! - oz[j]!) < gap) parent[root(i)] = root(j);
        }
      }
    }
    const key = `${cx},${cz}`;
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  let fanned = 0;
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    fanned += members.length;
    let sx = 0;
    let sz = 0;
    for (const m of members) {
      sx += ox[m]!;
      sz += oz[m]!;
    }
    const cx = sx / members.length;
    const cz = sz / members.length;
    const k = members.length;
    // Neighbours on the ring `gap` apart: chord 2R·sin(π/k) = gap.
    const radius = gap / (2 * Math.sin(Math.PI / k));
    const bearing = (m: number) => {
      const dx = ox[m]! - cx;
      const dz = oz[m]! - cz;
      return Math.hypot(dx, dz) < gap * 1e-3 ? Infinity : Math.atan2(dz, dx);
    };
    const order = [...members].sort((a, b) => bearing(a) - bearing(b) || a - b);
    // Start where the first member already lies (or due north when all coincide).
    const first = bearing(order[0]!);
    const start = Number.isFinite(first) ? first : -Math.PI / 2;
    order.forEach((m, j) => {
      const a = start + (2 * Math.PI * j) / k;
      ox[m] = cx + radius * Math.cos(a);
      oz[m] = cz + radius * Math.sin(a);
    });
  }
  return { xs: ox, zs: oz, fanned };
}
