import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FONTS_LATEST_MS, afterFirstPaint } from '../../../../renderer/src/app/fonts';

/** Animation frames run by hand: `frame()` fires the callbacks queued so far, like one vsync. */
let queued = new Map<number, FrameRequestCallback>();
let nextId = 1;
function frame(): void {
  const now = queued;
  queued = new Map();
  for (const cb of now.values()) cb(0);
}

beforeEach(() => {
  vi.useFakeTimers();
  queued = new Map();
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    queued.set(nextId, cb);
    return nextId++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => queued.delete(id));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('afterFirstPaint (the bundled faces wait for the first screen)', () => {
  it('loads once a frame has been presented after the screen is shown, not before', () => {
    const load = vi.fn();
    afterFirstPaint(true, load);
    frame(); // the frame that paints the screen
    expect(load).not.toHaveBeenCalled();
    frame(); // the next one: the screen is on the glass
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(FONTS_LATEST_MS * 2);
    frame();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not wait on frames while the screen is not shown (splash), only on the latest time', () => {
    const load = vi.fn();
    afterFirstPaint(false, load);
    frame();
    frame();
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(FONTS_LATEST_MS - 1);
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads at the latest time when frames stall, and only once', () => {
    const load = vi.fn();
    afterFirstPaint(true, load);
    vi.advanceTimersByTime(FONTS_LATEST_MS);
    expect(load).toHaveBeenCalledTimes(1);
    frame();
    frame();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('cancel stops both the frames and the timer', () => {
    const load = vi.fn();
    const cancel = afterFirstPaint(true, load);
    frame();
    cancel();
    frame();
    vi.advanceTimersByTime(FONTS_LATEST_MS * 2);
    expect(load).not.toHaveBeenCalled();
  });
});
