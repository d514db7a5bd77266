/**
 * Curves the table draws: elevated Bézier arcs between chain nodes, routes from their polyline or
 * their places, and the navigation path from "you are here" to a place.
 */
import type { LonLat, PackManifest, Route } from '../../../electron/shared/pack-schema';
import type { TableProjection } from './projection';
import type { TablePoint, Vec3 } from './types';

/** Points of a quadratic Bézier from a to b (on the table) raised to `height` at its middle. */
export function quadraticArc(
  a: TablePoint,
  b: TablePoint,
  height: number,
  segments: number,
  baseY = 0,
): Vec3[] {
  const out: Vec3[] = [];
  const cx = (a.x + b.x) / 2;
  const cz = (a.z + b.z) / 2;
  // The control point sits at twice the apex height: B(½) = ½·control for ends on the table.
  const cy = baseY + height * 2;
  const n = Math.max(2, Math.floor(segments));
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push({
      x: u * u * a.x + 2 * u * t * cx + t * t * b.x,
      y: u * u * baseY + 2 * u * t * cy + t * t * baseY,
      z: u * u * a.z + 2 * u * t * cz + t * t * b.z,
    });
  }
  return out;
}

/** Points of a cubic Bézier with both handles raised: flatter top than a quadratic. */
export function cubicArc(a: TablePoint, b: TablePoint, height: number, segments: number, baseY = 0): Vec3[] {
  const out: Vec3[] = [];
  // Handles at ⅓ and ⅔ along, both at 4/3·height so that B(½) = height.
  const h = baseY + (height * 4) / 3;
  const c1 = { x: a.x + (b.x - a.x) / 3, y: h, z: a.z + (b.z - a.z) / 3 };
  const c2 = { x: a.x + ((b.x - a.x) * 2) / 3, y: h, z: a.z + ((b.z - a.z) * 2) / 3 };
  const n = Math.max(2, Math.floor(segments));
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    const w0 = u * u * u;
    const w1 = 3 * u * u * t;
    const w2 = 3 * u * t * t;
    const w3 = t * t * t;
    out.push({
      x: w0 * a.x + w1 * c1.x + w2 * c2.x + w3 * b.x,
      y: w0 * baseY + w1 * c1.y + w2 * c2.y + w3 * baseY,
      z: w0 * a.z + w1 * c1.z + w2 * c2.z + w3 * b.z,
    });
  }
  return out;
}

/**
 * Raises an arc's ends to the surface under them (`ya` at the start, `yb` at the end), blending
 * linearly along the points so the apex keeps its height above the line between the ends.
 */
export function liftEnds(points: readonly Vec3[], ya: number, yb: number): Vec3[] {
  const n = Math.max(1, points.length - 1);
  return points.map((p, i) => ({ x: p.x, y: p.y + ya + ((yb - ya) * i) / n, z: p.z }));
}

/** Arc height for a link: proportional to its length, so short links stay low. */
export function arcHeight(a: TablePoint, b: TablePoint, ratio = 0.28): number {
  return Math.hypot(b.x - a.x, b.z - a.z) * ratio;
}

/** Geographic points of a route: its polyline, or its places in order (unknown places skipped). */
export function routeLonLats(route: Route, places: PackManifest['places']): LonLat[] {
  if (route.path && route.path.length >= 2) return route.path;
  const byId = new Map(places.map((p) => [p.id, p.position]));
  return (route.places ?? []).flatMap((id) => {
    const p = byId.get(id);
    return p ? [p] : [];
  });
}

/**
 * Splits long segments so a path can hug relief and a camera can follow it smoothly: no piece is
 * longer than `maxStep` table units.
 */
export function densify(points: readonly TablePoint[], maxStep: number): TablePoint[] {
  if (points.length < 2 || !(maxStep > 0)) return [...points];
  const out: TablePoint[] = [points[0] as TablePoint];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as TablePoint;
    const b = points[i] as TablePoint;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.z - a.z) / maxStep));
    for (let k = 1; k <= n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, z: a.z + ((b.z - a.z) * k) / n });
  }
  return out;
}

/** Total length of a table polyline. */
export function pathLength(points: readonly TablePoint[]): number {
  let l = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as TablePoint;
    const b = points[i] as TablePoint;
    l += Math.hypot(b.x - a.x, b.z - a.z);
  }
  return l;
}

/** Point and direction (degrees clockwise from north) at fraction `f` of a polyline's length. */
export function pointAlong(points: readonly TablePoint[], f: number): TablePoint & { heading: number } {
  const first = points[0] ?? { x: 0, z: 0 };
  if (points.length < 2) return { ...first, heading: 0 };
  const target = Math.min(1, Math.max(0, f)) * pathLength(points);
  let acc = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as TablePoint;
    const b = points[i] as TablePoint;
    const seg = Math.hypot(b.x - a.x, b.z - a.z);
    if (acc + seg >= target || i === points.length - 1) {
      const t = seg > 0 ? Math.min(1, (target - acc) / seg) : 0;
      // North is −z; heading clockwise: atan2(east, north).
      const heading = (Math.atan2(b.x - a.x, -(b.z - a.z)) * 180) / Math.PI;
      return { x: a.x + (b.x - a.x) * t, z: a.z + (b.z - a.z) * t, heading };
    }
    acc += seg;
  }
  return { ...first, heading: 0 };
}

/** Projects lon/lat pairs to the table. */
export function projectAll(projection: TableProjection, points: readonly LonLat[]): TablePoint[] {
  return points.map((p) => projection.toTable(p));
}
