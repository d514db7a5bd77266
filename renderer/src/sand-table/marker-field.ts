/**
 * The places on the table as the camera sees them: which pass the filters, which are drawn as
 * themselves and which inside a cluster token, where their marker heads are on screen, which one
 * a tap hits, and how many lie in the free part of the screen. Typed arrays throughout and no
 * allocation on a steady frame, so 10,000 places stay cheap; clustering and culling re-run only
 * when the zoom level, the visible set, the selection or the culled area changes.
 *
 * The three.js layers it drives (`MarkerLayer`, `ClusterMarkers`) are handed in, so Vitest runs
 * it without WebGL.
 */
import type { CameraBasis } from './camera-math';
import { groundPointAt, projectMany, projectPoint } from './camera-math';
import type { Cluster, Clustering } from './clustering';
import {
  CLUSTER_MARKERS,
  clusterGrid,
  fanCoincident,
  MARKER_SIZE,
  quantiseCell,
  spreadTokens,
} from './clustering';
import type { ClusterItem } from './markers';
import { MARKER_HEAD_Y, MarkerState } from './markers';
import { pickNearest } from './picking';
import type { TableProjection } from './projection';
import type { ScreenRect, TableRect, Viewport } from './types';

/**
 * Where each place's marker stands on the table (table units): its projected position, except that
 * places on (almost) one spot stand on a small ring, so each has a marker of its own to tap at the
 * closest zoom (`closestDistance`), 1.5 marker widths apart there. Their cards, QR codes and
 * directions keep the true position.
 */
export function placeTablePositions(
  places: readonly { position: { lon: number; lat: number } }[],
  projection: Pick<TableProjection, 'toTable'>,
  closestDistance: number,
): { xs: Float32Array; zs: Float32Array; fanned: number } {
  const xs = new Float32Array(places.length);
  const zs = new Float32Array(places.length);
  places.forEach((p, i) => {
    const t = projection.toTable(p.position);
    xs[i] = t.x;
    zs[i] = t.z;
  });
  return fanCoincident(xs, zs, 1.5 * MARKER_SIZE * closestDistance);
}

/** What the field draws with (the instanced markers and cluster tokens, or test doubles). */
export type MarkerSinks = {
  markers: {
    show(indices: readonly number[]): void;
    setState(index: number, state: (typeof MarkerState)[keyof typeof MarkerState]): void;
  };
  clusters: { show(items: readonly ClusterItem[]): void };
};

export type PickHit = { kind: 'place' | 'cluster'; index: number };

/**
 * The "you are here" beacon's footprint in marker widths: its ring (radius 0.62) at 1.1 × the
 * marker scale (three-view.ts).
 */
export const HERE_BEACON_WIDTHS = 0.7;

export type FieldView = {
  basis: CameraBasis;
  viewport: Viewport;
  /** Marker size (table units) at this zoom. */
  scale: number;
  /** Cluster at all (off when close in, and for the naive benchmark baseline). */
  clusterOn: boolean;
  /** Cull instances to the view (off for the naive baseline). */
  cull: boolean;
};

export class MarkerField {
  readonly count: number;
  /** Ground height under each place (updated when the relief arrives). */
  readonly ground: Float32Array;
  /** Per place: 0 not drawn (filtered or culled), 1 drawn as itself, 2 inside a cluster. */
  readonly drawnAs: Int8Array;
  /**
   * Projected marker heads: x, y, depth per place (depth ≤ 0: behind the eye). Current for the
   * places drawn as themselves (see `project`).
   */
  readonly headScreen: Float32Array;
  /** The camera of the last `project`. */
  private view: { basis: CameraBasis; viewport: Viewport; scale: number } | null = null;
  private readonly visibleMask: Uint8Array;
  private visibleList: number[] = [];
  private clusteringNow: Clustering = { singles: [], clusters: [], cell: 0 };
  private clusterXYZ = new Float32Array(0);
  clusterScreen = new Float32Array(0);
  private pickScreen = new Float32Array(0);
  private clusterKey = '';
  private obstacles: readonly { x: number; z: number; widths: number }[] = [];
  private cullRect: TableRect | null = null;
  private cullGeneration = 0;
  private selectedIndex = -1;
  private hoveredIndex = -1;
  private sinks: MarkerSinks | null = null;

  constructor(
    readonly xs: Float32Array,
    readonly zs: Float32Array,
    /** Category key per place, for the colour of single-category clusters. */
    private readonly categoryOf: (index: number) => string,
    private readonly colourOf: (category: string) => string | undefined,
    private readonly mixedColour: string,
    floor: number,
  ) {
    this.count = xs.length;
    this.ground = new Float32Array(this.count).fill(floor);
    this.drawnAs = new Int8Array(this.count);
    this.headScreen = new Float32Array(this.count * 3).fill(Number.NaN);
    this.visibleMask = new Uint8Array(this.count);
  }

  get visible(): readonly number[] {
    return this.visibleList;
  }

  get clustering(): Clustering {
    return this.clusteringNow;
  }

  get selected(): number {
    return this.selectedIndex;
  }

  get hovered(): number {
    return this.hoveredIndex;
  }

  isVisible(i: number): boolean {
    return this.visibleMask[i] === 1;
  }

  /** Attaches the layers to draw with (after a (re)build); forces a re-cluster. */
  attach(sinks: MarkerSinks): void {
    this.sinks = sinks;
    this.invalidate();
  }

  /**
   * What else stands on the table at marker size and must not be hidden under a cluster token
   * ("you are here"): table position and radius in marker widths.
   */
  setObstacles(obstacles: readonly { x: number; z: number; widths: number }[]): void {
    this.obstacles = obstacles;
    this.invalidate();
  }

  /** Forget the clustering: the next `update` recomputes it. */
  invalidate(): void {
    this.clusterKey = '';
  }

  setVisible(indices: readonly number[]): void {
    this.visibleList = [...indices];
    this.visibleMask.fill(0);
    for (const i of indices) this.visibleMask[i] = 1;
    this.invalidate();
  }

  setSelected(i: number): void {
    const m = this.sinks?.markers;
    if (this.selectedIndex >= 0 && this.selectedIndex !== i)
      m?.setState(this.selectedIndex, MarkerState.normal);
    this.selectedIndex = i;
    if (i >= 0) m?.setState(i, MarkerState.selected);
    if (this.hoveredIndex >= 0 && this.hoveredIndex !== i)
      m?.setState(this.hoveredIndex, MarkerState.hovered);
    // A selected place never hides inside a cluster.
    this.invalidate();
  }

  /** Returns true when the hovered place changed. */
  setHovered(i: number): boolean {
    if (i === this.hoveredIndex) return false;
    const m = this.sinks?.markers;
    if (this.hoveredIndex >= 0 && this.hoveredIndex !== this.selectedIndex)
      m?.setState(this.hoveredIndex, MarkerState.normal);
    this.hoveredIndex = i;
    if (i >= 0 && i !== this.selectedIndex) m?.setState(i, MarkerState.hovered);
    return true;
  }

  /**
   * Which places to draw and how: re-clusters when the zoom level, the visible set or the
   * selection changed, and culls instances to a margin around the view (re-culled when the view
   * leaves it), so a close view of 10,000 places draws only those near the screen.
   */
  update(view: FieldView): void {
    const cell = view.clusterOn ? quantiseCell(CLUSTER_MARKERS * view.scale) : 0;
    const seen = view.cull ? viewRect(view.basis, view.viewport) : null;
    const cull = this.cullRect;
    const covered =
      seen === null
        ? cull === null
        : cull !== null &&
          seen.minX >= cull.minX &&
          seen.maxX <= cull.maxX &&
          seen.minZ >= cull.minZ &&
          seen.maxZ <= cull.maxZ &&
          // Zoomed far in since the last cull: tighten it.
          (cull.maxX - cull.minX) * (cull.maxZ - cull.minZ) <
            9 * (seen.maxX - seen.minX) * (seen.maxZ - seen.minZ);
    if (!covered) {
      this.cullGeneration++;
      if (seen) {
        const mx = (seen.maxX - seen.minX) * 0.15;
        const mz = (seen.maxZ - seen.minZ) * 0.15;
        this.cullRect = {
          minX: seen.minX - mx,
          maxX: seen.maxX + mx,
          minZ: seen.minZ - mz,
          maxZ: seen.maxZ + mz,
        };
      } else {
        this.cullRect = null;
      }
    }
    const key = `${cell}|${this.selectedIndex}|${this.cullGeneration}`;
    if (key === this.clusterKey) return;
    this.clusterKey = key;
    const r = this.cullRect;
    const sel = this.selectedIndex;
    const candidates: number[] = [];
    for (const i of this.visibleList) {
      if (i === sel) continue;
      if (r) {
        const x = this.xs[i] ?? 0;
        const z = this.zs[i] ?? 0;
        if (x < r.minX || x > r.maxX || z < r.minZ || z > r.maxZ) continue;
      }
      candidates.push(i);
    }
    const grid = clusterGrid(this.xs, this.zs, candidates, cell);
    if (sel >= 0 && this.visibleMask[sel] === 1) grid.singles.push(sel);
    // Tokens give way to each other, to markers and to the obstacles. The marker width is the
    // widest it gets at this zoom level (the level's cell is 1.6 widths at its narrowest zoom,
    // twice that at its widest), so, like the grid, the result changes only with the level.
    const width = cell / CLUSTER_MARKERS;
    const c = spreadTokens(
      this.xs,
      this.zs,
      grid,
      width,
      this.obstacles.map((o) => ({ x: o.x, z: o.z, r: o.widths * width })),
    );
    this.clusteringNow = c;
    this.drawnAs.fill(0);
    // Heads are projected for places drawn as themselves only: no stale head for the others.
    this.headScreen.fill(Number.NaN);
    for (const i of c.singles) this.drawnAs[i] = 1;
    for (const cl of c.clusters) for (const m of cl.members) this.drawnAs[m] = 2;
    const sinks = this.sinks;
    if (!sinks) return;
    sinks.markers.show(c.singles);
    const h = this.hoveredIndex;
    if (h >= 0) sinks.markers.setState(h, h === sel ? MarkerState.selected : MarkerState.hovered);
    if (sel >= 0) sinks.markers.setState(sel, MarkerState.selected);
    sinks.clusters.show(c.clusters.map((cl) => this.clusterItem(cl)));
  }

  private clusterItem(cl: Cluster): ClusterItem {
    const first = this.categoryOf(cl.members[0] ?? 0);
    const same = cl.members.every((m) => this.categoryOf(m) === first);
    return {
      x: cl.x,
      y: this.ground[cl.members[0] ?? 0] ?? 0,
      z: cl.z,
      color: (same ? this.colourOf(first) : undefined) ?? this.mixedColour,
      count: cl.members.length,
    };
  }

  /**
   * Projects the marker heads of the places drawn as themselves, and every cluster token, for the
   * camera (no allocation when steady). A close view of 10,000 places draws about a tenth of them:
   * the rest are culled or inside a cluster, nothing reads their heads in a frame, and they are
   * projected only when counted (`countInRect`). For a place not drawn as itself, `headScreen`
   * holds NaN after a re-cluster, or where it was when last counted: read it only for places with
   * `drawnAs` 1.
   */
  project(basis: CameraBasis, viewport: Viewport, scale: number): void {
    this.view = { basis, viewport, scale };
    this.projectHeads(this.clusteringNow.singles);
    const headY = MARKER_HEAD_Y * scale;
    const clusters = this.clusteringNow.clusters;
    if (this.clusterXYZ.length < clusters.length * 3) {
      this.clusterXYZ = new Float32Array(clusters.length * 3);
      this.clusterScreen = new Float32Array(clusters.length * 3);
    }
    for (let k = 0; k < clusters.length; k++) {
      const c = clusters[k] as Cluster;
      this.clusterXYZ[k * 3] = c.x;
      this.clusterXYZ[k * 3 + 1] = (this.ground[c.members[0] ?? 0] ?? 0) + headY;
      this.clusterXYZ[k * 3 + 2] = c.z;
    }
    projectMany(basis, viewport, this.clusterXYZ, this.clusterScreen, clusters.length);
  }

  /**
   * Projects the heads of `list` into `headScreen` for the last view given to `project`: the same
   * arithmetic as `projectMany`, in one pass straight from the positions. A frame runs this over
   * every place drawn as itself (1,104 in the bench's close view of 10,000), often before V8 has
   * optimised it; packed into a scratch array, projected, then unpacked, it took three passes and
   * ~1.2 ms a frame in the interpreter (~0.03 ms optimised); one pass with no scratch array costs
   * about a third of that (issue 15).
   */
  private projectHeads(list: readonly number[]): void {
    const v = this.view;
    if (!v) return;
    const headY = MARKER_HEAD_Y * v.scale;
    const { eye, forward: f, right: r, up: u, tanHalfFov, aspect } = v.basis;
    const ex = eye.x;
    const ey = eye.y;
    const ez = eye.z;
    const fx = f.x;
    const fy = f.y;
    const fz = f.z;
    const sx = v.viewport.width / 2;
    const sy = v.viewport.height / 2;
    // Screen x per unit along `right` and y per unit along `up`, before the division by depth.
    const rx = (r.x * sx) / aspect;
    const ry = (r.y * sx) / aspect;
    const rz = (r.z * sx) / aspect;
    const ux = u.x * sy;
    const uy = u.y * sy;
    const uz = u.z * sy;
    const { xs, zs, ground, headScreen: hs } = this;
    const m = list.length;
    for (let k = 0; k < m; k++) {
      const i = list[k] as number;
      const dx = (xs[i] as number) - ex;
      const dy = (ground[i] as number) + headY - ey;
      const dz = (zs[i] as number) - ez;
      const depth = dx * fx + dy * fy + dz * fz;
      const o = i * 3;
      if (depth <= 1e-6) {
        hs[o] = Number.NaN;
        hs[o + 1] = Number.NaN;
        hs[o + 2] = -1;
        continue;
      }
      const q = 1 / (depth * tanHalfFov);
      hs[o] = sx + (dx * rx + dy * ry + dz * rz) * q;
      hs[o + 1] = sy - (dx * ux + dy * uy + dz * uz) * q;
      hs[o + 2] = depth;
    }
  }

  /** Marker heads of the given places (or all), x, y, z triples: what a camera fit must show. */
  headPoints(scale: number, indices?: readonly number[]): Float32Array {
    const headY = MARKER_HEAD_Y * scale;
    const list = indices ?? Array.from({ length: this.count }, (_, i) => i);
    const out = new Float32Array(list.length * 3);
    list.forEach((i, k) => {
      out[k * 3] = this.xs[i] ?? 0;
      out[k * 3 + 1] = (this.ground[i] ?? 0) + headY;
      out[k * 3 + 2] = this.zs[i] ?? 0;
    });
    return out;
  }

  /** The nearest drawn place or cluster to a screen point within `radius` px (after `project`). */
  pick(x: number, y: number, radius: number): PickHit | null {
    const singles = this.clusteringNow.singles;
    // Reused between picks: a mouse hovers on every move.
    if (this.pickScreen.length < singles.length * 3) this.pickScreen = new Float32Array(singles.length * 3);
    const screen = this.pickScreen;
    for (let k = 0; k < singles.length; k++) {
      const i = singles[k] as number;
      screen[k * 3] = this.headScreen[i * 3] ?? Number.NaN;
      screen[k * 3 + 1] = this.headScreen[i * 3 + 1] ?? Number.NaN;
      screen[k * 3 + 2] = this.headScreen[i * 3 + 2] ?? -1;
    }
    const clusters = this.clusteringNow.clusters.length;
    const place = pickNearest(screen, singles.length, x, y, radius);
    const cluster = pickNearest(this.clusterScreen, clusters, x, y, radius * 1.3);
    if (place >= 0 && cluster >= 0) {
      const pi = singles[place] as number;
      const dp = Math.hypot((this.headScreen[pi * 3] ?? 0) - x, (this.headScreen[pi * 3 + 1] ?? 0) - y);
      const dc = Math.hypot(
        (this.clusterScreen[cluster * 3] ?? 0) - x,
        (this.clusterScreen[cluster * 3 + 1] ?? 0) - y,
      );
      return dp <= dc ? { kind: 'place', index: pi } : { kind: 'cluster', index: cluster };
    }
    if (place >= 0) return { kind: 'place', index: singles[place] as number };
    if (cluster >= 0) return { kind: 'cluster', index: cluster };
    return null;
  }

  /**
   * Where place `i`'s marker head is on screen for this camera (NaN behind the eye), whether it
   * lies in `safe` (the free part of the screen), passes the filters, and is inside a cluster.
   */
  headOnScreen(
    i: number,
    basis: CameraBasis,
    viewport: Viewport,
    scale: number,
    safe: ScreenRect,
  ): { x: number; y: number; onScreen: boolean; visible: boolean; clustered: boolean } {
    const s = projectPoint(basis, viewport, {
      x: this.xs[i] ?? 0,
      y: (this.ground[i] ?? 0) + MARKER_HEAD_Y * scale,
      z: this.zs[i] ?? 0,
    });
    const x = s?.x ?? Number.NaN;
    const y = s?.y ?? Number.NaN;
    const onScreen = !!s && x >= safe.left && y >= safe.top && x <= safe.right && y <= safe.bottom;
    return { x, y, onScreen, visible: this.isVisible(i), clustered: this.drawnAs[i] === 2 };
  }

  /**
   * Places passing the filters whose marker head lies inside `rect` (after `project`), and how
   * many pass the filters: the `data-places-on-screen="N/M"` signal.
   */
  countInRect(rect: ScreenRect): { inside: number; visible: number } {
    // A frame projects only the places drawn as themselves: every place passing the filters here.
    this.projectHeads(this.visibleList);
    let inside = 0;
    for (const i of this.visibleList) {
      const x = this.headScreen[i * 3] ?? Number.NaN;
      const y = this.headScreen[i * 3 + 1] ?? Number.NaN;
      const d = this.headScreen[i * 3 + 2] ?? -1;
      if (d > 0 && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) inside++;
    }
    return { inside, visible: this.visibleList.length };
  }
}

/**
 * The part of the table on screen (corners of the viewport cast onto the table), or null when
 * the view reaches the horizon and everything may be on screen.
 */
export function viewRect(basis: CameraBasis, viewport: Viewport): TableRect | null {
  const { width: w, height: h } = viewport;
  let minX = Infinity;
  let maxX = -Infinity;
  let minZ = Infinity;
  let maxZ = -Infinity;
  for (let k = 0; k < 4; k++) {
    const c = groundPointAt(basis, viewport, { x: k % 2 === 0 ? 0 : w, y: k < 2 ? 0 : h });
    if (!c) return null;
    minX = Math.min(minX, c.x);
    maxX = Math.max(maxX, c.x);
    minZ = Math.min(minZ, c.z);
    maxZ = Math.max(maxZ, c.z);
  }
  return { minX, maxX, minZ, maxZ };
}
