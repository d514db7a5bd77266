/**
 * Runs the recovery ladder: turns window and process events into incidents, asks the pure policy
 * what to do, persists the new state, then carries the action out after the policy's delay.
 * Independent of Electron (the window actions and the clock are injected) so it is unit-tested
 * with fake timers; `watch.ts` connects it to real windows.
 */
import {
  DEFAULT_RECOVERY_POLICY,
  UNRESPONSIVE_GRACE_MS,
  nextRecovery,
  type RecoveryAction,
  type RecoveryIncident,
  type RecoveryPolicy,
  type RecoveryState,
} from '../../shared/policy/recovery';
import type { Logger } from '../../node/log/logger';

/** How each rung is carried out (main: `loadURL(start)`, new window, `app.relaunch()`+exit, `app.exit(1)`). */
export type RecoveryActions = {
  readonly reload: () => void;
  readonly recreateWindow: () => void;
  readonly relaunch: () => void;
  readonly giveUpToSupervisor: () => void;
};

export type RecoverySupervisorOptions = {
  readonly initialState: RecoveryState;
  readonly persist: (state: RecoveryState) => void;
  readonly actions: RecoveryActions;
  readonly log: Logger;
  readonly policy?: RecoveryPolicy;
  readonly unresponsiveGraceMs?: number;
  readonly now?: () => number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
};

export type RecoverySupervisor = {
  /** Something broke; climb the ladder (ignored while an action is pending or after `stop`). */
  incident(incident: RecoveryIncident): void;
  /** The window reported `unresponsive`: an incident unless `responsive` follows within the grace. */
  unresponsive(): void;
  /** The window reported `responsive` again. */
  responsive(): void;
  /** The current state (for `app:health`). */
  state(): RecoveryState;
  /** The app is quitting: cancel timers, ignore everything from now on. */
  stop(): void;
};

export function createRecoverySupervisor(opts: RecoverySupervisorOptions): RecoverySupervisor {
  const policy = opts.policy ?? DEFAULT_RECOVERY_POLICY;
  const grace = opts.unresponsiveGraceMs ?? UNRESPONSIVE_GRACE_MS;
  const now = opts.now ?? Date.now;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const { log, actions } = opts;

  let state = opts.initialState;
  let pending: unknown = null;
  let hangTimer: unknown = null;
  let stopped = false;

  const execute = (action: RecoveryAction): void => {
    try {
      switch (action) {
        case 'none':
          return;
        case 'reload':
          actions.reload();
          return;
        case 'recreate-window':
          actions.recreateWindow();
          return;
        case 'relaunch':
          actions.relaunch();
          return;
        case 'give-up-to-supervisor':
          actions.giveUpToSupervisor();
          return;
      }
    } catch (error) {
      // The rung itself failed (e.g. a window could not be created): the next rung is the answer.
      log.error('recovery action failed', { action, error });
      if (action !== 'give-up-to-supervisor') incident({ kind: 'renderer-gone', reason: 'launch-failed' });
      else throw error;
    }
  };

  const incident = (inc: RecoveryIncident): void => {
    if (stopped) return;
    if (pending !== null) {
      log.info('recovery: incident while an action is pending; ignored', { incident: inc.kind });
      return;
    }
    const decision = nextRecovery(state, inc, now(), policy);
    state = decision.state;
    if (decision.action === 'none') {
      log.info('recovery: not an incident', {
        incident: inc.kind,
        reason: 'reason' in inc ? inc.reason : null,
      });
      return;
    }
    opts.persist(state);
    log.warn('recovery', {
      incident: inc.kind,
      reason: 'reason' in inc ? inc.reason : null,
      action: decision.action,
      delayMs: decision.delayMs,
      step: state.step,
    });
    pending = setTimer(() => {
      pending = null;
      if (!stopped) execute(decision.action);
    }, decision.delayMs);
  };

  return {
    incident,
    unresponsive() {
      if (stopped || hangTimer !== null) return;
      hangTimer = setTimer(() => {
        hangTimer = null;
        incident({ kind: 'unresponsive' });
      }, grace);
    },
    responsive() {
      if (hangTimer !== null) clearTimer(hangTimer);
      hangTimer = null;
    },
    state: () => state,
    stop() {
      stopped = true;
      if (pending !== null) clearTimer(pending);
      if (hangTimer !== null) clearTimer(hangTimer);
      pending = null;
      hangTimer = null;
    },
  };
}
