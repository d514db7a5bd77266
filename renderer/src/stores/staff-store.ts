import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import { STAFF_PIN_MAX_DIGITS, STAFF_PIN_MIN_DIGITS } from '../../../electron/shared/staff-api';
import { localDateKey } from '../../../electron/shared/hall-hours';
import type {
  StaffAnalytics,
  StaffDayRange,
  StaffExport,
  StaffHello,
  StaffInstall,
  StaffOk,
  StaffPreview,
  StaffProblem,
  StaffScan,
  StaffSchedule,
  StaffStatus,
} from '../../../electron/shared/staff-api';

/**
 * Staff mode: the PIN pad, the session token, and what the staff screen shows. Everything here
 * is forgotten on the visitor idle reset (the session ends with it); the kiosk's own state lives
 * in Node and comes back through `staffApi`. Async work is done by flows/staff.ts, which reports
 * here through the events below.
 */

export type StaffTab = 'health' | 'packs' | 'schedule' | 'analytics' | 'export';

/** `pin`: the pad; `checking`: the PIN is being verified; `open`: a session is live. */
export type StaffPhase = 'pin' | 'checking' | 'open';

/** The request running now (one at a time; the screen disables its buttons meanwhile). */
export type StaffBusy =
  | 'status'
  | 'scan'
  | 'preview'
  | 'install'
  | 'activate'
  | 'rollback'
  | 'remove'
  | 'export'
  | 'schedule'
  | 'analytics'
  | null;

/** A line the staff screen shows after an action: what happened, or why not. */
export type StaffNotice =
  | { kind: 'installed' | 'showing' | 'removed'; ref: string }
  | { kind: 'exported'; result: StaffOk<StaffExport> };

export type StaffState = {
  phase: StaffPhase;
  /** From `hello`: the chord, whether a PIN is set, whether packs can be changed. */
  hello: StaffOk<StaffHello> | null;
  /** Digits typed on the pad (memory only, cleared after every try). */
  pin: string;
  token: string | null;
  tab: StaffTab;
  busy: StaffBusy;
  status: StaffOk<StaffStatus> | null;
  scan: StaffOk<StaffScan> | null;
  /** The schedule (dated packs) as last read. */
  schedule: StaffOk<StaffSchedule> | null;
  preview: StaffOk<StaffPreview> | null;
  /** The days the analytics view shows and the export writes. */
  range: StaffDayRange;
  analytics: StaffOk<StaffAnalytics> | null;
  /** Path being previewed while the check runs. */
  previewing: string | null;
  notice: StaffNotice | null;
  /** Why the last request was refused (PIN, session, pack, disk …), in both languages. */
  problems: readonly StaffProblem[];

  /** The hidden gesture or the chord opened staff mode: a fresh PIN pad. */
  staffOpened: () => void;
  helloLoaded: (hello: StaffOk<StaffHello>) => void;
  pinDigitPressed: (digit: string) => void;
  pinBackspaced: () => void;
  pinCleared: () => void;
  pinSubmitted: () => void;
  unlocked: (token: string) => void;
  unlockRefused: (problems: readonly StaffProblem[]) => void;
  tabChosen: (tab: StaffTab) => void;
  requestStarted: (busy: Exclude<StaffBusy, null>) => void;
  /** A request was refused; the problems say why. */
  requestFailed: (problems: readonly StaffProblem[]) => void;
  statusLoaded: (status: StaffOk<StaffStatus>) => void;
  scanLoaded: (scan: StaffOk<StaffScan>) => void;
  scheduleLoaded: (schedule: StaffOk<StaffSchedule>) => void;
  rangeChosen: (range: StaffDayRange) => void;
  analyticsLoaded: (analytics: StaffOk<StaffAnalytics>) => void;
  previewRequested: (path: string) => void;
  previewLoaded: (preview: StaffOk<StaffPreview>) => void;
  previewClosed: () => void;
  packInstalled: (result: StaffOk<StaffInstall>) => void;
  packSwitched: (ref: string) => void;
  packRemoved: (ref: string) => void;
  exported: (result: StaffOk<StaffExport>) => void;
  /** The kiosk says the session is over (timed out, or locked elsewhere): back to the pad. */
  sessionEnded: (problems: readonly StaffProblem[]) => void;
  /** Staff left staff mode (lock button, or any way off the staff screen). */
  left: () => void;
  sessionReset: () => void;
};

type Data = Pick<
  StaffState,
  | 'phase'
  | 'hello'
  | 'pin'
  | 'token'
  | 'tab'
  | 'busy'
  | 'status'
  | 'scan'
  | 'schedule'
  | 'range'
  | 'analytics'
  | 'preview'
  | 'previewing'
  | 'notice'
  | 'problems'
>;

/** The last `days` local days up to today. */
export function lastDays(days: number, today: Date = new Date()): StaffDayRange {
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1), 12);
  return { from: localDateKey(from), to: localDateKey(today) };
}

const initial: Data = {
  phase: 'pin',
  hello: null,
  pin: '',
  token: null,
  tab: 'health',
  busy: null,
  status: null,
  scan: null,
  schedule: null,
  range: lastDays(30),
  analytics: null,
  preview: null,
  previewing: null,
  notice: null,
  problems: [],
};

export function createStaffStore() {
  return createStore<StaffState>()(
    subscribeWithSelector((set) => ({
      ...initial,
      staffOpened: () => set({ ...initial, range: lastDays(30) }),
      helloLoaded: (hello) => set({ hello }),
      pinDigitPressed: (digit) =>
        set((s) =>
          s.phase !== 'pin' || !/^[0-9]$/.test(digit) || s.pin.length >= STAFF_PIN_MAX_DIGITS
            ? {}
            : { pin: s.pin + digit, problems: [] },
        ),
      pinBackspaced: () => set((s) => (s.phase === 'pin' ? { pin: s.pin.slice(0, -1) } : {})),
      pinCleared: () => set((s) => (s.phase === 'pin' ? { pin: '' } : {})),
      pinSubmitted: () =>
        set((s) =>
          s.phase === 'pin' && s.pin.length >= STAFF_PIN_MIN_DIGITS
            ? { phase: 'checking', problems: [] }
            : {},
        ),
      unlocked: (token) => set((s) => ({ ...initial, hello: s.hello, phase: 'open', token })),
      unlockRefused: (problems) => set({ phase: 'pin', pin: '', problems }),
      tabChosen: (tab) => set({ tab, notice: null, problems: [], preview: null, previewing: null }),
      requestStarted: (busy) => set({ busy, problems: [], notice: null }),
      requestFailed: (problems) => set({ busy: null, previewing: null, problems }),
      statusLoaded: (status) => set({ busy: null, status }),
      scanLoaded: (scan) => set({ busy: null, scan }),
      scheduleLoaded: (schedule) => set({ busy: null, schedule, problems: [] }),
      rangeChosen: (range) => set({ range }),
      analyticsLoaded: (analytics) => set({ busy: null, analytics }),
      previewRequested: (path) =>
        set({ busy: 'preview', previewing: path, preview: null, problems: [], notice: null }),
      previewLoaded: (preview) => set({ busy: null, previewing: null, preview }),
      previewClosed: () => set({ preview: null, previewing: null }),
      packInstalled: (result) =>
        set({ busy: null, preview: null, notice: { kind: 'installed', ref: result.ref } }),
      packSwitched: (ref) => set({ busy: null, preview: null, notice: { kind: 'showing', ref } }),
      packRemoved: (ref) => set({ busy: null, notice: { kind: 'removed', ref } }),
      exported: (result) => set({ busy: null, notice: { kind: 'exported', result } }),
      sessionEnded: (problems) => set((s) => ({ ...initial, hello: s.hello, problems })),
      left: () => set(initial),
      sessionReset: () => set(initial),
    })),
  );
}

export type StaffStore = ReturnType<typeof createStaffStore>;

/** The app's one staff store. */
export const staffStore = createStaffStore();

export const selectStaffPhase = (s: StaffState) => s.phase;
export const selectStaffToken = (s: StaffState) => s.token;
export const selectStaffTab = (s: StaffState) => s.tab;
export const selectStaffBusy = (s: StaffState) => s.busy;
export const selectStaffHello = (s: StaffState) => s.hello;
export const selectStaffPin = (s: StaffState) => s.pin;
export const selectStaffStatus = (s: StaffState) => s.status;
export const selectStaffSchedule = (s: StaffState) => s.schedule;
export const selectStaffRange = (s: StaffState) => s.range;
export const selectStaffAnalytics = (s: StaffState) => s.analytics;
export const selectStaffScan = (s: StaffState) => s.scan;
export const selectStaffPreview = (s: StaffState) => s.preview;
export const selectStaffPreviewing = (s: StaffState) => s.previewing;
export const selectStaffNotice = (s: StaffState) => s.notice;
export const selectStaffProblems = (s: StaffState) => s.problems;
