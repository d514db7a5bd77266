/**
 * The tabletop: relief extruded from GeoJSON polygons, rivers and roads as ribbons, a heightmap
 * mesh, the graticule and the table slab itself. Pure builders returning geometries (or plain
 * arrays); `sand-table.ts` gives them materials.
 */
import {
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  Color,
  ExtrudeGeometry,
  Path,
  Shape,
  ShapeUtils,
  Sphere,
  Vector2,
  Vector3,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { Bounds } from '../../../electron/shared/pack-schema';
import type { LineFeature, PolygonFeature } from './geojson';
import type { TableProjection } from './projection';
import { densify } from './paths';
import { buildRibbons } from './strips';
import type { TableRect, Vec3 } from './types';

/** Signed area of a ring in shape coordinates (positive = counter-clockwise). */
function signedArea(points: readonly Vector2[]): number {
  return ShapeUtils.area(points);
}

/** Ring → points in the shape plane (x, −z), closing point dropped. */
function ringToShapePoints(ring: readonly [number, number][], projection: TableProjection): Vector2[] {
  const pts = ring.map(([lon, lat]) => {
    const t = projection.toTable({ lon, lat });
    return new Vector2(t.x, -t.z);
  });
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first && last && pts.length > 1 && first.equals(last)) pts.pop();
  return pts;
}

export type ReliefOptions = {
  /** Height of features without `properties.height` (table units). */
  defaultHeight: number;
  /** Colours cycled for features without `properties.color`. */
  palette: readonly string[];
  /** Multiplies `properties.height` (table units per pack unit). */
  heightScale?: number;
};

export type Relief = {
  /** Extruded polygons with per-vertex colours (sides darker than tops); `null` when empty. */
  geometry: BufferGeometry | null;
  /** Line segments (pairs of points) around every polygon top, for a fine outline. */
  outline: Float32Array;
  /** Polygons that could not be triangulated. */
  skipped: number;
};

/** Extrudes polygons into relief: each feature's rings become a prism of its height. */
export function buildRelief(
  polygons: readonly PolygonFeature[],
  projection: TableProjection,
  opts: ReliefOptions,
): Relief {
  const parts: BufferGeometry[] = [];
  const outline: number[] = [];
  let skipped = 0;
  const scale = opts.heightScale ?? 1;
  polygons.forEach((poly, index) => {
    const [outer, ...holes] = poly.rings;
    if (!outer) {
      skipped++;
      return;
    }
    const outerPts = ringToShapePoints(outer, projection);
    if (outerPts.length < 3 || Math.abs(signedArea(outerPts)) < 1e-12) {
      skipped++;
      return;
    }
    // three.js wants the outer ring counter-clockwise and holes clockwise in shape space.
    if (signedArea(outerPts) < 0) outerPts.reverse();
    const shape = new Shape(outerPts);
    for (const h of holes) {
      const hp = ringToShapePoints(h, projection);
      if (hp.length < 3) continue;
      if (signedArea(hp) > 0) hp.reverse();
      shape.holes.push(new Path(hp));
    }
    const height = Math.max(1e-4, (poly.style.height ?? opts.defaultHeight) * scale);
    const g = new ExtrudeGeometry(shape, { depth: height, bevelEnabled: false, steps: 1 });
    // Extrusion runs along +z; turn it so the prism stands on the table (+y).
    g.rotateX(-Math.PI / 2);
    g.deleteAttribute('uv');
    const base = new Color(
      poly.style.color ?? opts.palette[index % Math.max(1, opts.palette.length)] ?? '#6b5a48',
    );
    const side = base.clone().multiplyScalar(0.62);
    const normals = g.getAttribute('normal');
    const colors = new Float32Array(normals.count * 3);
    for (let i = 0; i < normals.count; i++) {
      const c = normals.getY(i) > 0.5 ? base : side;
      colors[i * 3] = c.r;
      colors[i * 3 + 1] = c.g;
      colors[i * 3 + 2] = c.b;
    }
    g.setAttribute('color', new BufferAttribute(colors, 3));
    parts.push(g);
    for (const ring of [outerPts, ...shape.holes.map((h) => h.getPoints())]) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i] as Vector2;
        const b = ring[(i + 1) % ring.length] as Vector2;
        outline.push(a.x, height + height * 0.002, -a.y, b.x, height + height * 0.002, -b.y);
      }
    }
  });
  const geometry = parts.length > 0 ? mergeGeometries(parts, false) : null;
  for (const p of parts) p.dispose();
  return { geometry, outline: new Float32Array(outline), skipped };
}

/**
 * Rivers, coasts and roads as flat ribbons draped over the table: `heightAt` gives the surface
 * under each point (relief or heightmap), and long segments are split every `maxStep` so the
 * ribbon follows the surface.
 */
export function buildLineRibbons(
  lines: readonly LineFeature[],
  projection: TableProjection,
  defaultWidth: number,
  heightAt: (x: number, z: number) => number,
  maxStep = Number.POSITIVE_INFINITY,
): BufferGeometry {
  return buildRibbons(
    lines.map((l) => ({
      points: densify(
        l.line.map(([lon, lat]) => projection.toTable({ lon, lat })),
        maxStep,
      ).map((t) => ({ x: t.x, y: heightAt(t.x, t.z), z: t.z })),
      width: l.style.width ?? defaultWidth,
    })),
  );
}

/** A grid of heights (row-major, north row first), values 0–1. */
export type HeightGrid = { width: number; height: number; values: Float32Array };

/**
 * Downsamples RGBA pixels (luminance) to a grid of at most `maxSide` samples per side, so a large
 * heightmap image never becomes millions of vertices.
 */
export function heightGridFromPixels(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  maxSide = 192,
): HeightGrid {
  const gw = Math.max(2, Math.min(width, maxSide));
  const gh = Math.max(2, Math.min(height, maxSide));
  const values = new Float32Array(gw * gh);
  for (let j = 0; j < gh; j++) {
    const sy = Math.min(height - 1, Math.round((j / (gh - 1)) * (height - 1)));
    for (let i = 0; i < gw; i++) {
      const sx = Math.min(width - 1, Math.round((i / (gw - 1)) * (width - 1)));
      const o = (sy * width + sx) * 4;
      values[j * gw + i] =
        (0.2126 * (rgba[o] ?? 0) + 0.7152 * (rgba[o + 1] ?? 0) + 0.0722 * (rgba[o + 2] ?? 0)) / 255;
    }
  }
  return { width: gw, height: gh, values };
}

/** Bilinear height (table units) at a table point, 0 outside the grid's rectangle. */
export function sampleHeight(
  grid: HeightGrid,
  rect: TableRect,
  maxHeight: number,
  x: number,
  z: number,
): number {
  const u = (x - rect.minX) / (rect.maxX - rect.minX);
  const v = (z - rect.minZ) / (rect.maxZ - rect.minZ);
  if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1)) return 0;
  const fx = u * (grid.width - 1);
  const fy = v * (grid.height - 1);
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(grid.width - 1, x0 + 1);
  const y1 = Math.min(grid.height - 1, y0 + 1);
  const tx = fx - x0;
  const ty = fy - y0;
  const at = (i: number, j: number): number => grid.values[j * grid.width + i] ?? 0;
  const top = at(x0, y0) * (1 - tx) + at(x1, y0) * tx;
  const bottom = at(x0, y1) * (1 - tx) + at(x1, y1) * tx;
  return (top * (1 - ty) + bottom * ty) * maxHeight;
}

/**
 * A heightmap mesh over `rect`: UVs for a texture (north up), smooth normals, and per-vertex
 * colours ramping from `low` to `high` for packs without a texture.
 */
export function buildHeightmap(
  grid: HeightGrid,
  rect: TableRect,
  maxHeight: number,
  low: string,
  high: string,
): BufferGeometry {
  const { width: w, height: h, values } = grid;
  const pos = new Float32Array(w * h * 3);
  const uv = new Float32Array(w * h * 2);
  const col = new Float32Array(w * h * 3);
  const cl = new Color(low);
  const ch = new Color(high);
  // Color.lerp's arithmetic, without a Color per vertex.
  const [dr, dg, db] = [ch.r - cl.r, ch.g - cl.g, ch.b - cl.b];
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const k = j * w + i;
      const v = values[k] ?? 0;
      pos[k * 3] = rect.minX + ((rect.maxX - rect.minX) * i) / (w - 1);
      pos[k * 3 + 1] = v * maxHeight;
      pos[k * 3 + 2] = rect.minZ + ((rect.maxZ - rect.minZ) * j) / (h - 1);
      uv[k * 2] = i / (w - 1);
      uv[k * 2 + 1] = 1 - j / (h - 1);
      col[k * 3] = cl.r + dr * v;
      col[k * 3 + 1] = cl.g + dg * v;
      col[k * 3 + 2] = cl.b + db * v;
    }
  }
  const idx = w * h > 65535 ? new Uint32Array((w - 1) * (h - 1) * 6) : new Uint16Array((w - 1) * (h - 1) * 6);
  let n = 0;
  for (let j = 0; j < h - 1; j++) {
    for (let i = 0; i < w - 1; i++) {
      const a = j * w + i;
      const b = a + 1;
      const d = a + w;
      const e = d + 1;
      // Counter-clockwise seen from above (+y).
      idx[n++] = a;
      idx[n++] = d;
      idx[n++] = b;
      idx[n++] = b;
      idx[n++] = d;
      idx[n++] = e;
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(pos, 3));
  g.setAttribute('uv', new BufferAttribute(uv, 2));
  g.setAttribute('color', new BufferAttribute(col, 3));
  g.setIndex(new BufferAttribute(idx, 1));
  g.setAttribute('normal', new BufferAttribute(indexedVertexNormals(pos, idx), 3));
  g.boundingSphere = boundingSphereOf(pos);
  return g;
}

/**
 * Smooth normals of an indexed triangle mesh, as three.js's `computeVertexNormals` makes them (the
 * same sums in the same order, stored as float32 at the same steps: equal to the last bit), on
 * the arrays directly. Through three's attribute accessors, the relief's 73,000 triangles took
 * ~20–30 ms of a cold start, before V8 had optimised anything (issue 15).
 */
export function indexedVertexNormals(pos: Float32Array, index: Uint16Array | Uint32Array): Float32Array {
  const n = new Float32Array(pos.length);
  for (let t = 0; t + 2 < index.length; t += 3) {
    const a = (index[t] as number) * 3;
    const b = (index[t + 1] as number) * 3;
    const c = (index[t + 2] as number) * 3;
    const bx = pos[b] as number;
    const by = pos[b + 1] as number;
    const bz = pos[b + 2] as number;
    // cb = C − B, ab = A − B, face = cb × ab
    const cbx = (pos[c] as number) - bx;
    const cby = (pos[c + 1] as number) - by;
    const cbz = (pos[c + 2] as number) - bz;
    const abx = (pos[a] as number) - bx;
    const aby = (pos[a + 1] as number) - by;
    const abz = (pos[a + 2] as number) - bz;
    const x = cby * abz - cbz * aby;
    const y = cbz * abx - cbx * abz;
    const z = cbx * aby - cby * abx;
    // Read all three before writing any, as three does (matters only for a degenerate triangle).
    const ax0 = (n[a] as number) + x;
    const ay0 = (n[a + 1] as number) + y;
    const az0 = (n[a + 2] as number) + z;
    const bx0 = (n[b] as number) + x;
    const by0 = (n[b + 1] as number) + y;
    const bz0 = (n[b + 2] as number) + z;
    const cx0 = (n[c] as number) + x;
    const cy0 = (n[c + 1] as number) + y;
    const cz0 = (n[c + 2] as number) + z;
    n[a] = ax0;
    n[a + 1] = ay0;
    n[a + 2] = az0;
    n[b] = bx0;
    n[b + 1] = by0;
    n[b + 2] = bz0;
    n[c] = cx0;
    n[c + 1] = cy0;
    n[c + 2] = cz0;
  }
  for (let k = 0; k < n.length; k += 3) {
    const x = n[k] as number;
    const y = n[k + 1] as number;
    const z = n[k + 2] as number;
    const s = 1 / (Math.sqrt(x * x + y * y + z * z) || 1);
    n[k] = x * s;
    n[k + 1] = y * s;
    n[k + 2] = z * s;
  }
  return n;
}

/** The bounding sphere three.js's `computeBoundingSphere` gives (centre of the box, farthest point). */
export function boundingSphereOf(pos: Float32Array): Sphere {
  if (pos.length < 3) return new Sphere(new Vector3(), 0);
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  for (let k = 0; k + 2 < pos.length; k += 3) {
    const x = pos[k] as number;
    const y = pos[k + 1] as number;
    const z = pos[k + 2] as number;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (z < minZ) minZ = z;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
    if (z > maxZ) maxZ = z;
  }
  const cx = (minX + maxX) * 0.5;
  const cy = (minY + maxY) * 0.5;
  const cz = (minZ + maxZ) * 0.5;
  let far = 0;
  for (let k = 0; k + 2 < pos.length; k += 3) {
    const dx = cx - (pos[k] as number);
    const dy = cy - (pos[k + 1] as number);
    const dz = cz - (pos[k + 2] as number);
    far = Math.max(far, dx * dx + dy * dy + dz * dz);
  }
  return new Sphere(new Vector3(cx, cy, cz), Math.sqrt(far));
}

/**
 * Graticule line segments (pairs of points) every `step` degrees inside `bounds`, each meridian
 * and parallel subdivided so it bends correctly under Mercator.
 */
export function buildGraticule(
  bounds: Bounds,
  step: number,
  projection: TableProjection,
  y: number,
): Float32Array {
  const out: number[] = [];
  const push = (a: Vec3, b: Vec3): void => {
    out.push(a.x, a.y, a.z, b.x, b.y, b.z);
  };
  const at = (lon: number, lat: number): Vec3 => {
    const t = projection.toTable({ lon, lat });
    return { x: t.x, y, z: t.z };
  };
  const first = (v: number): number => Math.ceil(v / step - 1e-9) * step;
  const pieces = 16;
  for (let lon = first(bounds.west); lon <= bounds.east + 1e-9; lon += step) {
    for (let k = 0; k < pieces; k++) {
      const la = bounds.south + ((bounds.north - bounds.south) * k) / pieces;
      const lb = bounds.south + ((bounds.north - bounds.south) * (k + 1)) / pieces;
      push(at(lon, la), at(lon, lb));
    }
  }
  for (let lat = first(bounds.south); lat <= bounds.north + 1e-9; lat += step) {
    push(at(bounds.west, lat), at(bounds.east, lat));
  }
  return new Float32Array(out);
}

/** The table itself: a slab under the map, `margin` wider than the map on every side. */
export function buildSlab(rect: TableRect, margin: number, thickness: number): BufferGeometry {
  const w = rect.maxX - rect.minX + margin * 2;
  const d = rect.maxZ - rect.minZ + margin * 2;
  const g = new BoxGeometry(w, thickness, d);
  g.translate((rect.minX + rect.maxX) / 2, -thickness / 2 - thickness * 0.01, (rect.minZ + rect.maxZ) / 2);
  return g;
}
