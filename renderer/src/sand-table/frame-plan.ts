/**
 * Render on demand: what one tick of the table's loop does. The loop draws only when the picture
 * changes — the view was invalidated (a store change, a resize, input), the camera moved (flight,
 * fling, a tour's flight or orbit), or flowing arcs are due (~30 a second). A tour holding a shot
 * still, or showing a caption, costs no frames: it is only ticked on a timer until its camera
 * moves again or the shot ends. Pure (unit-tested in tests/unit/sand-frame-plan.test.ts).
 */
import type { TablePose } from './types';

/** Flowing arcs alone need only ~30 frames a second. */
export const ARC_FRAME_MS = 33;
/** How often a tour holding still is ticked (shot end, narration end, caption cues). */
export const HOLD_TICK_MS = 100;

export type FrameInputs = {
  /** Something other than the clock changed since the last frame (`requestRender`). */
  viewDirty: boolean;
  /** The camera pose changed in this tick. */
  cameraMoved: boolean;
  /** A flight or fling is under way (it may land on the same pose it started from). */
  cameraAnimating: boolean;
  /** A tour is playing (it needs ticks even while it holds). */
  tourActive: boolean;
  /** Flowing arcs are on screen and motion is not reduced. */
  flowing: boolean;
  /** Since the last frame that was drawn. */
  sinceDrawnMs: number;
  /**
   * Benchmark baseline (`?render=always`): the loop as it was before render on demand — every
   * tick of a flight, fling, tour (holds included) or flow draws and asks for the next frame.
   */
  alwaysRender?: boolean;
};

export type FramePlan = {
  render: boolean;
  /** The view (clusters, projection, labels) must be recomputed, not just the flow clock. */
  viewChanged: boolean;
  /** `frame`: next animation frame; `tick`: a timer in HOLD_TICK_MS; `none`: sleep until invalidated. */
  next: 'frame' | 'tick' | 'none';
};

export function planFrame(i: FrameInputs): FramePlan {
  if (i.alwaysRender) {
    const busy = i.cameraAnimating || i.tourActive || i.flowing;
    return { render: true, viewChanged: true, next: busy ? 'frame' : 'none' };
  }
  const viewChanged = i.viewDirty || i.cameraMoved;
  const arcDue = i.flowing && i.sinceDrawnMs >= ARC_FRAME_MS;
  const render = viewChanged || arcDue;
  // A tour in motion or a flight/fling under way wants the next frame; a flight that just landed
  // draws its last pose and sleeps.
  const moving = i.cameraAnimating || i.flowing || (i.tourActive && i.cameraMoved);
  const next = moving ? 'frame' : i.tourActive ? 'tick' : 'none';
  return { render, viewChanged, next };
}

/**
 * Are the names laid out sticky, the names on screen first (LabelScene.sticky)? While a hand drags
 * the camera or a flight or a fling moves it. A tour's own camera moves are not: a slow authored
 * camera over few names, and laying them out again at each shot's hold would cost the attract
 * loop a frame per shot (render on demand draws none while a shot holds). Names last laid out
 * sticky are laid out once more, plainly, as soon as this turns false, so what a still table
 * shows does not depend on how the camera got there; a flight's or fling's landing frame is
 * plain already. Booleans in, a boolean out: the loop asks every tick and allocates nothing.
 */
export function labelsSticky(cameraMoving: boolean, handsOn: boolean): boolean {
  return cameraMoving || handsOn;
}

/** True when two poses draw the same picture. */
export function samePose(a: TablePose, b: TablePose): boolean {
  return (
    a.x === b.x && a.z === b.z && a.distance === b.distance && a.tilt === b.tilt && a.heading === b.heading
  );
}

/** The longest step of a frame after a stall (a collection, a busy moment): no jump. */
export const STALL_STEP_MS = 100;
/**
 * The longest step at all. Below ~2.5 frames a second (software GL on a weak PC) a flight or a
 * fling runs slower than real time; above it, it keeps its duration, however few its frames.
 */
export const MAX_STEP_MS = 400;

/** A loop that has not yet drawn two frames in a row paces as at 60 frames a second (ms). */
export const START_GAP_MS = 16;

/**
 * How far one frame advances the clocks (ms): the time since the last frame, capped. The cap
 * follows the pace only once the two gaps before (`newestGapMs`, then `gapBeforeMs`, both between
 * frames of one burst) were both slow: one or two late frames on a machine that keeps 60 frames a
 * second (a shader compiled, then a texture uploaded) are cut to `STALL_STEP_MS`, so a flight
 * does not jump; on a machine that only manages a few frames a second every frame is late, and
 * from its fourth frame the cap grows with the pace (to `MAX_STEP_MS`), so a 1.2 s flight takes
 * about 1.2 s, not 100 ms of flight per frame (12 frames: 8 s at 1.5 frames a second). Two
 * numbers, not a tuple: the loop calls it every animated frame and allocates nothing.
 */
export function frameStep(sinceLastMs: number, newestGapMs: number, gapBeforeMs: number): number {
  const sustained = Math.min(newestGapMs, gapBeforeMs);
  const cap = Math.min(MAX_STEP_MS, Math.max(STALL_STEP_MS, sustained * 1.25));
  return Math.max(0, Math.min(cap, sinceLastMs));
}

/** True when a measured gap between two frames may set the pace (a clock that went back may not). */
export function isFrameGap(gapMs: number): boolean {
  return Number.isFinite(gapMs) && gapMs >= 0;
}
