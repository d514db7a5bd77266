import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  forgetPerformanceEntries,
  holdIdle,
  idleTimedOut,
  startIdleWatch,
} from '../../../../renderer/src/flows/idle';
import { registerSessionReset } from '../../../../renderer/src/flows/session-reset';
import { createSessionStore } from '../../../../renderer/src/stores/session-store';
import type { SessionStore } from '../../../../renderer/src/stores/session-store';

function fakeStore() {
  const sessionReset = vi.fn();
  return { store: { getState: () => ({ sessionReset }) }, sessionReset };
}

describe('idle flow', () => {
  let session: SessionStore;
  let target: EventTarget;
  let stop: () => void = () => undefined;
  const unregister: (() => void)[] = [];

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    session = createSessionStore();
    session.getState().packLoaded({ languages: ['zh-Hans', 'en'], defaultLanguage: 'zh-Hans' });
    target = new EventTarget();
  });

  afterEach(() => {
    stop();
    for (const u of unregister.splice(0)) u();
    vi.useRealTimers();
  });

  const watch = (idleSeconds = 120, countdownSeconds = 10) => {
    stop = startIdleWatch({
      config: { idleSeconds, countdownSeconds },
      session,
      now: () => Date.now(),
      target,
    });
  };

  it('counts down after the idle time, then resets every registered store and returns to attract', () => {
    const a = fakeStore();
    const b = fakeStore();
    unregister.push(registerSessionReset(a.store, 'a'), registerSessionReset(b.store, 'b'));
    session.getState().attractTouched(Date.now());
    session.getState().languageToggled();
    watch(120, 10);

    vi.advanceTimersByTime(119_000);
    expect(session.getState().idlePhase).toBe('active');
    vi.advanceTimersByTime(1_000);
    expect(session.getState().idlePhase).toBe('countdown');
    expect(session.getState().screen).toBe('home');

    vi.advanceTimersByTime(9_500);
    expect(a.sessionReset).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(a.sessionReset).toHaveBeenCalledTimes(1);
    expect(b.sessionReset).toHaveBeenCalledTimes(1);
    expect(session.getState()).toMatchObject({ screen: 'attract', language: 'zh-Hans', idlePhase: 'active' });
  });

  it('any touch restarts the idle clock', () => {
    session.getState().attractTouched(Date.now());
    watch(60, 10);
    vi.advanceTimersByTime(50_000);
    target.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(50_000);
    expect(session.getState().idlePhase).toBe('active');
    vi.advanceTimersByTime(10_000);
    expect(session.getState().idlePhase).toBe('countdown');
  });

  it('Continue on the countdown keeps the visitor, and the clock starts again', () => {
    session.getState().attractTouched(Date.now());
    session.getState().screenRequested('timeline');
    watch(30, 10);
    vi.advanceTimersByTime(30_000);
    expect(session.getState().idlePhase).toBe('countdown');
    target.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(5_000);
    session.getState().idleContinued(Date.now());
    vi.advanceTimersByTime(20_000);
    expect(session.getState()).toMatchObject({ screen: 'timeline', idlePhase: 'active' });
    vi.advanceTimersByTime(10_000);
    expect(session.getState().idlePhase).toBe('countdown');
  });

  it('never counts down on attract', () => {
    watch(5, 3);
    vi.advanceTimersByTime(60_000);
    expect(session.getState()).toMatchObject({ screen: 'attract', idlePhase: 'active' });
  });

  it('a hold (a video playing) keeps the session alive until released', () => {
    session.getState().attractTouched(Date.now());
    watch(10, 5);
    const release = holdIdle('video');
    vi.advanceTimersByTime(60_000);
    expect(session.getState().idlePhase).toBe('active');
    release();
    vi.advanceTimersByTime(9_000);
    expect(session.getState().idlePhase).toBe('active');
    vi.advanceTimersByTime(1_000);
    expect(session.getState().idlePhase).toBe('countdown');
  });

  it('stop removes the timer and the listeners', () => {
    session.getState().attractTouched(Date.now());
    watch(5, 3);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(session.getState().idlePhase).toBe('active');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('idleTimedOut survives a store whose reset throws', () => {
    const bad = {
      getState: () => ({
        sessionReset: () => {
          throw new Error('boom');
        },
      }),
    };
    const good = fakeStore();
    unregister.push(registerSessionReset(bad, 'bad'), registerSessionReset(good.store, 'good'));
    session.getState().attractTouched(1);
    idleTimedOut(session);
    expect(good.sessionReset).toHaveBeenCalled();
    expect(session.getState().screen).toBe('attract');
  });

  it('idleTimedOut empties the performance timeline: marks from every visit would pile up for months', () => {
    const clearMarks = vi.spyOn(performance, 'clearMarks');
    const clearMeasures = vi.spyOn(performance, 'clearMeasures');
    const clearResourceTimings = vi.spyOn(performance, 'clearResourceTimings');
    try {
      session.getState().attractTouched(1);
      idleTimedOut(session);
      expect(clearMarks).toHaveBeenCalledWith();
      expect(clearMeasures).toHaveBeenCalledWith();
      expect(clearResourceTimings).toHaveBeenCalledWith();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('forgetPerformanceEntries drops every mark and measure of the real timeline', () => {
    vi.useRealTimers();
    performance.mark('timeline:first-render');
    performance.mark('timeline:first-render');
    performance.measure('visit', 'timeline:first-render');
    expect(performance.getEntriesByName('timeline:first-render')).toHaveLength(2);
    forgetPerformanceEntries();
    expect(performance.getEntriesByName('timeline:first-render')).toHaveLength(0);
    expect(performance.getEntriesByName('visit')).toHaveLength(0);
  });
});
