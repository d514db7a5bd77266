import { describe, expect, it } from 'vitest';
import {
  DRAIN_POLL_MS,
  FENCE_DELAY_MS,
  GpuDrain,
  MAX_REFENCES,
  QUIET_POLLS,
} from '../../../../renderer/src/sand-table/gpu-drain';
import type { FenceGl } from '../../../../renderer/src/sand-table/gpu-drain';

/** A fake WebGL2 fence API: the test says when the GPU finished. */
function fakeGl() {
  const live = new Set<object>();
  const done = new Set<object>();
  let lost = false;
  let flushes = 0;
  const gl: FenceGl = {
    SYNC_GPU_COMMANDS_COMPLETE: 0x9117,
    SYNC_STATUS: 0x9114,
    SIGNALED: 0x9119,
    fenceSync: () => {
      const s = {} as WebGLSync;
      live.add(s);
      return s;
    },
    getSyncParameter: (s) => (done.has(s) ? 0x9119 : 0x9118),
    deleteSync: (s) => {
      if (s) live.delete(s);
    },
    flush: () => {
      flushes++;
    },
    isContextLost: () => lost,
  };
  return {
    gl,
    live,
    finishAll: () => live.forEach((s) => done.add(s)),
    lose: () => {
      lost = true;
    },
    flushes: () => flushes,
  };
}

/** Manual timers: `tick()` runs what is due. */
function fakeTimers() {
  let next = 1;
  const due = new Map<number, { fn: () => void; ms: number }>();
  return {
    timers: {
      set: (fn: () => void, ms: number) => {
        due.set(next, { fn, ms });
        return next++;
      },
      clear: (id: number) => {
        due.delete(id);
      },
    },
    pending: () => due.size,
    delays: () => [...due.values()].map((d) => d.ms),
    tick: () => {
      const now = [...due.entries()];
      due.clear();
      for (const [, d] of now) d.fn();
    },
  };
}

/** A drain on a fake GL and manual timers; `drained()` counts its reports. */
function drainWith() {
  const g = fakeGl();
  const t = fakeTimers();
  let count = 0;
  const drain = new GpuDrain(g.gl, t.timers, () => count++);
  return { g, t, drain, drained: () => count };
}

describe('GpuDrain: settled means the GPU finished the last frame', () => {
  it('is pending from the fence until the GPU signals it, polling on a timer', () => {
    const { g, t, drain, drained } = drainWith();
    expect(drain.pending).toBe(false);
    drain.fence();
    expect(drain.pending).toBe(true);
    // Placed a moment after the frame, not in it.
    expect(g.flushes()).toBe(0);
    expect(t.delays()).toEqual([FENCE_DELAY_MS]);
    t.tick();
    expect(g.flushes()).toBe(1);
    expect(t.delays()).toEqual([DRAIN_POLL_MS]);
    t.tick();
    t.tick();
    expect(drain.pending).toBe(true);
    expect(drained()).toBe(0);
    g.finishAll();
    t.tick();
    // It took three polls: the GPU thread was busy, so a second fence asks whether it is idle now.
    expect(drain.pending).toBe(true);
    expect(drained()).toBe(0);
    expect(g.flushes()).toBe(2);
    g.finishAll();
    t.tick();
    expect(drain.pending).toBe(false);
    expect(drained()).toBe(1);
    expect(g.live.size).toBe(0);
    expect(t.pending()).toBe(0);
  });

  it('a fence that signals within QUIET_POLLS polls found the GPU idle: no second fence', () => {
    const { g, t, drain, drained } = drainWith();
    drain.fence();
    t.tick(); // placed
    for (let i = 1; i < QUIET_POLLS; i++) t.tick();
    g.finishAll();
    t.tick();
    expect(drained()).toBe(1);
    expect(drain.pending).toBe(false);
    expect(g.flushes()).toBe(1);
  });

  it('while the GPU thread stays busy, at most MAX_REFENCES more fences, then drained', () => {
    const { g, t, drain, drained } = drainWith();
    drain.fence();
    t.tick(); // placed
    for (let round = 0; round <= MAX_REFENCES; round++) {
      expect(drained()).toBe(0);
      for (let i = 0; i < QUIET_POLLS; i++) t.tick();
      g.finishAll();
      t.tick(); // signalled after QUIET_POLLS + 1 polls: busy
    }
    expect(drained()).toBe(1);
    expect(drain.pending).toBe(false);
    expect(g.flushes()).toBe(1 + MAX_REFENCES);
    expect(g.live.size).toBe(0);
  });

  it('frames in a burst (a drag) place no fence and flush nothing until the burst ends', () => {
    const { g, t, drain, drained } = drainWith();
    for (let frame = 0; frame < 30; frame++) {
      drain.cancel(); // the next frame starts before the fence's moment
      drain.fence();
      expect(drain.pending).toBe(true);
    }
    expect(g.flushes()).toBe(0);
    expect(g.live.size).toBe(0);
    expect(t.pending()).toBe(1);
    t.tick();
    expect(g.flushes()).toBe(1);
    g.finishAll();
    t.tick();
    expect(drained()).toBe(1);
    expect(drain.pending).toBe(false);
  });

  it('a new fence replaces the old one; cancel drops it', () => {
    const g = fakeGl();
    const t = fakeTimers();
    const drain = new GpuDrain(g.gl, t.timers);
    drain.fence();
    t.tick();
    drain.fence();
    t.tick();
    expect(g.live.size).toBe(1);
    expect(t.pending()).toBe(1);
    drain.cancel();
    expect(drain.pending).toBe(false);
    expect(g.live.size).toBe(0);
    expect(t.pending()).toBe(0);
  });

  it('a lost context counts as drained instead of waiting forever', () => {
    const { g, t, drain, drained } = drainWith();
    drain.fence();
    t.tick();
    g.lose();
    t.tick();
    expect(drain.pending).toBe(false);
    expect(drained()).toBe(1);
    drain.fence();
    expect(drain.pending).toBe(false);
  });

  it('without fences (no WebGL2) it never waits', () => {
    const t = fakeTimers();
    const drain = new GpuDrain(null, t.timers);
    drain.fence();
    expect(drain.pending).toBe(false);
    expect(t.pending()).toBe(0);
  });

  it('dispose stops polling and deletes the fence', () => {
    const g = fakeGl();
    const t = fakeTimers();
    const drain = new GpuDrain(g.gl, t.timers);
    drain.fence();
    t.tick();
    drain.dispose();
    expect(t.pending()).toBe(0);
    expect(g.live.size).toBe(0);
  });
});
