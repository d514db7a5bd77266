/**
 * Staff mode's flows: the async work behind the staff screen's buttons, coordinating the staff
 * store, the session store (which screen shows) and `staffApi`.
 * Nothing here ever touches a visitor screen: failures become problems in the staff store, and
 * the staff store is forgotten on the visitor idle reset.
 */
import type { StaffDayRange, StaffProblem, StaffScheduleAction } from '../../../electron/shared/staff-api';
import { STAFF_PIN_MIN_DIGITS } from '../../../electron/shared/staff-api';
import type { StaffApi } from '../bridge/staff';
import { reloadsItself, staffApi } from '../bridge/staff';
import { errorData, log } from '../bridge/log';
import type { SessionStore } from '../stores/session-store';
import { selectScreen, sessionStore } from '../stores/session-store';
import type { StaffBusy, StaffStore } from '../stores/staff-store';
import { selectStaffToken, staffStore } from '../stores/staff-store';
import { holdIdle } from './idle';
import { registerSessionReset } from './session-reset';

registerSessionReset(staffStore, 'staff');

export type StaffFlowDeps = {
  api: StaffApi;
  staff: StaffStore;
  session: SessionStore;
  /** Browser mode: show the switched pack by reloading the page. */
  reloadPage: () => void;
  reloadsItself: () => boolean;
};

const sessionOver = (problems: readonly StaffProblem[]): boolean =>
  problems.some((p) => p.code === 'staff.session-ended');

export type StaffFlows = ReturnType<typeof createStaffFlows>;

export function createStaffFlows(deps: StaffFlowDeps) {
  const { api, staff, session } = deps;

  /** Runs one token-carrying request with the busy flag, an idle hold and failure handling. */
  async function run<R extends { ok: boolean }>(
    busy: Exclude<StaffBusy, null>,
    request: (token: string) => Promise<R>,
    done: (result: Extract<R, { ok: true }>) => void | Promise<void>,
  ): Promise<boolean> {
    const token = staff.getState().token;
    if (!token) return false;
    if (busy === 'preview') {
      // previewRequested set the flag already (with the path being checked).
    } else staff.getState().requestStarted(busy);
    // A long install must not be cut short by the visitor idle timeout.
    const release = holdIdle(`staff-${busy}`);
    try {
      const result = await request(token);
      // The session may have been left while the request ran.
      if (staff.getState().token !== token) return false;
      if (result.ok) {
        await done(result as Extract<R, { ok: true }>);
        return true;
      }
      const problems = (result as unknown as { problems: StaffProblem[] }).problems;
      if (sessionOver(problems)) staff.getState().sessionEnded(problems);
      else staff.getState().requestFailed(problems);
      return false;
    } catch (error) {
      log.error('staff flow failed', { busy, ...errorData(error) });
      staff.getState().requestFailed([]);
      return false;
    } finally {
      release();
    }
  }

  const showSwitched = (ref: string): void => {
    staff.getState().packSwitched(ref);
    log.info('staff switched packs', { ref });
    // Electron's main reloads the window itself; a browser reloads the page.
    if (deps.reloadsItself()) deps.reloadPage();
  };

  const flows = {
    /** The hidden gesture or the chord: open the PIN pad (never from the staff screen itself). */
    async open(): Promise<void> {
      if (session.getState().screen === 'staff') return;
      staff.getState().staffOpened();
      session.getState().screenRequested('staff');
      const hello = await api.hello();
      if (hello.ok) staff.getState().helloLoaded(hello);
      else staff.getState().requestFailed(hello.problems);
    },

    async submitPin(): Promise<void> {
      const { pin, phase } = staff.getState();
      if (phase !== 'pin' || pin.length < STAFF_PIN_MIN_DIGITS) return;
      staff.getState().pinSubmitted();
      const result = await api.unlock(pin);
      if (!result.ok) {
        staff.getState().unlockRefused(result.problems);
        return;
      }
      staff.getState().unlocked(result.token);
      await flows.refreshStatus();
    },

    refreshStatus: () =>
      run(
        'status',
        (t) => api.status(t),
        (r) => staff.getState().statusLoaded(r),
      ),

    findPacks: () =>
      run(
        'scan',
        (t) => api.scan(t),
        (r) => staff.getState().scanLoaded(r),
      ),

    preview(path: string): Promise<boolean> {
      if (!staff.getState().token) return Promise.resolve(false);
      staff.getState().previewRequested(path);
      return run(
        'preview',
        (t) => api.preview(t, path),
        (r) => staff.getState().previewLoaded(r),
      );
    },

    /** Install, then activate at once: "Install and show". */
    async installAndShow(path: string): Promise<boolean> {
      let installed: string | null = null;
      const ok = await run(
        'install',
        (t) => api.install(t, path),
        (r) => {
          installed = r.ref;
          staff.getState().packInstalled(r);
        },
      );
      if (!ok || installed === null) return false;
      return flows.activate(installed);
    },

    activate: (ref: string) =>
      run(
        'activate',
        (t) => api.activate(t, ref),
        (r) => showSwitched(r.ref),
      ),

    rollback: () =>
      run(
        'rollback',
        (t) => api.rollback(t),
        (r) => showSwitched(r.ref),
      ),

    async remove(ref: string): Promise<boolean> {
      const ok = await run(
        'remove',
        (t) => api.remove(t, ref),
        (r) => staff.getState().packRemoved(r.ref),
      );
      if (ok) {
        // Keep the "removed" notice visible over the refreshed list.
        const notice = staff.getState().notice;
        await flows.refreshStatus();
        if (notice) staff.setState({ notice });
      }
      return ok;
    },

    /** The analytics view and the export cover `range` (local days). */
    analytics(range: StaffDayRange = staff.getState().range): Promise<boolean> {
      staff.getState().rangeChosen(range);
      return run(
        'analytics',
        (t) => api.analytics(t, range),
        (r) => staff.getState().analyticsLoaded(r),
      );
    },

    /** Writes the CSV files of the chosen days (visitor analytics, check-ins) and the kiosk's state. */
    exportTo(target: string): Promise<boolean> {
      const input = staff.getState().range;
      return run(
        'export',
        (t) => api.exportStats(t, target, input),
        (r) => staff.getState().exported(r),
      );
    },

    /** The schedule tab: list, add or remove dated packs (the same rules as `hallpack schedule`). */
    schedule(action: StaffScheduleAction): Promise<boolean> {
      return run(
        'schedule',
        (t) => api.schedule(t, action),
        (r) => staff.getState().scheduleLoaded(r),
      );
    },

    /** "Leave staff mode": back to the visitor screens; the session is locked on the way. */
    leave(): void {
      staff.getState().left();
      session.getState().screenRequested('home');
    },
  };
  return flows;
}

/**
 * Wires the staff store to the rest: a token that is dropped (lock, idle reset, leaving the
 * screen) is locked on the kiosk too, and leaving the staff screen by any way leaves staff mode.
 * Returns the unsubscribe function.
 */
export function wireStaffMode(deps: Pick<StaffFlowDeps, 'api' | 'staff' | 'session'>): () => void {
  const offToken = deps.staff.subscribe(selectStaffToken, (token, previous) => {
    if (previous !== null && previous !== token) void deps.api.lock(previous);
  });
  const offScreen = deps.session.subscribe(selectScreen, (screen, previous) => {
    if (previous === 'staff' && screen !== 'staff') deps.staff.getState().left();
  });
  return () => {
    offToken();
    offScreen();
  };
}

const appDeps: StaffFlowDeps = {
  api: staffApi,
  staff: staffStore,
  session: sessionStore,
  reloadPage: () => window.location.reload(),
  reloadsItself,
};

/** The app's staff flows. */
export const staffFlows = createStaffFlows(appDeps);

let unwire: (() => void) | null = null;

/** Called once at start-up (see flows/staff-entry.ts). */
export function startStaffMode(): void {
  unwire ??= wireStaffMode(appDeps);
}
