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

/** True when two poses draw the same picture. */
export function samePose(a: TablePose, b: TablePose): boolean {
  return (
    a.x === b.x && a.z === b.z && a.distance === b.distance && a.tilt === b.tilt && a.heading === b.heading
  );
}
