import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Vitals } from '../../../../electron/shared/health';
import { startVitals } from '../../../../renderer/src/flows/vitals';
import { createHallStore } from '../../../../renderer/src/stores/hall-store';
import { createSessionStore } from '../../../../renderer/src/stores/session-store';

describe('the page reports its vitals and reloads only at an idle moment', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports each minute; reloads on the answer only if still idle', async () => {
    const session = createSessionStore({ screen: 'home' });
    const hall = createHallStore();
    const reports: Vitals[] = [];
    const reload = vi.fn();
    const stop = startVitals({
      session,
      hall,
      measureFps: () => Promise.resolve(58),
      heapBytes: () => 123,
      report: (v) => {
        reports.push(v);
        // The visitor touched the screen while the answer travelled.
        if (v.idle) session.setState({ screen: 'home' });
        return Promise.resolve({ reload: v.idle, reason: v.idle ? 'memory' : null });
      },
      reload,
      intervalMs: 60_000,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reports[0]).toEqual({ fps: 58, heapUsedBytes: 123, idle: false, hours: 'open' });
    session.setState({ screen: 'attract' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reports[1]?.idle).toBe(true);
    expect(reload).not.toHaveBeenCalled();
    stop();
  });

  it('reloads at once when the answer comes at an idle moment', async () => {
    const session = createSessionStore({ screen: 'attract' });
    const reload = vi.fn();
    const stop = startVitals({
      session,
      hall: createHallStore(),
      measureFps: () => Promise.resolve(null),
      heapBytes: () => null,
      report: () => Promise.resolve({ reload: true, reason: 'nightly' }),
      reload,
      intervalMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(reload).toHaveBeenCalledTimes(1);
    stop();
  });

  it('in browser-kiosk mode a nightly restart asks the supervisor, and reloads only if Chromium stays', async () => {
    const session = createSessionStore({ screen: 'attract' });
    const reload = vi.fn();
    const asked: string[] = [];
    const stop = startVitals({
      session,
      hall: createHallStore(),
      measureFps: () => Promise.resolve(null),
      heapBytes: () => null,
      report: () => Promise.resolve({ reload: true, reason: 'nightly' }),
      reload,
      restartBrowser: (reason) => {
        asked.push(reason);
        return true;
      },
      intervalMs: 1000,
      fallbackMs: 20_000,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toEqual(['nightly']);
    expect(reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(19_000);
    expect(reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(asked).toEqual(['nightly']);
    stop();
  });

  it('a memory reload stays a page reload, and the binding is used only where the page has it', async () => {
    const session = createSessionStore({ screen: 'attract' });
    const memoryReload = vi.fn();
    const restartBrowser = vi.fn(() => true);
    const stopMemory = startVitals({
      session,
      hall: createHallStore(),
      measureFps: () => Promise.resolve(null),
      heapBytes: () => null,
      report: () => Promise.resolve({ reload: true, reason: 'memory' }),
      reload: memoryReload,
      restartBrowser,
      intervalMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(memoryReload).toHaveBeenCalledTimes(1);
    expect(restartBrowser).not.toHaveBeenCalled();
    stopMemory();

    // The default: the supervisor's binding on window, called with the reason.
    const binding = vi.fn();
    vi.stubGlobal('hallKioskRestart', binding);
    try {
      const nightlyReload = vi.fn();
      const stop = startVitals({
        session,
        hall: createHallStore(),
        measureFps: () => Promise.resolve(null),
        heapBytes: () => null,
        report: () => Promise.resolve({ reload: true, reason: 'nightly' }),
        reload: nightlyReload,
        intervalMs: 1000,
      });
      await vi.advanceTimersByTimeAsync(1000);
      expect(binding).toHaveBeenCalledWith('nightly');
      expect(nightlyReload).not.toHaveBeenCalled();
      stop();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
