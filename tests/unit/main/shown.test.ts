import { describe, expect, it, vi } from 'vitest';
import { createShownConfirmer } from '../../../electron/main/shown';

function setup() {
  let incidents = 0;
  const timers: (() => void)[] = [];
  const confirm = vi.fn(() => Promise.resolve());
  const pageLoaded = createShownConfirmer({
    incidents: () => incidents,
    confirm,
    delayMs: 1000,
    setTimer: (fn) => timers.push(fn),
  });
  return {
    pageLoaded,
    confirm,
    timers,
    incident: () => {
      incidents += 1;
    },
  };
}

describe('createShownConfirmer', () => {
  it('confirms once after a clean run following the first load', () => {
    const s = setup();
    s.pageLoaded();
    s.pageLoaded(); // a reload while waiting does not start a second wait
    expect(s.timers).toHaveLength(1);
    s.timers[0]?.();
    expect(s.confirm).toHaveBeenCalledTimes(1);
    s.pageLoaded();
    expect(s.timers).toHaveLength(1); // done for good
  });

  it('waits for the next clean load when an incident happened meanwhile', () => {
    const s = setup();
    s.pageLoaded();
    s.incident();
    s.timers[0]?.();
    expect(s.confirm).not.toHaveBeenCalled();
    s.pageLoaded();
    s.timers[1]?.();
    expect(s.confirm).toHaveBeenCalledTimes(1);
  });
});
