/**
 * Thick lines as triangles: WebGL lines are one pixel wide, far too thin for a 4K table seen
 * from two metres. Flat ribbons lie on the table (rivers, roads); tubes float above it (arcs,
 * routes). Every vertex carries `aT`, its position along the path (0 → 1), so a shader can
 * animate a flow without touching geometry.
 */
import { BufferAttribute, BufferGeometry } from 'three';
import type { Vec3 } from './types';

/** A path to draw: points, half-width or radius, and a per-path random phase for shaders. */
export type StripPath = { points: readonly Vec3[]; width: number; seed?: number };

type Buffers = { pos: number[]; nrm: number[]; t: number[]; seed: number[]; idx: number[] };

function cumulative(points: readonly Vec3[]): number[] {
  const out = [0];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Vec3;
    const b = points[i] as Vec3;
    out.push((out[i - 1] as number) + Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z));
  }
  return out;
}

function toGeometry(b: Buffers): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(b.pos), 3));
  g.setAttribute('normal', new BufferAttribute(new Float32Array(b.nrm), 3));
  g.setAttribute('aT', new BufferAttribute(new Float32Array(b.t), 1));
  g.setAttribute('aSeed', new BufferAttribute(new Float32Array(b.seed), 1));
  const count = b.pos.length / 3;
  g.setIndex(
    count > 65535
      ? new BufferAttribute(new Uint32Array(b.idx), 1)
      : new BufferAttribute(new Uint16Array(b.idx), 1),
  );
  g.computeBoundingSphere();
  return g;
}

/**
 * Flat ribbons in the table plane (normals up), `width` wide, with mitred joints (limited so a
 * hairpin does not spike).
 */
export function buildRibbons(paths: readonly StripPath[]): BufferGeometry {
  const b: Buffers = { pos: [], nrm: [], t: [], seed: [], idx: [] };
  for (const path of paths) {
    const pts = path.points;
    if (pts.length < 2) continue;
    const len = cumulative(pts);
    const total = len[len.length - 1] || 1;
    const base = b.pos.length / 3;
    const half = path.width / 2;
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i] as Vec3;
      const prev = pts[Math.max(0, i - 1)] as Vec3;
      const next = pts[Math.min(pts.length - 1, i + 1)] as Vec3;
      // Direction of the incoming and outgoing segments, averaged at joints.
      let d1x = p.x - prev.x;
      let d1z = p.z - prev.z;
      let d2x = next.x - p.x;
      let d2z = next.z - p.z;
      const l1 = Math.hypot(d1x, d1z) || 1;
      const l2 = Math.hypot(d2x, d2z) || 1;
      d1x /= l1;
      d1z /= l1;
      d2x /= l2;
      d2z /= l2;
      if (i === 0) {
        d1x = d2x;
        d1z = d2z;
      }
      if (i === pts.length - 1) {
        d2x = d1x;
        d2z = d1z;
      }
      let tx = d1x + d2x;
      let tz = d1z + d2z;
      const tl = Math.hypot(tx, tz) || 1;
      tx /= tl;
      tz /= tl;
      // Normal in the plane, scaled by the miter length (at most 2× to avoid spikes).
      const nx = -tz;
      const nz = tx;
      const cos = Math.max(0.5, nx * -d2z + nz * d2x);
      const m = half / cos;
      b.pos.push(p.x + nx * m, p.y, p.z + nz * m, p.x - nx * m, p.y, p.z - nz * m);
      b.nrm.push(0, 1, 0, 0, 1, 0);
      const t = (len[i] as number) / total;
      b.t.push(t, t);
      b.seed.push(path.seed ?? 0, path.seed ?? 0);
      if (i > 0) {
        const a = base + (i - 1) * 2;
        // Counter-clockwise seen from above, so the face points up.
        b.idx.push(a, a + 2, a + 1, a + 1, a + 2, a + 3);
      }
    }
  }
  return toGeometry(b);
}

/** Tubes of `radius` = path.width / 2 with `sides` around, following 3D paths. */
export function buildTubes(paths: readonly StripPath[], sides = 6): BufferGeometry {
  const b: Buffers = { pos: [], nrm: [], t: [], seed: [], idx: [] };
  for (const path of paths) {
    const pts = path.points;
    if (pts.length < 2) continue;
    const len = cumulative(pts);
    const total = len[len.length - 1] || 1;
    const base = b.pos.length / 3;
    const r = path.width / 2;
    // Parallel-transported frame: start with any normal perpendicular to the first tangent.
    let px = 0;
    let py = 1;
    let pz = 0;
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i] as Vec3;
      const a = pts[Math.max(0, i - 1)] as Vec3;
      const c = pts[Math.min(pts.length - 1, i + 1)] as Vec3;
      let tx = c.x - a.x;
      let ty = c.y - a.y;
      let tz = c.z - a.z;
      const tl = Math.hypot(tx, ty, tz) || 1;
      tx /= tl;
      ty /= tl;
      tz /= tl;
      // Remove the tangent component from the previous normal.
      const k = px * tx + py * ty + pz * tz;
      px -= k * tx;
      py -= k * ty;
      pz -= k * tz;
      let pl = Math.hypot(px, py, pz);
      if (pl < 1e-6) {
        // Tangent parallel to the old normal: pick another axis.
        px = 1 - Math.abs(tx) < 1e-3 ? 0 : 1;
        py = 0;
        pz = px === 0 ? 1 : 0;
        const k2 = px * tx + pz * tz;
        px -= k2 * tx;
        py -= k2 * ty;
        pz -= k2 * tz;
        pl = Math.hypot(px, py, pz) || 1;
      }
      px /= pl;
      py /= pl;
      pz /= pl;
      // Binormal = tangent × normal.
      const bx = ty * pz - tz * py;
      const by = tz * px - tx * pz;
      const bz = tx * py - ty * px;
      const t = (len[i] as number) / total;
      for (let s = 0; s < sides; s++) {
        const ang = (s / sides) * Math.PI * 2;
        const cs = Math.cos(ang);
        const sn = Math.sin(ang);
        const nx = px * cs + bx * sn;
        const ny = py * cs + by * sn;
        const nz = pz * cs + bz * sn;
        b.pos.push(p.x + nx * r, p.y + ny * r, p.z + nz * r);
        b.nrm.push(nx, ny, nz);
        b.t.push(t);
        b.seed.push(path.seed ?? 0);
      }
      if (i > 0) {
        const r0 = base + (i - 1) * sides;
        const r1 = base + i * sides;
        for (let s = 0; s < sides; s++) {
          const s1 = (s + 1) % sides;
          b.idx.push(r0 + s, r1 + s, r0 + s1, r0 + s1, r1 + s, r1 + s1);
        }
      }
    }
  }
  return toGeometry(b);
}
