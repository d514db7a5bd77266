import { describe, expect, it } from 'vitest';
import type { FrameAdvance, FrameClock } from '../../../../renderer/src/sand-table/frame-loop';
import { FrameLoop } from '../../../../renderer/src/sand-table/frame-loop';
import { ARC_FRAME_MS, HOLD_TICK_MS } from '../../../../renderer/src/sand-table/frame-plan';
import { TABLE_FRAME_FUNCTION } from '../../../../bench/sand-table.bench';

/** A hand-cranked clock: frames and timers run only when the test says so. */
function fakeClock() {
  let id = 0;
  let t = 1000;
  const frames = new Map<number, (now: number) => void>();
  const timers = new Map<number, { cb: () => void; ms: number }>();
  const clock: FrameClock = {
    requestFrame: (cb) => (frames.set(++id, cb), id),
    cancelFrame: (i) => void frames.delete(i),
    setTimer: (cb, ms) => (timers.set(++id, { cb, ms }), id),
    clearTimer: (i) => void timers.delete(i),
    now: () => t,
  };
  return {
    clock,
    frames,
    timers,
    /** Runs the pending animation frames `ms` later. */
    frame(ms = 16) {
      t += ms;
      const due = [...frames.values()];
      frames.clear();
      for (const cb of due) cb(t);
    },
    tick(ms = HOLD_TICK_MS) {
      t += ms;
      const due = [...timers.values()];
      timers.clear();
      for (const d of due) d.cb();
    },
  };
}

function setup(moves: Partial<FrameAdvance> = {}, alwaysRender = false) {
  const c = fakeClock();
  const state = { live: true, draws: 0, lastDraws: 0, dts: [] as number[], dirtyAtDraw: [] as boolean[] };
  const motion: FrameAdvance = {
    cameraMoved: false,
    cameraAnimating: false,
    tourActive: false,
    flowing: false,
  };
  Object.assign(motion, moves);
  const loop: FrameLoop = new FrameLoop(
    {
      advance: (dt) => (state.dts.push(dt), { ...motion }),
      draw: () => {
        state.draws++;
        state.dirtyAtDraw.push(loop.viewDirty);
        loop.viewDirty = false;
      },
      drewLast: () => state.lastDraws++,
      live: () => state.live,
      alwaysRender,
    },
    c.clock,
  );
  return { c, loop, state, motion };
}

describe('frame loop (render on demand)', () => {
  it("asks for its frames with a callback named as the benchmark finds the table's frames in a trace", () => {
    const { c, loop } = setup();
    loop.request();
    expect([...c.frames.values()].map((cb) => cb.name)).toEqual([TABLE_FRAME_FUNCTION]);
  });

  it('coalesces requests into one frame and sleeps when nothing moves', () => {
    const { c, loop, state } = setup();
    loop.request();
    loop.request();
    expect(c.frames.size).toBe(1);
    expect(loop.pending).toBe(true);
    c.frame();
    expect(state.draws).toBe(1);
    expect(state.dirtyAtDraw).toEqual([true]);
    expect(loop.pending).toBe(false);
    expect(c.frames.size + c.timers.size).toBe(0);
  });

  it('keeps drawing while the camera flies, and the first tick counts as 16 ms', () => {
    const { c, loop, state, motion } = setup({ cameraAnimating: true, cameraMoved: true });
    loop.request();
    c.frame(16);
    c.frame(20);
    c.frame(500);
    expect(state.draws).toBe(3);
    // A stall is capped at 100 ms so a flight does not jump.
    expect(state.dts).toEqual([16, 20, 100]);
    motion.cameraAnimating = false;
    motion.cameraMoved = false;
    c.frame();
    expect(state.draws).toBe(3);
    expect(c.frames.size).toBe(0);
  });

  it('on a machine that draws only a few frames a second, a flight keeps its duration', () => {
    const { c, loop, state } = setup({ cameraAnimating: true, cameraMoved: true });
    loop.request();
    for (let i = 0; i < 6; i++) c.frame(700);
    // The first two late frames are taken for stalls (100 ms); from the third the steps follow the
    // pace, up to MAX_STEP_MS. Before: 100 ms a frame, so a 1.2 s flight took 12 frames (8.4 s).
    expect(state.dts).toEqual([16, 100, 100, 400, 400, 400]);
    // Fast again: each frame steps by its own time, and a stall after one fast frame is cut again.
    c.frame(16);
    c.frame(700);
    expect(state.dts.slice(6)).toEqual([16, 100]);
  });

  it('on a fast machine two stalls in a row are both cut; a third in a row is a slow pace', () => {
    const { c, loop, state } = setup({ cameraAnimating: true, cameraMoved: true });
    loop.request();
    c.frame(16);
    c.frame(16);
    c.frame(500);
    c.frame(500);
    c.frame(500);
    expect(state.dts).toEqual([16, 16, 100, 100, 400]);
  });

  it("the wait for the page's paint (yieldFrame) and a stop are no frame gaps: they set no pace", () => {
    const { c, loop, state } = setup({ cameraAnimating: true, cameraMoved: true });
    loop.request();
    c.frame(16);
    c.frame(16);
    loop.yieldFrame();
    c.frame(16); // the page's frame (a card)
    c.tick(0);
    c.frame(600); // the card took long to paint
    c.frame(300);
    c.frame(300);
    // Counted as gaps, the 600 ms wait and one slow frame would have let the third step be 300.
    expect(state.dts.slice(2)).toEqual([100, 100, 100]);
    loop.stop(); // the WebGL context is lost …
    c.frame(10_000);
    loop.request(); // … and restored: a new burst
    c.frame(300);
    c.frame(300);
    c.frame(300);
    expect(state.dts.slice(5)).toEqual([16, 100, 100]);
  });

  it('the pace carries over between bursts, but each burst starts with a 16 ms step', () => {
    const { c, loop, state, motion } = setup({ cameraAnimating: true, cameraMoved: true });
    loop.request();
    for (let i = 0; i < 4; i++) c.frame(700);
    motion.cameraAnimating = false;
    motion.cameraMoved = false;
    c.frame(700);
    expect(c.frames.size).toBe(0); // asleep
    motion.cameraAnimating = true;
    motion.cameraMoved = true;
    c.frame(60_000); // nothing pending: minutes pass
    loop.request();
    c.frame(700);
    c.frame(700);
    expect(state.dts.slice(5)).toEqual([16, 400]);
  });

  it('a tour holding still is ticked on a timer, drawing nothing, with its whole late time', () => {
    const { c, loop, state } = setup({ tourActive: true });
    loop.request();
    c.frame();
    expect(state.draws).toBe(1);
    expect(c.frames.size).toBe(0);
    expect([...c.timers.values()].map((t) => t.ms)).toEqual([HOLD_TICK_MS]);
    c.tick(400);
    expect(state.draws).toBe(1);
    expect(state.dts.at(-1)).toBe(400);
    // A request while a tick is pending replaces the tick with a frame.
    loop.request();
    expect(c.timers.size).toBe(0);
    expect(c.frames.size).toBe(1);
  });

  it('flowing arcs alone draw about 30 frames a second without marking the view changed', () => {
    const { c, loop, state } = setup({ flowing: true });
    loop.request();
    c.frame(16);
    expect(state.draws).toBe(1);
    c.frame(16);
    expect(state.draws).toBe(1);
    c.frame(ARC_FRAME_MS);
    expect(state.draws).toBe(2);
    expect(state.dirtyAtDraw).toEqual([true, false]);
  });

  it('draws every tick in the always-render baseline', () => {
    const { c, loop, state } = setup({ flowing: true }, true);
    loop.request();
    for (let k = 0; k < 4; k++) c.frame(16);
    expect(state.draws).toBe(4);
    expect(state.dirtyAtDraw.every(Boolean)).toBe(true);
  });

  it('schedules and draws nothing once the host is gone; stop cancels what is pending', () => {
    const { c, loop, state } = setup({ tourActive: true });
    loop.request();
    loop.stop();
    expect(c.frames.size).toBe(0);
    state.live = false;
    loop.request();
    expect(c.frames.size).toBe(0);
    state.live = true;
    loop.request();
    state.live = false;
    c.frame();
    expect(state.draws).toBe(0);
  });

  it('tells the host when the frame it drew was the last of a burst (the GPU fence goes there)', () => {
    const { c, loop, state, motion } = setup({ cameraAnimating: true, cameraMoved: true });
    loop.request();
    c.frame();
    c.frame();
    expect(state.draws).toBe(2);
    expect(state.lastDraws).toBe(0);
    motion.cameraAnimating = false;
    c.frame();
    expect(state.draws).toBe(3);
    expect(state.lastDraws).toBe(1);
    // A frame that draws nothing says nothing.
    loop.schedule();
    motion.cameraMoved = false;
    c.frame();
    expect(state.lastDraws).toBe(1);
  });

  it("yieldFrame: draws nothing in the page's next frame, then resumes after its paint", () => {
    const { c, loop, state } = setup();
    loop.request();
    loop.yieldFrame();
    expect(loop.pending).toBe(true);
    // The page's frame (a card opening): the table does not draw in it.
    c.frame();
    expect(state.draws).toBe(0);
    expect(loop.pending).toBe(true);
    // Requests meanwhile wait too.
    loop.request();
    expect(c.frames.size).toBe(0);
    // The task after that frame's paint schedules the table's frame.
    expect([...c.timers.values()].map((t) => t.ms)).toEqual([0]);
    c.tick(0);
    expect(c.frames.size).toBe(1);
    c.frame();
    expect(state.draws).toBe(1);
    expect(state.dirtyAtDraw).toEqual([true]);
    // The first tick after a pause counts as 16 ms (a flight starts smoothly).
    expect(state.dts).toEqual([16]);
    expect(loop.pending).toBe(false);
  });

  it('stop cancels a yield', () => {
    const { c, loop, state } = setup();
    loop.request();
    loop.yieldFrame();
    loop.stop();
    expect(loop.pending).toBe(false);
    expect(c.frames.size + c.timers.size).toBe(0);
    expect(state.draws).toBe(0);
  });

  it("yieldFrame(until): after the page's frame, waits for the page's word that it is on screen", async () => {
    const { c, loop, state } = setup();
    let painted!: () => void;
    const until = new Promise<void>((r) => (painted = r));
    loop.request();
    loop.yieldFrame(until);
    c.frame();
    c.tick(0);
    await Promise.resolve();
    expect(c.frames.size).toBe(0);
    expect(loop.pending).toBe(true);
    painted();
    await until;
    await Promise.resolve();
    expect(c.frames.size).toBe(1);
    c.frame();
    expect(state.draws).toBe(1);
  });

  it('a stop while waiting for `until` is not undone when it comes', async () => {
    const { c, loop } = setup();
    let painted!: () => void;
    const until = new Promise<void>((r) => (painted = r));
    loop.request();
    loop.yieldFrame(until);
    c.frame();
    c.tick(0);
    loop.stop();
    painted();
    await until;
    await Promise.resolve();
    expect(c.frames.size).toBe(0);
    expect(loop.pending).toBe(false);
  });
});

describe('frame loop: drawing the scheduled frame at once', () => {
  it('runs the scheduled frame now and cancels its animation frame', () => {
    const { c, loop, state } = setup();
    loop.request();
    loop.flush();
    expect(state.draws).toBe(1);
    expect(state.dirtyAtDraw).toEqual([true]);
    expect(state.dts).toEqual([16]);
    expect(c.frames.size).toBe(0);
    expect(loop.pending).toBe(false);
    c.frame();
    expect(state.draws).toBe(1);
  });

  it('does nothing without a scheduled frame, while yielding, or when not live', () => {
    const { c, loop, state } = setup();
    loop.flush();
    expect(state.draws).toBe(0);
    loop.yieldFrame();
    loop.request();
    loop.flush();
    expect(state.draws).toBe(0);
    loop.stop();
    state.live = false;
    loop.request();
    loop.flush();
    expect(state.draws).toBe(0);
    state.live = true;
    loop.request();
    loop.flush();
    expect(state.draws).toBe(1);
    expect(c.frames.size).toBe(0);
  });

  it('keeps the next frame coming while something moves', () => {
    const { c, loop, state } = setup({ cameraAnimating: true, cameraMoved: true });
    loop.request();
    loop.flush();
    expect(state.draws).toBe(1);
    expect(c.frames.size).toBe(1);
    c.frame();
    expect(state.draws).toBe(2);
  });
});
