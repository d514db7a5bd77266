import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  offsetOfItem,
  itemAtOffset,
  rubberBand,
  trackMetrics,
  visibleRange,
} from '../../../../renderer/src/timeline/layout';
import {
  FLICK_SPEED,
  VelocityTracker,
  flingTarget,
  isSettled,
  springStep,
} from '../../../../renderer/src/timeline/motion';
import {
  clampTransform,
  containSize,
  fitTransform,
  maxScaleFor,
  pinchStep,
  visibleImageRect,
  zoomAbout,
} from '../../../../renderer/src/timeline/zoom';

describe('track layout', () => {
  it('is horizontal in landscape and vertical in portrait', () => {
    const land = trackMetrics(1920, 800, 18);
    expect(land.orientation).toBe('horizontal');
    expect(land.viewport).toBe(1920);
    expect(land.card).toBeCloseTo(460.8);
    expect(land.pitch).toBeGreaterThan(land.card);
    const port = trackMetrics(1080, 1700, 18);
    expect(port.orientation).toBe('vertical');
    expect(port.viewport).toBe(1700);
    expect(port.card).toBe(18 * 18);
  });

  it('keeps only the cards near the screen, however long the timeline', () => {
    const m = trackMetrics(1920, 800, 18);
    for (const index of [0, 10, 2500, 4999]) {
      const r = visibleRange(offsetOfItem(index, m.pitch), m, 5000);
      expect(r.first).toBeLessThanOrEqual(index);
      expect(r.last).toBeGreaterThanOrEqual(index);
      expect(r.last - r.first + 1).toBeLessThanOrEqual(7);
    }
    expect(visibleRange(0, m, 0)).toEqual({ first: 0, last: -1 });
    expect(visibleRange(0, m, 5000).first).toBe(0);
    expect(visibleRange(offsetOfItem(4999, m.pitch), m, 5000).last).toBe(4999);
  });

  it('covers every card that intersects the viewport (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        fc.integer({ min: 1, max: 5000 }),
        (offset, count) => {
          const m = trackMetrics(1920, 900, 18);
          const r = visibleRange(offset, m, count, 0);
          for (let i = 0; i < count; i++) {
            const lo = i * m.pitch - m.card / 2;
            const hi = i * m.pitch + m.card / 2;
            const visible = hi > offset - m.viewport / 2 && lo < offset + m.viewport / 2;
            if (visible) {
              expect(i).toBeGreaterThanOrEqual(r.first);
              expect(i).toBeLessThanOrEqual(r.last);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rubber-bands past the ends and never beyond a fraction of the viewport', () => {
    expect(rubberBand(500, 10, 100, 1000)).toBe(500);
    expect(rubberBand(-100, 10, 100, 1000)).toBeGreaterThan(-100);
    expect(rubberBand(-100, 10, 100, 1000)).toBeLessThan(0);
    expect(rubberBand(-1e9, 10, 100, 1000)).toBeGreaterThan(-350);
    expect(rubberBand(900 + 1e9, 10, 100, 1000)).toBeLessThan(900 + 350);
    expect(itemAtOffset(250, 100)).toBe(2.5);
  });
});

describe('swipe physics', () => {
  it('estimates velocity from recent samples only', () => {
    const v = new VelocityTracker();
    for (let t = 0; t <= 100; t += 10) v.add(t, t * 2);
    expect(v.velocity(100)).toBeCloseTo(2000);
    expect(v.velocity(400)).toBe(0);
    v.reset();
    expect(v.velocity(0)).toBe(0);
  });

  it('snaps a release to a card, with inertia, at least one card for a flick, at most maxJump', () => {
    expect(flingTarget(1040, 0, 500, 10, 2)).toBe(2);
    expect(flingTarget(1300, 0, 500, 10, 2)).toBe(3);
    expect(flingTarget(1010, FLICK_SPEED + 1, 500, 10, 2)).toBe(3);
    expect(flingTarget(990, -(FLICK_SPEED + 1), 500, 10, 2)).toBe(1);
    expect(flingTarget(1000, 6000, 500, 100, 2)).toBe(2 + Math.round((6000 * 0.325) / 500));
    expect(flingTarget(1000, 1e6, 500, 100, 2, 12)).toBe(14);
    expect(flingTarget(1000, -1e6, 500, 100, 2)).toBe(0);
    expect(flingTarget(1000, 1e6, 500, 5, 2)).toBe(4);
  });

  it('settles with a critically damped spring, without overshoot, for any frame rate', () => {
    for (const dt of [1 / 120, 1 / 60, 1 / 20]) {
      let s = { x: 0, v: 0 };
      let max = 0;
      let frames = 0;
      while (!isSettled(s.x, s.v, 1000) && frames < 1000) {
        s = springStep(s.x, s.v, 1000, dt);
        max = Math.max(max, s.x);
        frames++;
      }
      expect(max).toBeLessThanOrEqual(1000.5);
      expect(frames * dt).toBeLessThan(1.5);
    }
  });
});

describe('image zoom', () => {
  const natural = { width: 4000, height: 3000 };
  const viewport = { width: 1000, height: 600 };
  const content = containSize(natural, viewport);

  it('contains and centres the image', () => {
    expect(content).toEqual({ width: 800, height: 600 });
    expect(fitTransform(content, viewport)).toEqual({ scale: 1, x: 100, y: 0 });
  });

  it('zooms about a point that stays still', () => {
    const t = zoomAbout(fitTransform(content, viewport), 2, { x: 500, y: 300 });
    expect(t.scale).toBe(2);
    // The image point under (500,300) before: ((500-100)/1, 300) → after: 100+2*? = 500.
    expect(t.x + 400 * 2).toBeCloseTo(500);
    expect(t.y + 300 * 2).toBeCloseTo(300);
  });

  it('pinches: the midpoint stays under the fingers and the scale follows their distance', () => {
    const t0 = fitTransform(content, viewport);
    const t = pinchStep(t0, { x: 400, y: 300 }, { x: 600, y: 300 }, { x: 350, y: 300 }, { x: 650, y: 300 });
    expect(t.scale).toBeCloseTo(1.5);
    expect(t.x + ((500 - t0.x) / t0.scale) * t.scale).toBeCloseTo(500);
  });

  it('never loses the image and bounds the scale', () => {
    const lost = clampTransform({ scale: 3, x: 5000, y: -9000 }, content, viewport, 8);
    expect(lost.x).toBe(0);
    expect(lost.y).toBe(600 - 1800);
    const tiny = clampTransform({ scale: 0.2, x: 0, y: 0 }, content, viewport, 8);
    expect(tiny).toEqual({ scale: 1, x: 100, y: 0 });
    expect(clampTransform({ scale: 50, x: 0, y: 0 }, content, viewport, 8).scale).toBe(8);
    expect(maxScaleFor(natural, content)).toBe(10);
    expect(maxScaleFor({ width: 100, height: 100 }, { width: 800, height: 800 })).toBe(3);
  });

  it('computes the visible part of the image in natural pixels', () => {
    expect(visibleImageRect(fitTransform(content, viewport), content, natural, viewport)).toEqual({
      x0: 0,
      y0: 0,
      x1: 4000,
      y1: 3000,
    });
    const r = visibleImageRect({ scale: 4, x: -1600, y: -900 }, content, natural, viewport);
    expect(r.x0).toBeCloseTo(2000);
    expect(r.x1).toBeCloseTo(3250);
    expect(r.y0).toBeCloseTo(1125);
    expect(r.y1).toBeCloseTo(1875);
  });
});
