import { describe, expect, it } from 'vitest';
import type { GestureIntent, GesturePointer } from '../../../../renderer/src/sand-table/gestures';
import { GestureRecognizer, stepInertia } from '../../../../renderer/src/sand-table/gestures';

type Ev = Omit<GesturePointer, 'kind'> & { kind?: GesturePointer['kind'] };
const ev = (e: Ev): GesturePointer => ({ kind: 'touch', ...e });
const kinds = (xs: readonly GestureIntent[]) => xs.map((x) => x.kind);

function run(g: GestureRecognizer, events: Ev[]): GestureIntent[] {
  return events.flatMap((e) => g.feed(ev(e)));
}

describe('tap versus drag', () => {
  it('a short press within the slop is a tap at the press point', () => {
    const g = new GestureRecognizer();
    const out = run(g, [
      { type: 'down', id: 1, x: 100, y: 100, t: 0 },
      { type: 'move', id: 1, x: 104, y: 103, t: 40 },
      { type: 'up', id: 1, x: 104, y: 103, t: 90 },
    ]);
    expect(kinds(out)).toEqual(['begin', 'tap', 'end']);
    expect(out[1]).toMatchObject({ kind: 'tap', x: 100, y: 100, pointer: 'touch' });
  });

  it('moving past the slop becomes a drag and never a tap', () => {
    const g = new GestureRecognizer({ oneFinger: 'orbit', slop: 10 });
    const out = run(g, [
      { type: 'down', id: 1, x: 100, y: 100, t: 0 },
      { type: 'move', id: 1, x: 115, y: 100, t: 30 },
      { type: 'move', id: 1, x: 120, y: 110, t: 60 },
      { type: 'up', id: 1, x: 120, y: 110, t: 400 },
    ]);
    expect(kinds(out)).toEqual(['begin', 'orbit', 'orbit', 'end']);
    // The first drag carries the movement since the press, so nothing is lost.
    expect(out[1]).toEqual({ kind: 'orbit', dx: 15, dy: 0 });
    expect(out[2]).toEqual({ kind: 'orbit', dx: 5, dy: 10 });
  });

  it('a long press is not a tap', () => {
    const g = new GestureRecognizer({ tapMaxMs: 500 });
    const out = run(g, [
      { type: 'down', id: 1, x: 10, y: 10, t: 0 },
      { type: 'up', id: 1, x: 10, y: 10, t: 900 },
    ]);
    expect(kinds(out)).toEqual(['begin', 'end']);
  });

  it('a cancelled press is not a tap', () => {
    const g = new GestureRecognizer();
    const out = run(g, [
      { type: 'down', id: 1, x: 10, y: 10, t: 0 },
      { type: 'cancel', id: 1, x: 10, y: 10, t: 20 },
    ]);
    expect(kinds(out)).toEqual(['begin', 'end']);
  });

  it('one finger pans when the pack says so', () => {
    const g = new GestureRecognizer({ oneFinger: 'pan' });
    const out = run(g, [
      { type: 'down', id: 1, x: 0, y: 0, t: 0 },
      { type: 'move', id: 1, x: 30, y: 0, t: 20 },
    ]);
    expect(out[1]).toEqual({ kind: 'pan', fromX: 0, fromY: 0, toX: 30, toY: 0 });
  });
});

describe('two fingers', () => {
  it('pinching apart zooms in about the midpoint', () => {
    const g = new GestureRecognizer();
    run(g, [
      { type: 'down', id: 1, x: 400, y: 300, t: 0 },
      { type: 'down', id: 2, x: 600, y: 300, t: 5 },
    ]);
    const out = run(g, [{ type: 'move', id: 2, x: 800, y: 300, t: 30 }]);
    const zoom = out.find((i) => i.kind === 'zoom');
    expect(zoom).toMatchObject({ kind: 'zoom', factor: 0.5, x: 600, y: 300 });
    expect(out.find((i) => i.kind === 'pan')).toMatchObject({ fromX: 500, toX: 600 });
  });

  it('twisting rotates', () => {
    const g = new GestureRecognizer();
    run(g, [
      { type: 'down', id: 1, x: 400, y: 300, t: 0 },
      { type: 'down', id: 2, x: 600, y: 300, t: 5 },
    ]);
    // Move finger 2 down around finger 1 … a clockwise turn on screen (y grows downward).
    const out = run(g, [
      { type: 'move', id: 2, x: 400 + 200 * Math.cos(0.2), y: 300 + 200 * Math.sin(0.2), t: 30 },
    ]);
    const rot = out.find((i) => i.kind === 'rotate');
    expect(rot?.kind === 'rotate' && rot.degrees).toBeCloseTo((0.2 * 180) / Math.PI, 6);
  });

  it('the second finger never produces a tap', () => {
    const g = new GestureRecognizer();
    const out = run(g, [
      { type: 'down', id: 1, x: 400, y: 300, t: 0 },
      { type: 'down', id: 2, x: 600, y: 300, t: 5 },
      { type: 'up', id: 2, x: 600, y: 300, t: 40 },
      { type: 'up', id: 1, x: 400, y: 300, t: 60 },
    ]);
    expect(kinds(out)).not.toContain('tap');
  });

  it('lifting one finger continues from the other without a jump', () => {
    const g = new GestureRecognizer({ oneFinger: 'orbit' });
    run(g, [
      { type: 'down', id: 1, x: 400, y: 300, t: 0 },
      { type: 'down', id: 2, x: 600, y: 300, t: 5 },
      { type: 'move', id: 2, x: 650, y: 300, t: 20 },
      { type: 'up', id: 2, x: 650, y: 300, t: 30 },
    ]);
    const out = run(g, [{ type: 'move', id: 1, x: 403, y: 300, t: 50 }]);
    // Drag continues immediately (no slop wait) and only by the finger's own movement.
    expect(out).toEqual([{ kind: 'orbit', dx: 3, dy: 0 }]);
  });

  it('a third finger freezes the camera until it lifts, then two-finger control resumes without a jump', () => {
    const g = new GestureRecognizer();
    run(g, [
      { type: 'down', id: 1, x: 400, y: 300, t: 0 },
      { type: 'down', id: 2, x: 600, y: 300, t: 5 },
      { type: 'down', id: 3, x: 500, y: 500, t: 10 },
    ]);
    expect(run(g, [{ type: 'move', id: 1, x: 300, y: 200, t: 20 }])).toEqual([]);
    expect(run(g, [{ type: 'move', id: 3, x: 520, y: 520, t: 25 }])).toEqual([]);
    run(g, [{ type: 'up', id: 3, x: 520, y: 520, t: 30 }]);
    const out = run(g, [{ type: 'move', id: 2, x: 601, y: 300, t: 40 }]);
    const pan = out.find((i) => i.kind === 'pan');
    // Re-based on (300,200)-(600,300): the midpoint moves by half a pixel only.
    expect(pan).toMatchObject({ fromX: 450, fromY: 250, toX: 450.5, toY: 250 });
    expect(g.activePointers).toBe(2);
  });

  it('ignores duplicate downs and unknown ups', () => {
    const g = new GestureRecognizer();
    run(g, [{ type: 'down', id: 1, x: 0, y: 0, t: 0 }]);
    expect(g.feed(ev({ type: 'down', id: 1, x: 0, y: 0, t: 1 }))).toEqual([]);
    expect(g.feed(ev({ type: 'up', id: 9, x: 0, y: 0, t: 2 }))).toEqual([]);
    expect(g.activePointers).toBe(1);
  });
});

describe('mouse and wheel', () => {
  it('the right button pans when one finger orbits', () => {
    const g = new GestureRecognizer({ oneFinger: 'orbit' });
    const out = run(g, [
      { type: 'down', id: 1, x: 0, y: 0, t: 0, kind: 'mouse', button: 2 },
      { type: 'move', id: 1, x: 20, y: 0, t: 20, kind: 'mouse' },
      { type: 'up', id: 1, x: 20, y: 0, t: 40, kind: 'mouse', button: 2 },
    ]);
    expect(out[1]?.kind).toBe('pan');
  });

  it('the right button never taps', () => {
    const g = new GestureRecognizer();
    const out = run(g, [
      { type: 'down', id: 1, x: 0, y: 0, t: 0, kind: 'mouse', button: 2 },
      { type: 'up', id: 1, x: 0, y: 0, t: 40, kind: 'mouse', button: 2 },
    ]);
    expect(kinds(out)).not.toContain('tap');
  });

  it('a free mouse move hovers', () => {
    const g = new GestureRecognizer();
    expect(g.feed(ev({ type: 'move', id: 1, x: 5, y: 6, t: 0, kind: 'mouse' }))).toEqual([
      { kind: 'hover', x: 5, y: 6 },
    ]);
    expect(g.feed(ev({ type: 'move', id: 2, x: 5, y: 6, t: 0 }))).toEqual([]);
  });

  it('wheel down zooms out, up zooms in, about the cursor', () => {
    const g = new GestureRecognizer();
    const out = g.wheel(100, 10, 20);
    expect(out[1]).toMatchObject({ kind: 'zoom', x: 10, y: 20 });
    expect(out[1]?.kind === 'zoom' && out[1].factor).toBeGreaterThan(1);
    const back = g.wheel(-100, 0, 0)[1];
    expect(back?.kind === 'zoom' && back.factor).toBeLessThan(1);
    expect(g.wheel(0, 0, 0)).toEqual([]);
  });
});

describe('inertia', () => {
  it('a quick release flings with the recent velocity', () => {
    const g = new GestureRecognizer({ oneFinger: 'pan' });
    const out = run(g, [
      { type: 'down', id: 1, x: 0, y: 0, t: 0 },
      { type: 'move', id: 1, x: 20, y: 0, t: 16 },
      { type: 'move', id: 1, x: 40, y: 0, t: 32 },
      { type: 'move', id: 1, x: 60, y: 0, t: 48 },
      { type: 'up', id: 1, x: 60, y: 0, t: 50 },
    ]);
    const fling = out.find((i) => i.kind === 'fling');
    expect(fling).toMatchObject({ kind: 'fling', mode: 'pan' });
    expect(fling?.kind === 'fling' && fling.vx).toBeCloseTo(1.25, 2);
  });

  it('a finger that rests before lifting does not fling', () => {
    const g = new GestureRecognizer();
    const out = run(g, [
      { type: 'down', id: 1, x: 0, y: 0, t: 0 },
      { type: 'move', id: 1, x: 40, y: 0, t: 16 },
      { type: 'up', id: 1, x: 40, y: 0, t: 400 },
    ]);
    expect(kinds(out)).not.toContain('fling');
  });

  it('decays to rest and travels a bounded distance', () => {
    let s: Parameters<typeof stepInertia>[0] | null = { mode: 'pan', vx: 2, vy: 0, x: 0, y: 0 };
    let travelled = 0;
    let frames = 0;
    while (s && frames < 1000) {
      const r = stepInertia(s, 16);
      travelled += r.dx;
      s = r.next;
      frames++;
    }
    expect(s).toBeNull();
    expect(frames).toBeLessThan(200);
    // ∫ v e^(−t/τ) = v·τ at most.
    expect(travelled).toBeLessThanOrEqual(2 * 325 + 1e-6);
    expect(travelled).toBeGreaterThan(2 * 325 * 0.95);
  });

  it('inertia glides as far at 2.5 frames a second as at 60, in fewer frames', () => {
    const glide = (dt: number) => {
      let s: Parameters<typeof stepInertia>[0] | null = { mode: 'pan', vx: 2, vy: -1, x: 0, y: 0 };
      const out = { dx: 0, dy: 0, frames: 0 };
      while (s && out.frames < 1000) {
        const r = stepInertia(s, dt);
        out.dx += r.dx;
        out.dy += r.dy;
        s = r.next;
        out.frames++;
      }
      return out;
    };
    const fast = glide(16);
    const slow = glide(400);
    // Before, a step was cut to 64 ms: at 400 ms frames the glide took 6× the time it should.
    expect(slow.frames).toBeLessThanOrEqual(Math.ceil(fast.frames / 20));
    // The same glide (both stop once the speed is under 0.01 px/ms, a fraction of a pixel apart).
    expect(Math.abs(slow.dx - fast.dx)).toBeLessThan(Math.abs(fast.dx) * 0.005);
    expect(Math.abs(slow.dy - fast.dy)).toBeLessThan(Math.abs(fast.dy) * 0.005);
    expect(Math.abs(slow.dx - 650)).toBeLessThan(650 * 0.02);
  });

  it('reset forgets all pointers', () => {
    const g = new GestureRecognizer();
    run(g, [{ type: 'down', id: 1, x: 0, y: 0, t: 0 }]);
    expect(g.reset()).toEqual([{ kind: 'end' }]);
    expect(g.activePointers).toBe(0);
    expect(g.reset()).toEqual([]);
  });
});
