import { describe, expect, it } from 'vitest';
import {
  ARC_FRAME_MS,
  frameStep,
  MAX_STEP_MS,
  nextPace,
  planFrame,
  samePose,
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
    expect(frameStep(16, 16)).toBe(16);
    expect(frameStep(40, 16)).toBe(40);
    expect(frameStep(700, 16)).toBe(STALL_STEP_MS);
    expect(frameStep(-5, 16)).toBe(0);
  });

  it('the cap grows with the pace, up to MAX_STEP_MS', () => {
    expect(frameStep(700, 200)).toBe(250);
    expect(frameStep(700, 358)).toBe(MAX_STEP_MS);
    expect(frameStep(300, 5000)).toBe(300);
  });

  it('the pace takes up a sustained rate within a few frames and forgets a stall as fast', () => {
    let pace = 16;
    for (let i = 0; i < 3; i++) pace = nextPace(pace, 700);
    expect(pace).toBeGreaterThan(600);
    for (let i = 0; i < 6; i++) pace = nextPace(pace, 16);
    expect(pace).toBeLessThan(30);
    expect(nextPace(16, Number.NaN)).toBe(16);
    expect(nextPace(16, -1)).toBe(16);
    // A gap of minutes (a page frozen in the background) weighs like a very slow frame, no more.
    expect(nextPace(16, 600_000)).toBe((16 + 10 * MAX_STEP_MS) / 2);
  });
});
