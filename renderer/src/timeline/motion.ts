/**
 * Swipe physics for the track: velocity from recent pointer samples, where a fling comes to rest
 * (inertia with exponential decay, snapped to a card), and a critically damped spring that
 * carries the track there. Pure functions of numbers; the track calls them once per frame.
 */

/** Time constant of the fling's exponential decay (s): total glide = velocity × τ. */
export const FLING_TIME_CONSTANT = 0.325;
/** Below this speed (px/s) a release is a drag, not a fling. */
export const FLICK_SPEED = 250;

type Sample = { t: number; x: number };

/** Estimates velocity from the samples of the last `window` ms (least squares over time). */
export class VelocityTracker {
  private samples: Sample[] = [];
  constructor(private readonly window = 100) {}

  reset(): void {
    this.samples = [];
  }

  add(t: number, x: number): void {
    this.samples.push({ t, x });
    const cutoff = t - this.window * 2;
    while (this.samples.length > 2 && (this.samples[0]?.t ?? t) < cutoff) this.samples.shift();
  }

  /** Velocity in px/s at time `now` (0 when the finger has rested longer than the window). */
  velocity(now: number): number {
    const recent = this.samples.filter((s) => now - s.t <= this.window);
    if (recent.length < 2) return 0;
    const n = recent.length;
    const mt = recent.reduce((a, s) => a + s.t, 0) / n;
    const mx = recent.reduce((a, s) => a + s.x, 0) / n;
    let num = 0;
    let den = 0;
    for (const s of recent) {
      num += (s.t - mt) * (s.x - mx);
      den += (s.t - mt) ** 2;
    }
    return den > 0 ? (num / den) * 1000 : 0;
  }
}

/**
 * The item a release comes to rest on. `offset` and `velocity` are in track px (positive velocity
 * moves towards later items); `startIndex` is where the drag began. A quick flick always moves at
 * least one card; a long fling glides further but never more than `maxJump` cards.
 */
export function flingTarget(
  offset: number,
  velocity: number,
  pitch: number,
  count: number,
  startIndex: number,
  maxJump = 12,
): number {
  if (count <= 0 || pitch <= 0) return 0;
  const projected = offset + velocity * FLING_TIME_CONSTANT;
  let target = Math.round(projected / pitch);
  if (Math.abs(velocity) >= FLICK_SPEED && target === startIndex) target += Math.sign(velocity);
  target = Math.max(startIndex - maxJump, Math.min(startIndex + maxJump, target));
  return Math.max(0, Math.min(count - 1, target));
}

/**
 * One step of a critically damped spring towards `target` (exact solution, stable for any dt).
 * `omega` is the natural frequency (1/s): ~12 settles a card in about half a second.
 */
export function springStep(
  x: number,
  v: number,
  target: number,
  dt: number,
  omega = 12,
): { x: number; v: number } {
  const d = x - target;
  const e = Math.exp(-omega * dt);
  const c = v + omega * d;
  const nx = target + (d + c * dt) * e;
  const nv = (v - omega * c * dt) * e;
  return { x: nx, v: nv };
}

/** True when a spring is close enough to rest to stop animating. */
export function isSettled(x: number, v: number, target: number): boolean {
  return Math.abs(x - target) < 0.5 && Math.abs(v) < 8;
}

/** Movement before a touch counts as a drag rather than a tap (CSS px). */
export const TAP_SLOP = 10;
