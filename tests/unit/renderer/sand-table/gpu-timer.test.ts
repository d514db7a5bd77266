import { describe, expect, it } from 'vitest';
import type { TimerGl } from '../../../../renderer/src/sand-table/gpu-timer';
import { GpuTimer, MAX_PENDING_QUERIES } from '../../../../renderer/src/sand-table/gpu-timer';

const TIME_ELAPSED_EXT = 0x88bf;
const GPU_DISJOINT_EXT = 0x8fbb;

/** A fake GPU: each query's result is set by the test; `disjoint` reports once. */
function fakeGl(opts: { ext?: boolean } = {}) {
  let next = 1;
  const results = new Map<number, number | null>();
  const live = new Set<number>();
  const id = (q: WebGLQuery | null) => q as unknown as number;
  const log: string[] = [];
  const state = { disjoint: false, lost: false, open: null as number | null };
  const gl: TimerGl = {
    QUERY_RESULT: 1,
    QUERY_RESULT_AVAILABLE: 2,
    createQuery: () => {
      const made = next++;
      live.add(made);
      results.set(made, null);
      return made;
    },
    deleteQuery: (q) => {
      live.delete(id(q));
    },
    beginQuery: (target, q) => {
      expect(target).toBe(TIME_ELAPSED_EXT);
      expect(state.open).toBeNull();
      state.open = id(q);
      log.push(`begin ${id(q)}`);
    },
    endQuery: () => {
      log.push(`end ${String(state.open)}`);
      state.open = null;
    },
    getQueryParameter: (q, pname) => {
      const r = results.get(id(q));
      return pname === 2 ? r !== null && r !== undefined : r;
    },
    getParameter: (pname) => {
      if (pname !== GPU_DISJOINT_EXT) return null;
      const d = state.disjoint;
      state.disjoint = false;
      return d;
    },
    getExtension: (name) =>
      opts.ext !== false && name === 'EXT_disjoint_timer_query_webgl2'
        ? { TIME_ELAPSED_EXT, GPU_DISJOINT_EXT }
        : null,
    isContextLost: () => state.lost,
  };
  const finish = (id: number, ns: number) => results.set(id, ns);
  return { gl, finish, live, log, state };
}

/** One timed frame. */
function frame(t: GpuTimer): void {
  t.begin();
  t.end();
}

describe('GPU timer', () => {
  it('is null without the extension or a context', () => {
    expect(GpuTimer.create(null)).toBeNull();
    expect(GpuTimer.create(fakeGl({ ext: false }).gl)).toBeNull();
  });

  it('collects each frame’s time in order once the GPU has it, never waiting', () => {
    const f = fakeGl();
    const t = GpuTimer.create(f.gl)!;
    frame(t);
    frame(t);
    expect(f.log).toEqual(['begin 1', 'end 1', 'begin 2', 'end 2']);
    // Only the second is done: nothing is taken out of order.
    f.finish(2, 3_000_000);
    expect(t.take()).toEqual([]);
    expect(t.waiting).toBe(2);
    f.finish(1, 1_500_000);
    expect(t.take()).toEqual([1.5, 3]);
    expect(t.take()).toEqual([]);
    expect(t.waiting).toBe(0);
    expect(f.live.size).toBe(0);
  });

  it('drops results the GPU marks disjoint', () => {
    const f = fakeGl();
    const t = GpuTimer.create(f.gl)!;
    frame(t);
    f.finish(1, 2_000_000);
    f.state.disjoint = true;
    expect(t.take()).toEqual([]);
    expect(t.disjoint).toBe(1);
    expect(f.live.size).toBe(0);
  });

  it('leaves frames untimed while the GPU lags too far behind', () => {
    const f = fakeGl();
    const t = GpuTimer.create(f.gl)!;
    for (let i = 0; i < MAX_PENDING_QUERIES + 3; i++) {
      frame(t);
    }
    expect(t.waiting).toBe(MAX_PENDING_QUERIES);
    expect(t.skipped).toBe(3);
  });

  it('dispose ends an open query and deletes every one', () => {
    const f = fakeGl();
    const t = GpuTimer.create(f.gl)!;
    frame(t);
    t.begin();
    t.dispose();
    expect(f.state.open).toBeNull();
    expect(f.live.size).toBe(0);
    expect(t.take()).toEqual([]);
  });
});
