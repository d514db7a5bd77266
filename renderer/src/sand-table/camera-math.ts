/**
 * Pure camera math for the table: pose ↔ eye/basis, screen projection, ground rays, bounds, and
 * the gesture operations (orbit, pan, zoom and twist around an anchor). No three.js here, so the
 * same numbers serve picking, labels, tests and the benchmark; `sand-table.ts` copies the basis
 * into a three.js camera.
 */
import type { ScreenPoint, TablePoint, TablePose, TableRect, Vec3, Viewport } from './types';

const DEG = Math.PI / 180;

/** Limits that keep the table in view. */
export type CameraLimits = {
  minDistance: number;
  maxDistance: number;
  minTilt: number;
  maxTilt: number;
  /** Where the camera target may be. */
  rect: TableRect;
};

/** Everything needed to project: where the eye is and which way it looks. */
export type CameraBasis = {
  eye: Vec3;
  forward: Vec3;
  right: Vec3;
  up: Vec3;
  /** tan(vertical fov / 2). */
  tanHalfFov: number;
  aspect: number;
};

const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const dot = (a: Vec3, b: Vec3): number => a.x * b.x + a.y * b.y + a.z * b.z;

/** Heading in degrees normalised to (−180, 180]. */
export function normaliseHeading(h: number): number {
  let r = h % 360;
  if (r > 180) r -= 360;
  if (r <= -180) r += 360;
  return r;
}

/**
 * The camera basis of a pose. Heading rotates clockwise from north (−z); tilt lowers the view
 * from the horizon; the result matches a three.js camera with Euler order `YXZ`,
 * `rotation.y = −heading`, `rotation.x = −tilt`.
 */
export function basisOf(pose: TablePose, fovDeg: number, viewport: Viewport): CameraBasis {
  const h = pose.heading * DEG;
  const t = pose.tilt * DEG;
  const forward = { x: Math.sin(h) * Math.cos(t), y: -Math.sin(t), z: -Math.cos(h) * Math.cos(t) };
  const right = { x: Math.cos(h), y: 0, z: Math.sin(h) };
  // up = right × forward
  const up = {
    x: right.y * forward.z - right.z * forward.y,
    y: right.z * forward.x - right.x * forward.z,
    z: right.x * forward.y - right.y * forward.x,
  };
  const eye = {
    x: pose.x - forward.x * pose.distance,
    y: -forward.y * pose.distance,
    z: pose.z - forward.z * pose.distance,
  };
  return {
    eye,
    forward,
    right,
    up,
    tanHalfFov: Math.tan((fovDeg * DEG) / 2),
    aspect: viewport.width / Math.max(1, viewport.height),
  };
}

/** Screen position (CSS px) and depth of a point; `null` behind the eye. */
export function projectPoint(
  basis: CameraBasis,
  viewport: Viewport,
  p: Vec3,
): (ScreenPoint & { depth: number }) | null {
  const d = sub(p, basis.eye);
  const depth = dot(d, basis.forward);
  if (depth <= 1e-6) return null;
  const nx = dot(d, basis.right) / (depth * basis.tanHalfFov * basis.aspect);
  const ny = dot(d, basis.up) / (depth * basis.tanHalfFov);
  return { x: ((nx + 1) / 2) * viewport.width, y: ((1 - ny) / 2) * viewport.height, depth };
}

/**
 * Projects many points at once into `out` (x, y, depth triples; depth ≤ 0 means behind the
 * eye). Used every frame for labels and picking, so it avoids allocation. MarkerField's
 * `projectHeads` repeats this arithmetic inline for the marker heads (the frame's largest list);
 * its test holds both to `projectPoint`.
 */
export function projectMany(
  basis: CameraBasis,
  viewport: Viewport,
  xyz: Float32Array | readonly number[],
  out: Float32Array,
  /** How many points (default: all of `xyz`). */
  count = Math.floor(xyz.length / 3),
): void {
  const { eye, forward: f, right: r, up: u, tanHalfFov, aspect } = basis;
  const sx = viewport.width / 2;
  const sy = viewport.height / 2;
  const n = count;
  for (let i = 0; i < n; i++) {
    const dx = (xyz[i * 3] ?? 0) - eye.x;
    const dy = (xyz[i * 3 + 1] ?? 0) - eye.y;
    const dz = (xyz[i * 3 + 2] ?? 0) - eye.z;
    const depth = dx * f.x + dy * f.y + dz * f.z;
    if (depth <= 1e-6) {
      out[i * 3] = Number.NaN;
      out[i * 3 + 1] = Number.NaN;
      out[i * 3 + 2] = -1;
      continue;
    }
    const k = 1 / (depth * tanHalfFov);
    out[i * 3] = sx + ((dx * r.x + dy * r.y + dz * r.z) * k * sx) / aspect;
    out[i * 3 + 1] = sy - (dx * u.x + dy * u.y + dz * u.z) * k * sy;
    out[i * 3 + 2] = depth;
  }
}

/** Where the ray through a screen point meets the table plane y = `height`; `null` if it never does. */
export function groundPointAt(
  basis: CameraBasis,
  viewport: Viewport,
  s: ScreenPoint,
  height = 0,
): TablePoint | null {
  const nx = (s.x / viewport.width) * 2 - 1;
  const ny = 1 - (s.y / viewport.height) * 2;
  const a = nx * basis.tanHalfFov * basis.aspect;
  const b = ny * basis.tanHalfFov;
  const dir = {
    x: basis.forward.x + basis.right.x * a + basis.up.x * b,
    y: basis.forward.y + basis.right.y * a + basis.up.y * b,
    z: basis.forward.z + basis.right.z * a + basis.up.z * b,
  };
  // Rays at or above the horizon never reach the table.
  if (dir.y > -1e-4) return null;
  const t = (height - basis.eye.y) / dir.y;
  if (t <= 0) return null;
  return { x: basis.eye.x + dir.x * t, z: basis.eye.z + dir.z * t };
}

/** Table units covered by one CSS pixel at the camera target. */
export function unitsPerPixel(pose: TablePose, fovDeg: number, viewport: Viewport): number {
  return (2 * pose.distance * Math.tan((fovDeg * DEG) / 2)) / Math.max(1, viewport.height);
}

/** The pose moved inside the limits: distance, tilt and target clamped, heading normalised. */
export function clampPose(pose: TablePose, limits: CameraLimits): TablePose {
  const { rect } = limits;
  return {
    x: Math.min(rect.maxX, Math.max(rect.minX, pose.x)),
    z: Math.min(rect.maxZ, Math.max(rect.minZ, pose.z)),
    distance: Math.min(limits.maxDistance, Math.max(limits.minDistance, pose.distance)),
    tilt: Math.min(limits.maxTilt, Math.max(limits.minTilt, pose.tilt)),
    heading: normaliseHeading(pose.heading),
  };
}

/** Orbit: degrees of heading and tilt change (the target stays). */
export function orbit(pose: TablePose, dHeading: number, dTilt: number, limits: CameraLimits): TablePose {
  return clampPose({ ...pose, heading: pose.heading + dHeading, tilt: pose.tilt + dTilt }, limits);
}

/**
 * Pan so the table point under `from` ends up under `to` (the table follows the finger). Falls
 * back to a scaled screen-space move when either point misses the table (near the horizon).
 */
export function panBetween(
  pose: TablePose,
  from: ScreenPoint,
  to: ScreenPoint,
  fovDeg: number,
  viewport: Viewport,
  limits: CameraLimits,
): TablePose {
  const basis = basisOf(pose, fovDeg, viewport);
  const a = groundPointAt(basis, viewport, from);
  const b = groundPointAt(basis, viewport, to);
  let dx: number;
  let dz: number;
  const upp = unitsPerPixel(pose, fovDeg, viewport);
  const maxStep = upp * Math.max(viewport.width, viewport.height) * 2;
  if (a && b && Math.hypot(a.x - b.x, a.z - b.z) < maxStep) {
    dx = a.x - b.x;
    dz = a.z - b.z;
  } else {
    const sx = (from.x - to.x) * upp;
    const sy = (from.y - to.y) * upp;
    const h = pose.heading * DEG;
    // Screen right is (cos h, sin h) on the table, screen up is the heading direction.
    dx = sx * Math.cos(h) - sy * Math.sin(h);
    dz = sx * Math.sin(h) + sy * Math.cos(h);
  }
  return clampPose({ ...pose, x: pose.x + dx, z: pose.z + dz }, limits);
}

/**
 * Zoom by `factor` (new distance = distance × factor, so < 1 zooms in) keeping the table point
 * under `anchor` fixed on screen: the camera scales about that point.
 */
export function zoomAt(
  pose: TablePose,
  factor: number,
  anchor: ScreenPoint | null,
  fovDeg: number,
  viewport: Viewport,
  limits: CameraLimits,
): TablePose {
  const distance = Math.min(limits.maxDistance, Math.max(limits.minDistance, pose.distance * factor));
  const s = distance / pose.distance;
  const a = anchor ? groundPointAt(basisOf(pose, fovDeg, viewport), viewport, anchor) : null;
  if (!a) return clampPose({ ...pose, distance }, limits);
  return clampPose({ ...pose, distance, x: a.x + (pose.x - a.x) * s, z: a.z + (pose.z - a.z) * s }, limits);
}

/**
 * Twist: turn the heading by `degrees` (clockwise on screen when positive) about the table point
 * under `anchor`, so that point stays under the fingers.
 */
export function rotateAt(
  pose: TablePose,
  degrees: number,
  anchor: ScreenPoint | null,
  fovDeg: number,
  viewport: Viewport,
  limits: CameraLimits,
): TablePose {
  // The map turning clockwise means the camera turning anticlockwise.
  const dh = -degrees;
  const a = anchor ? groundPointAt(basisOf(pose, fovDeg, viewport), viewport, anchor) : null;
  if (!a) return clampPose({ ...pose, heading: pose.heading + dh }, limits);
  const r = dh * DEG;
  const ox = pose.x - a.x;
  const oz = pose.z - a.z;
  // Heading is clockwise seen from above (+y), i.e. x→z rotation in table coordinates.
  const x = a.x + ox * Math.cos(r) - oz * Math.sin(r);
  const z = a.z + ox * Math.sin(r) + oz * Math.cos(r);
  return clampPose({ ...pose, heading: pose.heading + dh, x, z }, limits);
}

/** Shortest signed heading difference b − a in degrees. */
export function headingDelta(a: number, b: number): number {
  return normaliseHeading(b - a);
}
