import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { createRecoverySupervisor } from '../../../../electron/main/recovery/supervisor';
import { initialRecoveryState, type RecoveryState } from '../../../../electron/shared/policy/recovery';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_750_000_000_000);
});
afterEach(() => vi.useRealTimers());

function setup(initialState: RecoveryState = initialRecoveryState()) {
  const done: string[] = [];
  const persisted: RecoveryState[] = [];
  const log = memoryLogger();
  const supervisor = createRecoverySupervisor({
    initialState,
    persist: (s) => persisted.push(s),
    log,
    actions: {
      reload: () => done.push('reload'),
      recreateWindow: () => done.push('recreate-window'),
      relaunch: () => done.push('relaunch'),
      giveUpToSupervisor: () => done.push('give-up'),
    },
  });
  return { supervisor, done, persisted, log };
}

const crash = { kind: 'renderer-gone', reason: 'crashed' } as const;

describe('recovery supervisor', () => {
  it('reloads at once on the first crash and persists before acting', () => {
    const { supervisor, done, persisted } = setup();
    supervisor.incident(crash);
    expect(persisted).toHaveLength(1);
    expect(done).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(done).toEqual(['reload']);
  });

  it('waits out the backoff before the next rung, ignoring incidents meanwhile', () => {
    const { supervisor, done } = setup();
    supervisor.incident(crash);
    vi.advanceTimersByTime(0);
    supervisor.incident(crash); // second reload after 1 s
    supervisor.incident(crash); // ignored: an action is pending
    vi.advanceTimersByTime(999);
    expect(done).toEqual(['reload']);
    vi.advanceTimersByTime(1);
    expect(done).toEqual(['reload', 'reload']);
    supervisor.incident(crash);
    vi.advanceTimersByTime(2000);
    expect(done).toEqual(['reload', 'reload', 'recreate-window']);
    expect(supervisor.state().totals.incidents).toBe(3);
  });

  it('turns a hang into an incident only after the grace period', () => {
    const { supervisor, done } = setup();
    supervisor.unresponsive();
    vi.advanceTimersByTime(9_999);
    supervisor.responsive();
    vi.advanceTimersByTime(60_000);
    expect(done).toEqual([]);
    supervisor.unresponsive();
    supervisor.unresponsive(); // repeated reports do not restart the grace
    vi.advanceTimersByTime(10_000);
    vi.advanceTimersByTime(1); // a first hang: a new window at once (fake timers make 0 ms inside a tick 1 ms)
    expect(done).toEqual(['recreate-window']);
  });

  it('continues a persisted episode after a relaunch', () => {
    const first = setup();
    for (let i = 0; i < 5; i += 1) {
      first.supervisor.incident(crash);
      vi.advanceTimersByTime(20_000);
    }
    expect(first.done.at(-1)).toBe('relaunch');
    const second = setup(first.persisted.at(-1));
    second.supervisor.incident(crash);
    vi.advanceTimersByTime(20_000);
    second.supervisor.incident(crash);
    vi.advanceTimersByTime(20_000);
    expect(second.done).toEqual(['relaunch', 'give-up']);
  });

  it('climbs when an action itself fails', () => {
    const { supervisor, done, log } = setup();
    const failing = createRecoverySupervisor({
      initialState: initialRecoveryState(),
      persist: () => undefined,
      log,
      actions: {
        reload: () => {
          throw new Error('window gone');
        },
        recreateWindow: () => done.push('recreate-window'),
        relaunch: () => done.push('relaunch'),
        giveUpToSupervisor: () => done.push('give-up'),
      },
    });
    failing.incident(crash);
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(60_000);
    expect(done).toEqual(['relaunch']); // launch-failed needs a fresh process tree
    expect(log.find('recovery action failed')).toHaveLength(1);
    supervisor.stop();
  });

  it('does nothing once stopped (quitting)', () => {
    const { supervisor, done } = setup();
    supervisor.incident(crash);
    supervisor.stop();
    vi.advanceTimersByTime(60_000);
    supervisor.incident(crash);
    supervisor.unresponsive();
    vi.advanceTimersByTime(60_000);
    expect(done).toEqual([]);
  });

  it('treats a clean GPU exit as no incident', () => {
    const { supervisor, done, persisted } = setup();
    supervisor.incident({ kind: 'gpu-gone', reason: 'clean-exit' });
    vi.advanceTimersByTime(60_000);
    expect(done).toEqual([]);
    expect(persisted).toEqual([]);
  });
});
