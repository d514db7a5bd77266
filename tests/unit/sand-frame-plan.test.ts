import { describe, expect, it } from 'vitest';
import {
  ARC_FRAME_MS,
  frameStep,
  MAX_STEP_MS,
  isFrameGap,
  labelsSticky,
  planFrame,
  samePose,
  START_GAP_MS,
  STALL_STEP_MS,
} from '../../renderer/src/sand-table/frame-plan';
import type { FrameInputs } from '../../renderer/src/sand-table/frame-plan';

const still: FrameInputs = {
  viewDirty: false,
  cameraMoved: false,
  cameraAnimating: false,
  tourActive: false,
  flowing: false,
  sinceDrawnMs: 1000,
};

describe('render on demand: planFrame', () => {
  it('a still table with nothing changed draws nothing and sleeps', () => {
    expect(planFrame(still)).toEqual({ render: false, viewChanged: false, next: 'none' });
  });

  it('an invalidated view draws one frame, then sleeps', () => {
    expect(planFrame({ ...still, viewDirty: true })).toEqual({
      render: true,
      viewChanged: true,
      next: 'none',
    });
  });

  it('a moving camera (flight, fling, tour flight or orbit) draws and asks for the next frame', () => {
    expect(planFrame({ ...still, cameraMoved: true, cameraAnimating: true })).toEqual({
      render: true,
      viewChanged: true,
      next: 'frame',
    });
    expect(planFrame({ ...still, cameraMoved: true, tourActive: true }).next).toBe('frame');
  });

  it('a flight that just landed draws its last pose and sleeps', () => {
    expect(planFrame({ ...still, cameraMoved: true })).toEqual({
      render: true,
      viewChanged: true,
      next: 'none',
    });
  });

  it('a tour holding a shot (or showing a caption) costs no frame: it is ticked on a timer', () => {
    expect(planFrame({ ...still, tourActive: true })).toEqual({
      render: false,
      viewChanged: false,
      next: 'tick',
    });
  });

  it('a flight landing on the pose it started from still gets its frames until it ends', () => {
    expect(planFrame({ ...still, cameraAnimating: true })).toEqual({
      render: false,
      viewChanged: false,
      next: 'frame',
    });
  });

  it('flowing arcs draw about 30 times a second without recomputing the view', () => {
    expect(planFrame({ ...still, flowing: true, sinceDrawnMs: ARC_FRAME_MS - 1 })).toEqual({
      render: false,
      viewChanged: false,
      next: 'frame',
    });
    expect(planFrame({ ...still, flowing: true, sinceDrawnMs: ARC_FRAME_MS })).toEqual({
      render: true,
      viewChanged: false,
      next: 'frame',
    });
  });

  it('samePose compares every field', () => {
    const a = { x: 1, z: 2, distance: 30, tilt: 50, heading: 10 };
    expect(samePose(a, { ...a })).toBe(true);
    for (const k of ['x', 'z', 'distance', 'tilt', 'heading'] as const)
      expect(samePose(a, { ...a, [k]: a[k] + 1e-9 })).toBe(false);
  });
});

describe('the always-render baseline (?render=always)', () => {
  it('draws every tick while a tour runs, holds included', () => {
    expect(planFrame({ ...still, tourActive: true, alwaysRender: true })).toEqual({
      render: true,
      viewChanged: true,
      next: 'frame',
    });
  });
  it('still sleeps when nothing runs', () => {
    expect(planFrame({ ...still, alwaysRender: true }).next).toBe('none');
  });
});

describe('frame steps: a stall is cut, a slow pace is kept', () => {
  it('at 60 frames a second a frame steps by its own time, and a stall by at most STALL_STEP_MS', () => {
    expect(frameStep(16, START_GAP_MS, START_GAP_MS)).toBe(16);
    expect(frameStep(40, START_GAP_MS, START_GAP_MS)).toBe(40);
    expect(frameStep(700, START_GAP_MS, START_GAP_MS)).toBe(STALL_STEP_MS);
    expect(frameStep(-5, START_GAP_MS, START_GAP_MS)).toBe(0);
  });

  it('the cap follows the slower of the last two gaps only when both were slow, up to MAX_STEP_MS', () => {
    expect(frameStep(700, 700, 16)).toBe(STALL_STEP_MS);
    expect(frameStep(700, 16, 700)).toBe(STALL_STEP_MS);
    expect(frameStep(700, 200, 250)).toBe(250);
    expect(frameStep(700, 700, 700)).toBe(MAX_STEP_MS);
    expect(frameStep(300, 5000, 5000)).toBe(300);
  });

  it('only a measured time between frames counts as a gap; a clock that went back does not', () => {
    expect(isFrameGap(700)).toBe(true);
    expect(isFrameGap(0)).toBe(true);
    expect(isFrameGap(Number.NaN)).toBe(false);
    expect(isFrameGap(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isFrameGap(-1)).toBe(false);
  });
});

describe('labels while the camera moves', () => {
  it('are sticky under a hand and in a flight or fling', () => {
    expect(labelsSticky(false, true)).toBe(true);
    expect(labelsSticky(true, false)).toBe(true);
  });
  it('are plain on a still table and on the landing frame of a flight (a tour moves no flight)', () => {
    expect(labelsSticky(false, false)).toBe(false);
  });
  it('laid out sticky, are laid out again once the camera rests with no hand on it', () => {
    // The table lays them out again when they were sticky and are no longer.
    const relayout = (laidOutSticky: boolean, moving: boolean, handsOn: boolean) =>
      laidOutSticky && !labelsSticky(moving, handsOn);
    expect(relayout(true, false, false)).toBe(true);
    expect(relayout(true, false, true)).toBe(false);
    expect(relayout(true, true, false)).toBe(false);
    expect(relayout(false, false, false)).toBe(false);
  });
});
