/**
 * The table's render-on-demand loop: schedules animation frames (coalesced) and, for a tour that
 * holds still, timer ticks; each tick advances the clocks through the host, asks `planFrame`
 * whether to draw and what comes next, and draws. What to do is decided by the pure
 * `frame-plan`; this module owns the timers and the "view changed" flag.
 */
import { frameStep, HOLD_TICK_MS, isFrameGap, planFrame, START_GAP_MS } from './frame-plan';

/** What moved in one tick (the host steps the camera, the tour and the flow clock). */
export type FrameAdvance = {
  cameraMoved: boolean;
  cameraAnimating: boolean;
  tourActive: boolean;
  flowing: boolean;
};

export type FrameLoopHost = {
  /** Steps everything that moves by `dt` ms. */
  advance(dt: number): FrameAdvance;
  /** Draws one frame (the loop has already set `viewDirty` if the view changed). */
  draw(): void;
  /** The frame just drawn is the last of a burst: nothing is scheduled after it. */
  drewLast?(): void;
  /** False once disposed or while the WebGL context is lost: nothing is scheduled or drawn. */
  live(): boolean;
  /** Benchmark baseline: draw every tick while anything runs. */
  alwaysRender: boolean;
};

/** The browser's timers; tests pass fakes. */
export type FrameClock = {
  requestFrame(cb: (now: number) => void): number;
  cancelFrame(id: number): void;
  setTimer(cb: () => void, ms: number): number;
  clearTimer(id: number): void;
  now(): number;
};

export const browserClock = (): FrameClock => ({
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
  setTimer: (cb, ms) => window.setTimeout(cb, ms),
  clearTimer: (id) => window.clearTimeout(id),
  now: () => performance.now(),
});

export class FrameLoop {
  /**
   * Something other than the flow clock changed since the last frame. Flowing arcs alone keep
   * frames coming (~30/s) with a still camera; those skip clustering, projection and labels.
   */
  viewDirty = true;
  private rafId = 0;
  /** The timer ticking a tour that holds still (see frame-plan). */
  private tickTimer = 0;
  private ticking = false;
  private lastFrameAt = 0;
  private lastDrawnAt = 0;
  /** The last two gaps between frames of a burst, the newest first (see frameStep). */
  private gapNewest = START_GAP_MS;
  private gapBefore = START_GAP_MS;
  /**
   * The time since the last frame is a gap between two frames of a burst: not a wait for the
   * page's paint (yieldFrame) or a restart after stop(). Only such gaps set the pace.
   */
  private paced = false;
  /** yieldFrame: the page's frame it waits out, then the task after that frame's paint. */
  private yieldRaf = 0;
  private yieldTimer = 0;
  /** yieldFrame: waiting for its `until`; a new yield or stop() bumps the generation. */
  private yieldWaiting = false;
  private yieldGeneration = 0;

  constructor(
    private readonly host: FrameLoopHost,
    private readonly clock: FrameClock = browserClock(),
  ) {}

  /** An animation frame is scheduled (or waits for the page's frame to be painted). */
  get pending(): boolean {
    return this.rafId !== 0 || this.yielding;
  }

  private get yielding(): boolean {
    return this.yieldRaf !== 0 || this.yieldTimer !== 0 || this.yieldWaiting;
  }

  /** Marks the view changed and schedules one frame (coalesced). */
  request(): void {
    this.viewDirty = true;
    this.schedule();
  }

  /**
   * The page paints something of its own in the next frame (a place card opening): draw nothing in
   * that frame and resume after its paint — after the task that follows it and, when given,
   * `until` (the page's own word that its frame is on screen). Under software GL a full redraw of
   * the table costs the GPU hundreds of ms and the page's frame would wait for it, or share it;
   * so what the table has to show (a highlight, the first step of a flight) comes just after.
   */
  yieldFrame(until: Promise<unknown> | null = null): void {
    if (this.yielding || !this.host.live()) return;
    if (this.rafId !== 0) this.clock.cancelFrame(this.rafId);
    this.rafId = 0;
    this.paced = false; // the wait for the page's paint is no frame gap
    const generation = ++this.yieldGeneration;
    this.yieldRaf = this.clock.requestFrame(() => {
      this.yieldRaf = 0;
      // A task posted from an animation frame runs after that frame was committed.
      this.yieldTimer = this.clock.setTimer(() => {
        this.yieldTimer = 0;
        if (!until) {
          this.schedule();
          return;
        }
        this.yieldWaiting = true;
        const resume = () => {
          if (generation !== this.yieldGeneration) return;
          this.yieldWaiting = false;
          this.schedule();
        };
        until.then(resume, resume);
      }, 0);
    });
  }

  /** Schedules one frame without marking the view changed (the flow clock's own frames). */
  schedule(): void {
    if (this.rafId !== 0 || this.yielding || !this.host.live()) return;
    this.cancelTick();
    this.rafId = this.clock.requestFrame(this.frame);
  }

  /**
   * Runs the scheduled frame now instead of at the next animation frame; its picture goes to the
   * screen with the page's next frame, like one drawn in it. For the first frame: the base map
   * arrives while the compositor is still busy with the page's own frame (~0.1–0.2 s under
   * SwiftShader), and the animation frame waited for that before the table even began to draw;
   * drawn now, its work (texture upload, the programs' last link) overlaps the wait (issue 15).
   * Nothing happens without a scheduled frame, while the loop yields, or when not live.
   */
  flush(): void {
    if (this.rafId === 0 || this.yielding || !this.host.live()) return;
    this.clock.cancelFrame(this.rafId);
    this.rafId = 0;
    this.frame(this.clock.now());
  }

  /** Cancels the scheduled frame and tick (context lost, dispose). */
  stop(): void {
    if (this.rafId !== 0) this.clock.cancelFrame(this.rafId);
    this.rafId = 0;
    if (this.yieldRaf !== 0) this.clock.cancelFrame(this.yieldRaf);
    this.yieldRaf = 0;
    if (this.yieldTimer !== 0) this.clock.clearTimer(this.yieldTimer);
    this.yieldTimer = 0;
    this.yieldWaiting = false;
    this.yieldGeneration++;
    this.cancelTick();
    // What comes after (a restored context, its programs compiled anew) starts afresh.
    this.lastFrameAt = 0;
    this.ticking = false;
    this.paced = false;
    this.gapNewest = START_GAP_MS;
    this.gapBefore = START_GAP_MS;
  }

  private readonly frame = (now: number): void => {
    this.rafId = 0;
    this.cancelTick();
    if (!this.host.live()) return;
    // A timer tick (a tour holding still) may come late on a busy machine: keep its whole time.
    // An animation frame's step is capped by the pace frames have been coming at (frameStep).
    const since = now - this.lastFrameAt;
    let dt = 16;
    if (this.lastFrameAt !== 0 && this.ticking) dt = Math.min(1000, since);
    else if (this.lastFrameAt !== 0) {
      dt = frameStep(since, this.gapNewest, this.gapBefore);
      if (this.paced && isFrameGap(since)) {
        this.gapBefore = this.gapNewest;
        this.gapNewest = since;
      }
    }
    this.paced = true;
    this.ticking = false;
    this.lastFrameAt = now;
    const moved = this.host.advance(dt);
    const plan = planFrame({
      viewDirty: this.viewDirty,
      ...moved,
      sinceDrawnMs: now - this.lastDrawnAt,
      alwaysRender: this.host.alwaysRender,
    });
    if (plan.viewChanged) this.viewDirty = true;
    if (plan.render) {
      this.lastDrawnAt = now;
      this.host.draw();
      if (plan.next !== 'frame') this.host.drewLast?.();
    }
    if (plan.next === 'frame') this.schedule();
    else if (plan.next === 'tick') this.scheduleTick();
    else this.lastFrameAt = 0;
  };

  /** A tour holding still: tick it on a timer, draw nothing until its camera moves again. */
  private scheduleTick(): void {
    if (this.tickTimer !== 0 || this.rafId !== 0 || !this.host.live()) return;
    this.tickTimer = this.clock.setTimer(() => {
      this.tickTimer = 0;
      this.ticking = true;
      this.frame(this.clock.now());
    }, HOLD_TICK_MS);
  }

  private cancelTick(): void {
    if (this.tickTimer !== 0) this.clock.clearTimer(this.tickTimer);
    this.tickTimer = 0;
  }
}
