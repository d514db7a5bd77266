/**
 * Eased camera flights as pure interpolation between poses. A long flight rises in the middle
 * (the view pulls back, travels, then descends) so the visitor keeps their bearings.
 */
import { headingDelta, normaliseHeading } from './camera-math';
import type { TablePose } from './types';

/** A flight from one pose to another over `durationMs`. */
export type Flight = { from: TablePose; to: TablePose; durationMs: number; rise: number };

/** Smooth start and stop. */
export function easeInOutCubic(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return c < 0.5 ? 4 * c * c * c : 1 - Math.pow(-2 * c + 2, 3) / 2;
}

/** Gentle stop only (used for orbits that continue a motion). */
export function easeOutCubic(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return 1 - Math.pow(1 - c, 3);
}

/**
 * Plans a flight: the duration grows with the distance travelled relative to the view size, and
 * `rise` (extra distance factor at mid-flight) lets a long hop zoom out in between.
 * `reducedMotion` makes it a cut: the camera is at `to` on the next frame, with no travel.
 */
export function planFlight(from: TablePose, to: TablePose, opts: { reducedMotion?: boolean } = {}): Flight {
  const travel = Math.hypot(to.x - from.x, to.z - from.z);
  const view = Math.max(1e-6, Math.min(from.distance, to.distance));
  const hops = travel / view;
  const turn = Math.abs(headingDelta(from.heading, to.heading)) / 180;
  const zoom = Math.abs(Math.log(to.distance / from.distance));
  if (opts.reducedMotion) return { from, to, durationMs: 0, rise: 0 };
  const durationMs = Math.round(
    Math.min(2600, Math.max(700, 700 + 450 * Math.log2(1 + hops) + 500 * turn + 250 * zoom)),
  );
  const rise = hops > 1.5 ? Math.min(1.2, 0.25 * Math.log2(hops)) : 0;
  return { from, to, durationMs, rise };
}

/** The pose `elapsedMs` into a flight (eased; heading the short way round; distance in log space). */
export function poseAt(f: Flight, elapsedMs: number): TablePose {
  if (f.durationMs <= 0 || elapsedMs >= f.durationMs) return f.to;
  const t = Math.max(0, elapsedMs / f.durationMs);
  const e = easeInOutCubic(t);
  const logD = Math.log(f.from.distance) + (Math.log(f.to.distance) - Math.log(f.from.distance)) * e;
  const hump = 1 + f.rise * Math.sin(Math.PI * t);
  return {
    x: f.from.x + (f.to.x - f.from.x) * e,
    z: f.from.z + (f.to.z - f.from.z) * e,
    distance: Math.exp(logD) * hump,
    tilt: f.from.tilt + (f.to.tilt - f.from.tilt) * e,
    heading: normaliseHeading(f.from.heading + headingDelta(f.from.heading, f.to.heading) * e),
  };
}

/** True when two poses are indistinguishable on screen. */
export function posesClose(a: TablePose, b: TablePose): boolean {
  const d = Math.max(a.distance, b.distance);
  return (
    Math.hypot(a.x - b.x, a.z - b.z) < d * 1e-4 &&
    Math.abs(a.distance - b.distance) < d * 1e-4 &&
    Math.abs(a.tilt - b.tilt) < 0.01 &&
    Math.abs(headingDelta(a.heading, b.heading)) < 0.01
  );
}
