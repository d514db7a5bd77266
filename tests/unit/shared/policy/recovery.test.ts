import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECOVERY_POLICY,
  initialRecoveryState,
  nextRecovery,
  parseRecoveryState,
  recoveryCount,
  type RecoveryAction,
  type RecoveryIncident,
  type RecoveryState,
} from '../../../../electron/shared/policy/recovery';

const crashed: RecoveryIncident = { kind: 'renderer-gone', reason: 'crashed' };
const oom: RecoveryIncident = { kind: 'renderer-gone', reason: 'oom' };
const hung: RecoveryIncident = { kind: 'unresponsive' };
const gpu: RecoveryIncident = { kind: 'gpu-gone', reason: 'crashed' };
const T0 = 1_750_000_000_000;
const STABLE = DEFAULT_RECOVERY_POLICY.stablePeriodMs;

/** Feed incidents at the given times; return each action and delay, and the final state. */
function run(
  steps: [incident: RecoveryIncident, at: number][],
  start: RecoveryState = initialRecoveryState(),
) {
  let state = start;
  const out: [RecoveryAction, number][] = [];
  for (const [incident, at] of steps) {
    const d = nextRecovery(state, incident, at);
    out.push([d.action, d.delayMs]);
    state = d.state;
  }
  return { out, state };
}

describe('nextRecovery: the ladder', () => {
  it('climbs reload ×2 → recreate ×2 → relaunch ×2 → supervisor, with exponential backoff', () => {
    const { out } = run(
      Array.from({ length: 9 }, (_, i) => [crashed, T0 + i * 1000] as [RecoveryIncident, number]),
    );
    expect(out).toEqual([
      ['reload', 0],
      ['reload', 1000],
      ['recreate-window', 2000],
      ['recreate-window', 4000],
      ['relaunch', 8000],
      ['relaunch', 15000], // capped at maxDelayMs
      ['give-up-to-supervisor', 15000],
      ['give-up-to-supervisor', 15000],
      ['give-up-to-supervisor', 15000],
    ]);
  });

  const table: [name: string, steps: [RecoveryIncident, number][], expected: RecoveryAction[]][] = [
    [
      'oom and crash share one episode',
      [
        [oom, T0],
        [crashed, T0 + 5],
        [oom, T0 + 10],
      ],
      ['reload', 'reload', 'recreate-window'],
    ],
    ['a GPU crash reloads (WebGL rebuilt from scratch)', [[gpu, T0]], ['reload']],
    [
      'a GPU clean exit is not an incident',
      [
        [{ kind: 'gpu-gone', reason: 'clean-exit' }, T0],
        [crashed, T0 + 1],
      ],
      ['none', 'reload'],
    ],
    [
      'a renderer clean exit still recovers (never a blank screen)',
      [[{ kind: 'renderer-gone', reason: 'clean-exit' }, T0]],
      ['reload'],
    ],
    [
      'a hung page starts at recreate-window',
      [
        [hung, T0],
        [hung, T0 + 1],
        [hung, T0 + 2],
      ],
      ['recreate-window', 'recreate-window', 'relaunch'],
    ],
    [
      'a hang after one crash jumps to recreate',
      [
        [crashed, T0],
        [hung, T0 + 1],
      ],
      ['reload', 'recreate-window'],
    ],
    [
      'launch-failed needs a relaunch',
      [[{ kind: 'renderer-gone', reason: 'launch-failed' }, T0]],
      ['relaunch'],
    ],
    [
      'integrity-failure needs a relaunch',
      [[{ kind: 'renderer-gone', reason: 'integrity-failure' }, T0]],
      ['relaunch'],
    ],
    [
      'an unknown future reason is treated as a crash',
      [[{ kind: 'renderer-gone', reason: 'new-reason' }, T0]],
      ['reload'],
    ],
    [
      'a stable period resets to the bottom rung',
      [
        [crashed, T0],
        [crashed, T0 + 1],
        [crashed, T0 + 2],
        [crashed, T0 + 2 + STABLE],
      ],
      ['reload', 'reload', 'recreate-window', 'reload'],
    ],
    [
      'just under the stable period keeps climbing',
      [
        [crashed, T0],
        [crashed, T0 + STABLE - 1],
      ],
      ['reload', 'reload'],
    ],
    [
      'the stable period counts from the last incident, not the first',
      [
        [crashed, T0],
        [crashed, T0 + STABLE - 1],
        [crashed, T0 + 2 * STABLE - 2],
      ],
      ['reload', 'reload', 'recreate-window'],
    ],
    [
      'a clock jumping back neither resets nor throws',
      [
        [crashed, T0],
        [crashed, T0 - 10 * STABLE],
      ],
      ['reload', 'reload'],
    ],
    [
      'after a clock jump back, stability is measured from the new time',
      [
        [crashed, T0],
        [crashed, T0 - 10 * STABLE],
        [crashed, T0 - 9 * STABLE],
      ],
      ['reload', 'reload', 'reload'],
    ],
  ];
  it.each(table)('%s', (_name, steps, expected) => {
    expect(run(steps).out.map(([a]) => a)).toEqual(expected);
  });

  it('backs off by incidents in a row, not by rung (a first hang acts at once)', () => {
    expect(run([[hung, T0]]).out).toEqual([['recreate-window', 0]]);
    expect(
      run([
        [crashed, T0],
        [hung, T0 + 1],
      ]).out,
    ).toEqual([
      ['reload', 0],
      ['recreate-window', 1000],
    ]);
  });
});

describe('nextRecovery: counters and persistence', () => {
  it('counts every action by kind and never resets the totals', () => {
    const { state } = run([
      [crashed, T0],
      [crashed, T0 + 1],
      [crashed, T0 + 2],
      [crashed, T0 + 2 + STABLE],
      [{ kind: 'gpu-gone', reason: 'clean-exit' }, T0 + 3 + STABLE],
    ]);
    expect(state.totals).toEqual({ incidents: 4, reload: 3, recreateWindow: 1, relaunch: 0, giveUp: 0 });
    expect(recoveryCount(state)).toBe(4);
    expect(state.last).toEqual({
      at: T0 + 2 + STABLE,
      incident: 'renderer-gone',
      reason: 'crashed',
      action: 'reload',
    });
  });

  it('survives a JSON round trip mid-episode (relaunch persists, the next process continues)', () => {
    const first = run([
      [crashed, T0],
      [crashed, T0 + 1],
      [crashed, T0 + 2],
      [crashed, T0 + 3],
      [crashed, T0 + 4],
    ]);
    expect(first.out.at(-1)?.[0]).toBe('relaunch');
    const restored = parseRecoveryState(JSON.parse(JSON.stringify(first.state)));
    expect(restored).toEqual(first.state);
    expect(run([[crashed, T0 + 60_000]], restored).out).toEqual([['relaunch', 15000]]);
  });

  it('does not mutate the state it is given', () => {
    const s = initialRecoveryState();
    const copy = structuredClone(s);
    nextRecovery(s, crashed, T0);
    expect(s).toEqual(copy);
  });

  it.each([
    ['null', null],
    ['a string', 'garbage'],
    ['an old version', { ...initialRecoveryState(), version: 0 }],
    ['a negative step', { ...initialRecoveryState(), step: -1 }],
    ['missing totals', { version: 1, step: 2, lastIncidentAt: T0, last: null }],
    [
      'a bad action',
      { ...initialRecoveryState(), last: { at: 1, incident: 'x', reason: 'y', action: 'format-disk' } },
    ],
  ])('unreadable persisted state (%s) starts afresh', (_name, raw) => {
    expect(parseRecoveryState(raw)).toEqual(initialRecoveryState());
  });

  it('honours a custom policy', () => {
    const policy = { ladder: ['reload'] as const, baseDelayMs: 10, maxDelayMs: 100, stablePeriodMs: 1000 };
    let s = initialRecoveryState();
    const actions: [RecoveryAction, number][] = [];
    for (const at of [0, 1, 2, 2000]) {
      const d = nextRecovery(s, crashed, T0 + at, policy);
      actions.push([d.action, d.delayMs]);
      s = d.state;
    }
    expect(actions).toEqual([
      ['reload', 0],
      ['give-up-to-supervisor', 10],
      ['give-up-to-supervisor', 20],
      ['reload', 0],
    ]);
    expect(nextRecovery(initialRecoveryState(), hung, T0, policy).action).toBe('give-up-to-supervisor');
  });
});
