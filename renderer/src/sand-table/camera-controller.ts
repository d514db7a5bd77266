/**
 * The table's camera: where it is (pose), where "home" is (fitted to the content for the screen's
 * aspect and the panels over it), flights, inertia and the visitor's gestures. Pure: no three.js,
 * no DOM, so Vitest drives it directly; the scene copies `pose` into a three.js camera.
 */
import type { CameraPose, SandTableSpec } from '../../../electron/shared/pack-schema';
import type { CameraLimits } from './camera-math';
import {
  basisOf,
  clampPose,
  groundPointAt,
  orbit,
  panBetween,
  projectMany,
  rotateAt,
  zoomAt,
} from './camera-math';
import type { Flight } from './flight';
import { planFlight, poseAt, posesClose } from './flight';
import type { GestureIntent, Inertia } from './gestures';
import { stepInertia } from './gestures';
import { minSeparation, separatingDistance } from './clustering';
import { rectCentre } from './projection';
import type { ScreenRect, TablePoint, TablePose, TableRect, Viewport } from './types';

export type { ScreenRect } from './types';

/** Vertical field of view of the table camera (degrees). */
export const FOV = 35;

/** CSS px of the screen covered by panels, per edge. */
export type ViewInsets = { top: number; right: number; bottom: number; left: number };

export const NO_INSETS: ViewInsets = { top: 0, right: 0, bottom: 0, left: 0 };

/** The part of the viewport no panel covers (never smaller than a quarter of each side). */
export function safeRect(viewport: Viewport, insets: ViewInsets): ScreenRect {
  const w = viewport.width;
  const h = viewport.height;
  const left = Math.min(Math.max(0, insets.left), w * 0.75);
  const right = Math.max(left + w * 0.25, w - Math.max(0, insets.right));
  const top = Math.min(Math.max(0, insets.top), h * 0.75);
  const bottom = Math.max(top + h * 0.25, h - Math.max(0, insets.bottom));
  return { left, top, right: Math.min(w, right), bottom: Math.min(h, bottom) };
}

/** How much room to keep between the content and the panels: labels stand above markers. */
export type FitMargins = { top: number; right: number; bottom: number; left: number };

/** Margins for a fit in a safe rect: room for a label above the top marker and a finger around. */
export function fitMargins(safe: ScreenRect, labelPx: number): FitMargins {
  const side = Math.max(24, Math.min(safe.right - safe.left, safe.bottom - safe.top) * 0.05);
  return { top: side + labelPx * 2.2, right: side + labelPx * 2, bottom: side, left: side + labelPx * 2 };
}

/**
 * The pose that shows every point (x, y, z triples, table units) inside `safe` less `margins`,
 * keeping `tilt` and `heading`: the camera target moves and the distance scales until the
 * projected bounding box fills the room. A perspective fit has no closed form; a few rounds of
 * "scale the distance by the size ratio, slide the target by the centre offset" converge.
 * The result is not clamped to the limits (the caller decides whether to widen them).
 */
export function fitPose(
  xyz: Float32Array,
  tilt: number,
  heading: number,
  viewport: Viewport,
  safe: ScreenRect,
  margins: FitMargins,
  fovDeg = FOV,
): TablePose | null {
  const n = Math.floor(xyz.length / 3);
  if (n === 0) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  let minZ = Infinity;
  let maxZ = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xyz[i * 3] ?? 0;
    const z = xyz[i * 3 + 2] ?? 0;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minZ = Math.min(minZ, z);
    maxZ = Math.max(maxZ, z);
  }
  const extent = Math.max(maxX - minX, maxZ - minZ, 1e-3);
  const room = {
    left: safe.left + margins.left,
    right: Math.max(safe.left + margins.left + 8, safe.right - margins.right),
    top: safe.top + margins.top,
    bottom: Math.max(safe.top + margins.top + 8, safe.bottom - margins.bottom),
  };
  const roomW = room.right - room.left;
  const roomH = room.bottom - room.top;
  const roomCx = (room.left + room.right) / 2;
  const roomCy = (room.top + room.bottom) / 2;
  let pose: TablePose = { x: (minX + maxX) / 2, z: (minZ + maxZ) / 2, distance: extent * 2, tilt, heading };
  const out = new Float32Array(n * 3);
  for (let round = 0; round < 24; round++) {
    const basis = basisOf(pose, fovDeg, viewport);
    projectMany(basis, viewport, xyz, out);
    let sMinX = Infinity;
    let sMaxX = -Infinity;
    let sMinY = Infinity;
    let sMaxY = -Infinity;
    let behind = false;
    for (let i = 0; i < n; i++) {
      if (!((out[i * 3 + 2] ?? -1) > 0)) {
        behind = true;
        break;
      }
      const x = out[i * 3] ?? 0;
      const y = out[i * 3 + 1] ?? 0;
      sMinX = Math.min(sMinX, x);
      sMaxX = Math.max(sMaxX, x);
      sMinY = Math.min(sMinY, y);
      sMaxY = Math.max(sMaxY, y);
    }
    if (behind) {
      pose = { ...pose, distance: pose.distance * 1.6 };
      continue;
    }
    const ratio = Math.max((sMaxX - sMinX) / roomW, (sMaxY - sMinY) / roomH, 1e-3);
    const cx = (sMinX + sMaxX) / 2;
    const cy = (sMinY + sMaxY) / 2;
    const a = groundPointAt(basis, viewport, { x: cx, y: cy });
    const b = groundPointAt(basis, viewport, { x: roomCx, y: roomCy });
    const shifted = a && b ? { x: pose.x + (a.x - b.x), z: pose.z + (a.z - b.z) } : pose;
    const inside =
      sMinX >= room.left - 0.5 &&
      sMaxX <= room.right + 0.5 &&
      sMinY >= room.top - 0.5 &&
      sMaxY <= room.bottom + 0.5;
    const centred = Math.abs(cx - roomCx) < 1 && Math.abs(cy - roomCy) < 1;
    if (inside && centred && ratio > 0.97) break;
    // A single point (or a clump) has no size: frame it at a sensible distance instead.
    const distance = sMaxX - sMinX < 1 && sMaxY - sMinY < 1 ? pose.distance : pose.distance * ratio;
    pose = { ...pose, x: shifted.x, z: shifted.z, distance };
  }
  return pose;
}

/**
 * The pose that puts a table point at the centre of `safe` at `distance` (the point sits in the
 * part of the screen no card covers).
 */
export function poseCentring(
  point: TablePoint,
  base: Pick<TablePose, 'distance' | 'tilt' | 'heading'>,
  viewport: Viewport,
  safe: ScreenRect,
  fovDeg = FOV,
): TablePose {
  let pose: TablePose = { x: point.x, z: point.z, ...base };
  const target = { x: (safe.left + safe.right) / 2, y: (safe.top + safe.bottom) / 2 };
  for (let round = 0; round < 3; round++) {
    const basis = basisOf(pose, fovDeg, viewport);
    const g = groundPointAt(basis, viewport, target);
    if (!g) break;
    pose = { ...pose, x: pose.x + (point.x - g.x), z: pose.z + (point.z - g.z) };
  }
  return pose;
}

export type CameraControllerOptions = {
  limits: CameraLimits;
  /** Tilt and heading of the home view (the pack's initial preset), or a whole pose to use as is. */
  homeView: { tilt: number; heading: number };
  /** Used when there is nothing to fit. */
  fallbackHome: TablePose;
  reducedMotion?: boolean;
};

/**
 * The controller's options from the pack's camera section: limits in order whichever way round
 * the pack wrote them, home looking the way the initial preset (else the first) looks, and that
 * preset's pose (else the whole table from above at 55°) when there is nothing to fit.
 */
export function cameraOptionsOf(
  camera: SandTableSpec['camera'],
  rect: TableRect,
  toTablePose: (p: CameraPose) => TablePose,
  reducedMotion: boolean,
): CameraControllerOptions {
  const l = camera.limits;
  const limits = {
    minDistance: Math.min(l.minDistance, l.maxDistance),
    maxDistance: Math.max(l.minDistance, l.maxDistance),
    minTilt: Math.min(l.minTilt, l.maxTilt),
    maxTilt: Math.max(l.minTilt, l.maxTilt),
    rect,
  };
  const preset = camera.presets.find((p) => p.id === camera.initial) ?? camera.presets[0];
  const c = rectCentre(rect);
  const fallbackHome = preset
    ? toTablePose(preset)
    : { x: c.x, z: c.z, distance: Math.max(c.width, c.depth) * 1.4, tilt: 55, heading: 0 };
  return {
    limits,
    homeView: { tilt: fallbackHome.tilt, heading: fallbackHome.heading },
    fallbackHome,
    reducedMotion,
  };
}

/**
 * Owns the pose. `home` is fitted to the content points for the current viewport and panels; while
 * the camera rests at home, a resize or a panel change re-fits it at once.
 */
export class CameraController {
  pose: TablePose;
  private limitsNow: CameraLimits;
  private readonly packLimits: CameraLimits;
  private homePose: TablePose;
  private content: Float32Array = new Float32Array(0);
  private viewportNow: Viewport = { width: 1, height: 1 };
  private insetsNow: ViewInsets = NO_INSETS;
  private labelPx = 14;
  private flight: { flight: Flight; elapsed: number; home: boolean; place: TablePoint | null } | null = null;
  /** The place the camera frames (flying there or resting on it): a panel change re-frames it. */
  private framed: TablePoint | null = null;
  private inertia: Inertia | null = null;
  /** The camera is at home (or flying there) and follows a re-fit. */
  private atHome = true;
  reducedMotion: boolean;

  constructor(private readonly options: CameraControllerOptions) {
    this.packLimits = options.limits;
    this.limitsNow = options.limits;
    this.homePose = clampPose(options.fallbackHome, options.limits);
    this.pose = this.homePose;
    this.reducedMotion = options.reducedMotion ?? false;
  }

  get limits(): CameraLimits {
    return this.limitsNow;
  }

  get home(): TablePose {
    return this.homePose;
  }

  get viewport(): Viewport {
    return this.viewportNow;
  }

  get insets(): ViewInsets {
    return this.insetsNow;
  }

  /** The part of the screen no panel covers. */
  get safe(): ScreenRect {
    return safeRect(this.viewportNow, this.insetsNow);
  }

  get isAtHome(): boolean {
    return this.atHome && this.flight === null;
  }

  get moving(): boolean {
    return this.flight !== null || this.inertia !== null;
  }

  /** What home must show: marker heads of the places (x, y, z triples). */
  setContent(xyz: Float32Array): void {
    this.content = xyz;
    this.refit();
  }

  setViewport(viewport: Viewport): void {
    this.viewportNow = viewport;
    this.refit();
  }

  setInsets(insets: ViewInsets): void {
    const i = this.insetsNow;
    if (
      i.top === insets.top &&
      i.right === insets.right &&
      i.bottom === insets.bottom &&
      i.left === insets.left
    )
      return;
    this.insetsNow = { ...insets };
    this.refit();
  }

  setLabelSize(px: number): void {
    this.labelPx = px;
    this.refit();
  }

  /** Recomputes home; follows it when the camera rests there. */
  private refit(): void {
    const v = this.options.homeView;
    const fit =
      this.viewportNow.width > 1
        ? fitPose(
            this.content,
            v.tilt,
            v.heading,
            this.viewportNow,
            this.safe,
            fitMargins(this.safe, this.labelPx),
          )
        : null;
    if (fit) {
      // A tall screen may need to stand further back than the pack's limit allows: home always
      // shows everything, so the far limit widens to it.
      this.limitsNow = {
        ...this.packLimits,
        maxDistance: Math.max(this.packLimits.maxDistance, fit.distance * 1.15),
        rect: {
          minX: Math.min(this.packLimits.rect.minX, fit.x),
          maxX: Math.max(this.packLimits.rect.maxX, fit.x),
          minZ: Math.min(this.packLimits.rect.minZ, fit.z),
          maxZ: Math.max(this.packLimits.rect.maxZ, fit.z),
        },
      };
      this.homePose = clampPose(fit, this.limitsNow);
    } else {
      this.limitsNow = this.packLimits;
      this.homePose = clampPose(this.options.fallbackHome, this.limitsNow);
    }
    if (this.atHome) {
      if (this.flight?.home)
        this.flight = { ...this.flight, flight: { ...this.flight.flight, to: this.homePose } };
      else if (!this.flight) this.pose = this.homePose;
    } else if (this.framed) {
      // A card opened, closed or changed size: keep the place in the free part of the screen.
      const f = this.flight;
      const to = this.centre(this.framed, f ? f.flight.to : this.pose);
      if (f) this.flight = { ...f, flight: { ...f.flight, to } };
      else if (!this.withinPixels(to, this.pose, 4)) this.flyTo(to, false, this.framed);
    }
  }

  /**
   * Two poses that differ by a pan of under `px` screen pixels (same zoom and angles): a panel
   * that grew or shrank by a pixel or two is no reason to fly.
   */
  private withinPixels(a: TablePose, b: TablePose, px: number): boolean {
    if (!posesClose({ ...a, x: b.x, z: b.z }, b)) return false;
    const unitsPerPixel =
      (2 * b.distance * Math.tan((FOV * Math.PI) / 360)) / Math.max(1, this.viewportNow.height);
    return Math.hypot(a.x - b.x, a.z - b.z) < px * unitsPerPixel;
  }

  private centre(point: TablePoint, at: TablePose): TablePose {
    const pose = poseCentring(
      point,
      { distance: at.distance, tilt: at.tilt, heading: at.heading },
      this.viewportNow,
      this.safe,
    );
    return clampPose(pose, this.widened(pose));
  }

  /**
   * Flies to `to` (clamped); `home` marks a flight that ends at home, `place` one that frames a
   * place (re-aimed if the panels change on the way).
   */
  flyTo(to: TablePose, home = false, place: TablePoint | null = null): void {
    this.inertia = null;
    this.atHome = home;
    this.framed = place;
    this.flight = {
      flight: planFlight(this.pose, clampPose(to, this.widened(to)), { reducedMotion: this.reducedMotion }),
      elapsed: 0,
      home,
      place,
    };
  }

  /** Flies to frame a place beside the card. */
  flyToPlace(point: TablePoint): void {
    this.flyTo(this.placePose(point), false, point);
  }

  flyHome(): void {
    this.flyTo(this.homePose, true);
  }

  /** Puts the camera somewhere at once (tests, tours, the benchmark). */
  jumpTo(pose: TablePose): void {
    this.flight = null;
    this.inertia = null;
    this.atHome = false;
    this.framed = null;
    this.pose = clampPose(pose, this.limitsNow);
  }

  /**
   * Ends a running flight where it would land (home, or the place re-aimed for the panels): tests
   * that look at where a flight ends, not at the way there. Returns whether there was one.
   */
  finishFlight(): boolean {
    const f = this.flight;
    if (!f) return false;
    this.step(Math.max(0, f.flight.durationMs - f.elapsed));
    return true;
  }

  /** Stops a flight or a fling where it is (a touch, a tour). */
  halt(): void {
    if (this.flight || this.inertia) this.atHome = false;
    this.framed = null;
    this.flight = null;
    this.inertia = null;
  }

  clamp(pose: TablePose): TablePose {
    return clampPose(pose, this.limitsNow);
  }

  /**
   * Where the camera goes to show a place: closer than now, the place centred in the part of the
   * screen the card and panels leave free.
   */
  placePose(point: TablePoint): TablePose {
    const cur = this.pose;
    const view = Math.max(this.limitsNow.minDistance * 1.6, this.homePose.distance * 0.4);
    const distance = Math.min(Math.max(this.limitsNow.minDistance, cur.distance), view);
    const tilt = Math.min(this.limitsNow.maxTilt, Math.max(cur.tilt, 50));
    const pose = poseCentring(point, { distance, tilt, heading: cur.heading }, this.viewportNow, this.safe);
    return clampPose(pose, this.widened(pose));
  }

  /**
   * The pose that shows all of `xyz` in the free part of the screen but no further than `maxDistance`
   * (a cluster's members: close enough that they separate).
   */
  fitPoints(xyz: Float32Array, maxDistance: number): TablePose {
    const cur = this.pose;
    const fit = fitPose(
      xyz,
      cur.tilt,
      cur.heading,
      this.viewportNow,
      this.safe,
      fitMargins(this.safe, this.labelPx),
    );
    if (!fit) return cur;
    if (fit.distance <= maxDistance) return clampPose(fit, this.widened(fit));
    // Too spread to separate on one screen: centre on them at the separating distance.
    const n = Math.floor(xyz.length / 3);
    let sx = 0;
    let sz = 0;
    for (let i = 0; i < n; i++) {
      sx += xyz[i * 3] ?? 0;
      sz += xyz[i * 3 + 2] ?? 0;
    }
    const pose = poseCentring(
      { x: sx / n, z: sz / n },
      { distance: maxDistance, tilt: cur.tilt, heading: cur.heading },
      this.viewportNow,
      this.safe,
    );
    return clampPose(pose, this.widened(pose));
  }

  /**
   * Where a tap on a cluster goes: close enough that its members (x, y, z triples) no longer share
   * a cluster (or to `noClusterDistance`, where clustering stops), all of them in the free part of
   * the screen when they fit there.
   */
  fitCluster(xyz: Float32Array, noClusterDistance: number): TablePose {
    const separate = Math.max(noClusterDistance, separatingDistance(minSeparation(xyz)));
    return this.fitPoints(xyz, Math.min(this.pose.distance * 0.9, separate));
  }

  /** Limits whose target rect admits `pose`'s target (framing beside a card may step off the map). */
  private widened(pose: TablePose): CameraLimits {
    const r = this.limitsNow.rect;
    const w = (r.maxX - r.minX) * 0.25;
    const d = (r.maxZ - r.minZ) * 0.25;
    return {
      ...this.limitsNow,
      rect: {
        minX: Math.max(r.minX - w, Math.min(r.minX, pose.x)),
        maxX: Math.min(r.maxX + w, Math.max(r.maxX, pose.x)),
        minZ: Math.max(r.minZ - d, Math.min(r.minZ, pose.z)),
        maxZ: Math.min(r.maxZ + d, Math.max(r.maxZ, pose.z)),
      },
    };
  }

  /** Applies one gesture intent; returns true when the pose changed. */
  gesture(it: GestureIntent): boolean {
    const vp = this.viewportNow;
    const lim = this.limitsNow;
    switch (it.kind) {
      case 'begin':
        this.halt();
        this.atHome = false;
        this.framed = null;
        return false;
      case 'orbit':
        this.pose = orbit(this.pose, (it.dx * 180) / vp.width, (it.dy * 90) / vp.height, lim);
        break;
      case 'pan':
        this.pose = panBetween(
          this.pose,
          { x: it.fromX, y: it.fromY },
          { x: it.toX, y: it.toY },
          FOV,
          vp,
          lim,
        );
        break;
      case 'zoom':
        this.pose = zoomAt(this.pose, it.factor, { x: it.x, y: it.y }, FOV, vp, lim);
        break;
      case 'rotate':
        this.pose = rotateAt(this.pose, it.degrees, { x: it.x, y: it.y }, FOV, vp, lim);
        break;
      case 'fling':
        if (!this.reducedMotion) this.inertia = { mode: it.mode, vx: it.vx, vy: it.vy, x: it.x, y: it.y };
        return false;
      case 'tap':
      case 'hover':
      case 'end':
        return false;
    }
    this.atHome = false;
    this.framed = null;
    return true;
  }

  /** Advances a flight and a fling by `dt` ms; returns true while either runs. */
  step(dt: number): boolean {
    let moving = false;
    if (this.flight) {
      this.flight.elapsed += dt;
      const to = this.flight.flight.to;
      this.pose = clampPose(poseAt(this.flight.flight, this.flight.elapsed), this.widened(to));
      if (this.flight.elapsed >= this.flight.flight.durationMs) {
        if (this.flight.home) this.pose = this.homePose;
        this.flight = null;
      } else moving = true;
    }
    if (this.inertia) {
      const s = this.inertia;
      const step = stepInertia(s, dt);
      const vp = this.viewportNow;
      this.pose =
        s.mode === 'orbit'
          ? orbit(this.pose, (step.dx * 180) / vp.width, (step.dy * 90) / vp.height, this.limitsNow)
          : panBetween(
              this.pose,
              { x: s.x, y: s.y },
              { x: s.x + step.dx, y: s.y + step.dy },
              FOV,
              vp,
              this.limitsNow,
            );
      this.inertia = step.next;
      if (this.inertia) moving = true;
    }
    return moving;
  }
}
