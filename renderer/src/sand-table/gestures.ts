/**
 * Pure gesture recogniser: pointer and wheel events in, camera intents out. No DOM, no camera:
 * the scene turns intents into poses with `camera-math.ts`, and tests drive it with plain
 * objects.
 *
 * One finger (or the left mouse button) drags to orbit or pan as the pack chooses; two fingers
 * pinch to zoom toward their midpoint, twist to rotate and move together to pan; a third finger
 * freezes the camera until it lifts; lifting a finger re-bases on the remaining ones so nothing
 * jumps. A touch that stays within the slop distance and is short is a tap.
 */

export type PointerKind = 'touch' | 'mouse' | 'pen';

/** A normalised pointer event (CSS px, ms). `button` is the DOM button of a press (0 left, 2 right). */
export type GesturePointer = {
  type: 'down' | 'move' | 'up' | 'cancel';
  id: number;
  x: number;
  y: number;
  t: number;
  kind: PointerKind;
  button?: number;
  /** A modifier asks the mouse to pan instead of orbit (shift / ctrl). */
  alt?: boolean;
};

/** What the visitor asked the camera to do. */
export type GestureIntent =
  /** A new interaction began: stop flights, tours and inertia. */
  | { kind: 'begin' }
  | { kind: 'orbit'; dx: number; dy: number }
  | { kind: 'pan'; fromX: number; fromY: number; toX: number; toY: number }
  /** New distance = distance × factor, about the screen point x, y. */
  | { kind: 'zoom'; factor: number; x: number; y: number }
  /** Degrees clockwise on screen about x, y. */
  | { kind: 'rotate'; degrees: number; x: number; y: number }
  | { kind: 'tap'; x: number; y: number; pointer: PointerKind }
  | { kind: 'hover'; x: number; y: number }
  /** Fingers lifted while moving: continue with this velocity (px/ms) and decay. */
  | { kind: 'fling'; mode: 'orbit' | 'pan'; vx: number; vy: number; x: number; y: number }
  | { kind: 'end' };

export type GestureOptions = {
  /** What one finger (or the left mouse button) does. */
  oneFinger: 'orbit' | 'pan';
  /** Movement (px) below which a press is still a tap. */
  slop: number;
  /** Longest press (ms) that is still a tap. */
  tapMaxMs: number;
};

export const defaultGestureOptions: GestureOptions = { oneFinger: 'orbit', slop: 10, tapMaxMs: 600 };

type Tracked = { id: number; x: number; y: number; kind: PointerKind; button: number; alt: boolean };
type Sample = { t: number; x: number; y: number };

type Mode =
  | { m: 'idle' }
  | { m: 'pending'; startX: number; startY: number; t0: number; id: number }
  | { m: 'one'; id: number; drag: 'orbit' | 'pan' }
  | { m: 'two'; a: number; b: number; midX: number; midY: number; span: number; angle: number }
  | { m: 'many' };

const VELOCITY_WINDOW_MS = 90;
/** Pinches closer than this (px) give unstable spans and angles: ignore their zoom and twist. */
const MIN_SPAN = 12;

/** A stateful recogniser; `feed` returns the intents an event produces. */
export class GestureRecognizer {
  private readonly pointers = new Map<number, Tracked>();
  private mode: Mode = { m: 'idle' };
  private samples: Sample[] = [];
  private readonly opts: GestureOptions;

  constructor(opts: Partial<GestureOptions> = {}) {
    this.opts = { ...defaultGestureOptions, ...opts };
  }

  /** Number of pointers currently down. */
  get activePointers(): number {
    return this.pointers.size;
  }

  /** Forget every pointer (window blur, tour start, dispose). */
  reset(): GestureIntent[] {
    const wasActive = this.pointers.size > 0;
    this.pointers.clear();
    this.mode = { m: 'idle' };
    this.samples = [];
    return wasActive ? [{ kind: 'end' }] : [];
  }

  /** Mouse wheel: a notch of 100 px zooms by about 16 %. */
  wheel(deltaY: number, x: number, y: number): GestureIntent[] {
    if (!Number.isFinite(deltaY) || deltaY === 0) return [];
    const clamped = Math.max(-400, Math.min(400, deltaY));
    return [{ kind: 'begin' }, { kind: 'zoom', factor: Math.exp(clamped * 0.0015), x, y }];
  }

  feed(e: GesturePointer): GestureIntent[] {
    switch (e.type) {
      case 'down':
        return this.down(e);
      case 'move':
        return this.move(e);
      case 'up':
        return this.lift(e, true);
      case 'cancel':
        return this.lift(e, false);
    }
  }

  private down(e: GesturePointer): GestureIntent[] {
    if (this.pointers.has(e.id)) return [];
    const out: GestureIntent[] = [];
    if (this.pointers.size === 0) out.push({ kind: 'begin' });
    this.pointers.set(e.id, {
      id: e.id,
      x: e.x,
      y: e.y,
      kind: e.kind,
      button: e.button ?? 0,
      alt: e.alt ?? false,
    });
    this.rebase(e.t);
    return out;
  }

  /** Chooses the mode from the pointers now down, without moving the camera. */
  private rebase(t: number): void {
    const list = [...this.pointers.values()];
    this.samples = [];
    if (list.length === 0) {
      this.mode = { m: 'idle' };
    } else if (list.length === 1) {
      const p = list[0] as Tracked;
      if (this.mode.m === 'idle') this.mode = { m: 'pending', startX: p.x, startY: p.y, t0: t, id: p.id };
      else this.mode = { m: 'one', id: p.id, drag: this.dragModeOf(p) };
      this.samples.push({ t, x: p.x, y: p.y });
    } else if (list.length === 2) {
      const [a, b] = list as [Tracked, Tracked];
      this.mode = {
        m: 'two',
        a: a.id,
        b: b.id,
        midX: (a.x + b.x) / 2,
        midY: (a.y + b.y) / 2,
        span: Math.hypot(b.x - a.x, b.y - a.y),
        angle: Math.atan2(b.y - a.y, b.x - a.x),
      };
      this.samples.push({ t, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    } else {
      this.mode = { m: 'many' };
    }
  }

  private dragModeOf(p: Tracked): 'orbit' | 'pan' {
    const other = this.opts.oneFinger === 'orbit' ? 'pan' : 'orbit';
    if (p.kind === 'mouse' && (p.button === 2 || p.button === 1 || p.alt)) return other;
    return this.opts.oneFinger;
  }

  private move(e: GesturePointer): GestureIntent[] {
    const p = this.pointers.get(e.id);
    if (!p) {
      // A mouse moving with no button down hovers.
      return e.kind === 'mouse' && this.pointers.size === 0 ? [{ kind: 'hover', x: e.x, y: e.y }] : [];
    }
    const prevX = p.x;
    const prevY = p.y;
    p.x = e.x;
    p.y = e.y;
    const mode = this.mode;
    switch (mode.m) {
      case 'idle':
      case 'many':
        return [];
      case 'pending': {
        if (Math.hypot(e.x - mode.startX, e.y - mode.startY) < this.opts.slop) return [];
        const drag = this.dragModeOf(p);
        this.mode = { m: 'one', id: p.id, drag };
        this.samples = [{ t: e.t, x: e.x, y: e.y }];
        // The whole movement since the press, so the table catches up with the finger.
        return [this.dragIntent(drag, mode.startX, mode.startY, e.x, e.y)];
      }
      case 'one':
        this.sample(e.t, e.x, e.y);
        return [this.dragIntent(mode.drag, prevX, prevY, e.x, e.y)];
      case 'two': {
        const a = this.pointers.get(mode.a);
        const b = this.pointers.get(mode.b);
        if (!a || !b) return [];
        const midX = (a.x + b.x) / 2;
        const midY = (a.y + b.y) / 2;
        const span = Math.hypot(b.x - a.x, b.y - a.y);
        const angle = Math.atan2(b.y - a.y, b.x - a.x);
        const out: GestureIntent[] = [];
        if (midX !== mode.midX || midY !== mode.midY) {
          out.push({ kind: 'pan', fromX: mode.midX, fromY: mode.midY, toX: midX, toY: midY });
        }
        if (span >= MIN_SPAN && mode.span >= MIN_SPAN) {
          if (span !== mode.span) out.push({ kind: 'zoom', factor: mode.span / span, x: midX, y: midY });
          let d = angle - mode.angle;
          if (d > Math.PI) d -= 2 * Math.PI;
          if (d < -Math.PI) d += 2 * Math.PI;
          if (d !== 0) out.push({ kind: 'rotate', degrees: (d * 180) / Math.PI, x: midX, y: midY });
        }
        this.mode = { ...mode, midX, midY, span, angle };
        this.sample(e.t, midX, midY);
        return out;
      }
    }
  }

  private dragIntent(drag: 'orbit' | 'pan', fx: number, fy: number, tx: number, ty: number): GestureIntent {
    return drag === 'orbit'
      ? { kind: 'orbit', dx: tx - fx, dy: ty - fy }
      : { kind: 'pan', fromX: fx, fromY: fy, toX: tx, toY: ty };
  }

  private sample(t: number, x: number, y: number): void {
    this.samples.push({ t, x, y });
    while (this.samples.length > 2 && t - (this.samples[0] as Sample).t > VELOCITY_WINDOW_MS)
      this.samples.shift();
  }

  private velocity(now: number): { vx: number; vy: number } {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last === first) return { vx: 0, vy: 0 };
    // A finger that rested before lifting should not fling.
    if (now - last.t > 60) return { vx: 0, vy: 0 };
    const dt = Math.max(8, last.t - first.t);
    return { vx: (last.x - first.x) / dt, vy: (last.y - first.y) / dt };
  }

  private lift(e: GesturePointer, normal: boolean): GestureIntent[] {
    const p = this.pointers.get(e.id);
    if (!p) return [];
    const mode = this.mode;
    const out: GestureIntent[] = [];
    if (this.pointers.size === 1) {
      if (
        normal &&
        mode.m === 'pending' &&
        p.button === 0 &&
        e.t - mode.t0 <= this.opts.tapMaxMs &&
        Math.hypot(e.x - mode.startX, e.y - mode.startY) < this.opts.slop
      ) {
        out.push({ kind: 'tap', x: mode.startX, y: mode.startY, pointer: p.kind });
      } else if (normal && (mode.m === 'one' || mode.m === 'two')) {
        const { vx, vy } = this.velocity(e.t);
        const drag = mode.m === 'one' ? mode.drag : 'pan';
        if (Math.hypot(vx, vy) > 0.05) out.push({ kind: 'fling', mode: drag, vx, vy, x: p.x, y: p.y });
      }
      this.pointers.delete(e.id);
      this.mode = { m: 'idle' };
      this.samples = [];
      out.push({ kind: 'end' });
      return out;
    }
    this.pointers.delete(e.id);
    // Two → one or many → fewer: continue from where the remaining fingers are, no tap, no jump.
    this.rebaseAfterLift(e.t);
    return out;
  }

  private rebaseAfterLift(t: number): void {
    if (this.pointers.size === 1) {
      // Force 'one' (not 'pending'): a lifted pinch must never become a tap.
      const p = [...this.pointers.values()][0] as Tracked;
      this.mode = { m: 'one', id: p.id, drag: this.dragModeOf(p) };
      this.samples = [{ t, x: p.x, y: p.y }];
      return;
    }
    this.rebase(t);
  }
}

/** Inertia after a fling: exponential decay of a velocity in px/ms. */
export type Inertia = { mode: 'orbit' | 'pan'; vx: number; vy: number; x: number; y: number };

/** Time constant of the decay (ms): a fling coasts for roughly a second. */
export const INERTIA_TAU_MS = 325;

/**
 * Advances inertia by `dtMs`: returns the displacement to apply (px) and the decayed state, or
 * `null` state when it has come to rest.
 */
export function stepInertia(
  s: Inertia,
  dtMs: number,
  tauMs = INERTIA_TAU_MS,
): { dx: number; dy: number; next: Inertia | null } {
  // Any step: the integral is exact, so a slow machine's long frames glide as far as short ones.
  const dt = Math.max(0, dtMs);
  const decay = Math.exp(-dt / tauMs);
  // Exact integral of v·e^(−t/τ) over the step.
  const k = tauMs * (1 - decay);
  const dx = s.vx * k;
  const dy = s.vy * k;
  const vx = s.vx * decay;
  const vy = s.vy * decay;
  const next = Math.hypot(vx, vy) < 0.01 ? null : { ...s, vx, vy, x: s.x + dx, y: s.y + dy };
  return { dx, dy, next };
}
