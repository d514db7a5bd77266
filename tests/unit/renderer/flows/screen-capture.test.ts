import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAPTURE_SETTLE_MS, startScreenCapture } from '../../../../renderer/src/flows/screen-capture';
import { createSessionStore } from '../../../../renderer/src/stores/session-store';
import { SCREEN_CAPTURE_EVERY_MS } from '../../../../electron/shared/screen-capture';

describe('the page asks for a picture of its home screen for the staff heatmap', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('once the home screen has stood a moment, once per interval and orientation', async () => {
    const session = createSessionStore({ screen: 'attract' });
    let clock = 1_800_000_000_000;
    let orientation: 'landscape' | 'portrait' = 'landscape';
    const asked: string[] = [];
    const stop = startScreenCapture({
      session,
      request: (o) => asked.push(o),
      orientation: () => orientation,
      settled: () => Promise.resolve(),
      now: () => clock,
    });
    session.setState({ screen: 'home' });
    await vi.advanceTimersByTimeAsync(CAPTURE_SETTLE_MS - 1);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual(['landscape']);

    // The next visitor, an hour later: not again.
    session.setState({ screen: 'attract' });
    clock += 3600_000;
    session.setState({ screen: 'home' });
    await vi.advanceTimersByTimeAsync(CAPTURE_SETTLE_MS);
    expect(asked).toEqual(['landscape']);

    // Turned to portrait: that orientation has no picture yet.
    session.setState({ screen: 'attract' });
    orientation = 'portrait';
    session.setState({ screen: 'home' });
    await vi.advanceTimersByTimeAsync(CAPTURE_SETTLE_MS);
    expect(asked).toEqual(['landscape', 'portrait']);

    // Past the interval, landscape again.
    orientation = 'landscape';
    clock += SCREEN_CAPTURE_EVERY_MS;
    session.setState({ screen: 'attract' });
    session.setState({ screen: 'home' });
    await vi.advanceTimersByTimeAsync(CAPTURE_SETTLE_MS);
    expect(asked).toEqual(['landscape', 'portrait', 'landscape']);
    stop();
  });

  it('not when the visitor moves on before the home screen has settled', async () => {
    const session = createSessionStore({ screen: 'home' });
    const request = vi.fn();
    const stop = startScreenCapture({
      session,
      request,
      orientation: () => 'landscape',
      settled: () => Promise.resolve(),
    });
    await vi.advanceTimersByTimeAsync(CAPTURE_SETTLE_MS / 2);
    session.setState({ screen: 'sand-table' });
    await vi.advanceTimersByTimeAsync(CAPTURE_SETTLE_MS * 2);
    expect(request).not.toHaveBeenCalled();
    stop();
  });

  it('by default asks the supervisor through its binding where the page has it', async () => {
    const binding = vi.fn();
    vi.stubGlobal('hallKioskCapture', binding);
    const session = createSessionStore({ screen: 'home' });
    const stop = startScreenCapture({
      session,
      orientation: () => 'portrait',
      settled: () => Promise.resolve(),
    });
    await vi.advanceTimersByTimeAsync(CAPTURE_SETTLE_MS);
    expect(binding).toHaveBeenCalledWith('portrait');
    stop();
  });
});
