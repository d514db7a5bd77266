/**
 * Recovery from a crashed, killed or hung renderer and from GPU process loss: an escalation
 * ladder as a pure state machine. Main feeds it incidents and carries out the returned action
 * after the returned delay; the state is plain JSON that main persists in the data directory so
 * the ladder survives a relaunch. The OS supervisor (systemd `Restart=always`, Windows Shell
 * Launcher) is the last rung: the app exits non-zero and lets it restart the kiosk.
 */
import { z } from 'zod';

/** What main should do about an incident. */
export type RecoveryAction = 'none' | 'reload' | 'recreate-window' | 'relaunch' | 'give-up-to-supervisor';

/** Actions that may appear on the ladder itself. */
export type LadderAction = 'reload' | 'recreate-window' | 'relaunch';

/** Electron's `RenderProcessGoneDetails.reason`. */
export type RendererGoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

/** Something went wrong with the kiosk's rendering. */
export type RecoveryIncident =
  /** `reason` is a {@link RendererGoneReason}; typed as string so a new Electron reason still parses. */
  | { readonly kind: 'renderer-gone'; readonly reason: string }
  /** The page stayed unresponsive for {@link UNRESPONSIVE_GRACE_MS}. */
  | { readonly kind: 'unresponsive' }
  | { readonly kind: 'gpu-gone'; readonly reason: string };

/** Tuning of the ladder. */
export type RecoveryPolicy = {
  /** Actions in order; an episode's n-th incident takes `ladder[n]`, past the end gives up. */
  readonly ladder: readonly LadderAction[];
  /** Delay before the second action of an episode; doubles with each further incident. The first is immediate. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** An incident this long after the previous one starts a new episode at the bottom rung. */
  readonly stablePeriodMs: number;
};

/** How long `unresponsive` must last before it is an incident (it is often followed by `responsive`). */
export const UNRESPONSIVE_GRACE_MS = 10_000;

/** Two reloads, two new windows, two relaunches, then the OS supervisor. */
export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = Object.freeze({
  ladder: Object.freeze([
    'reload',
    'reload',
    'recreate-window',
    'recreate-window',
    'relaunch',
    'relaunch',
  ] as const),
  baseDelayMs: 1_000,
  maxDelayMs: 15_000,
  stablePeriodMs: 10 * 60_000,
});

const countersSchema = z.object({
  incidents: z.number().int().nonnegative(),
  reload: z.number().int().nonnegative(),
  recreateWindow: z.number().int().nonnegative(),
  relaunch: z.number().int().nonnegative(),
  giveUp: z.number().int().nonnegative(),
});

/** Persisted ladder state (`recovery.json` in the data directory). */
export const recoveryStateSchema = z.object({
  version: z.literal(1),
  /** Incidents so far in the current episode: the next incident's rung. */
  step: z.number().int().nonnegative(),
  /** Wall-clock ms of the last incident, `null` if none yet. */
  lastIncidentAt: z.number().nullable(),
  /** Lifetime counters, never reset (health log, staff screen). */
  totals: countersSchema,
  last: z
    .object({
      at: z.number(),
      incident: z.string(),
      reason: z.string(),
      action: z.enum(['none', 'reload', 'recreate-window', 'relaunch', 'give-up-to-supervisor']),
    })
    .nullable(),
});

/** Persisted ladder state. */
export type RecoveryState = z.infer<typeof recoveryStateSchema>;

/** The state of a kiosk that has never had an incident. */
export function initialRecoveryState(): RecoveryState {
  return {
    version: 1,
    step: 0,
    lastIncidentAt: null,
    totals: { incidents: 0, reload: 0, recreateWindow: 0, relaunch: 0, giveUp: 0 },
    last: null,
  };
}

/** Parse persisted state; anything unreadable starts afresh (a corrupt file must not stop the kiosk). */
export function parseRecoveryState(raw: unknown): RecoveryState {
  const parsed = recoveryStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : initialRecoveryState();
}

/** What to do, when, and the state to persist before doing it. */
export type RecoveryDecision = {
  readonly action: RecoveryAction;
  readonly delayMs: number;
  readonly state: RecoveryState;
};

function incidentReason(incident: RecoveryIncident): string {
  return incident.kind === 'unresponsive' ? 'unresponsive' : incident.reason;
}

// The lowest rung that can help: a hung page cannot be reloaded reliably (recreate the window);
// a renderer that cannot launch or fails code integrity needs a fresh process tree.
function minimumRung(incident: RecoveryIncident, ladder: readonly LadderAction[]): number {
  let needed: LadderAction | null = null;
  if (incident.kind === 'unresponsive') needed = 'recreate-window';
  if (
    incident.kind === 'renderer-gone' &&
    (incident.reason === 'launch-failed' || incident.reason === 'integrity-failure')
  ) {
    needed = 'relaunch';
  }
  if (needed === null) return 0;
  const i = ladder.indexOf(needed);
  return i === -1 ? ladder.length : i;
}

function backoff(step: number, policy: RecoveryPolicy): number {
  if (step === 0) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (step - 1), policy.maxDelayMs);
}

function counted(totals: RecoveryState['totals'], action: RecoveryAction): RecoveryState['totals'] {
  const next = { ...totals, incidents: totals.incidents + 1 };
  switch (action) {
    case 'none':
      break;
    case 'reload':
      next.reload += 1;
      break;
    case 'recreate-window':
      next.recreateWindow += 1;
      break;
    case 'relaunch':
      next.relaunch += 1;
      break;
    case 'give-up-to-supervisor':
      next.giveUp += 1;
      break;
  }
  return next;
}

/**
 * Decide the response to `incident` at wall-clock `now` (ms). An incident more than
 * `stablePeriodMs` after the previous one starts a new episode. A clock that went backwards
 * neither resets nor freezes the ladder: the gap counts as zero and the new time is kept, so
 * the stable period is measured from now on. A GPU process that exited cleanly is not an
 * incident (`none`, state unchanged).
 */
export function nextRecovery(
  state: RecoveryState,
  incident: RecoveryIncident,
  now: number,
  policy: RecoveryPolicy = DEFAULT_RECOVERY_POLICY,
): RecoveryDecision {
  if (incident.kind === 'gpu-gone' && incident.reason === 'clean-exit') {
    return { action: 'none', delayMs: 0, state };
  }
  const elapsed =
    state.lastIncidentAt === null ? Number.POSITIVE_INFINITY : Math.max(0, now - state.lastIncidentAt);
  const episodeStep = elapsed >= policy.stablePeriodMs ? 0 : state.step;
  const step = Math.max(episodeStep, minimumRung(incident, policy.ladder));
  const action: RecoveryAction = policy.ladder[step] ?? 'give-up-to-supervisor';
  return {
    action,
    // Backoff follows how many incidents came in a row, not the rung: a first hang jumps to a
    // new window at once.
    delayMs: backoff(episodeStep, policy),
    state: {
      version: 1,
      step: step + 1,
      lastIncidentAt: now,
      totals: counted(state.totals, action),
      last: { at: now, incident: incident.kind, reason: incidentReason(incident), action },
    },
  };
}

/** Recovery actions taken in the kiosk's lifetime (for `app:health`). */
export function recoveryCount(state: RecoveryState): number {
  const t = state.totals;
  return t.reload + t.recreateWindow + t.relaunch + t.giveUp;
}
