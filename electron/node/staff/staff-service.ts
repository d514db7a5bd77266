/**
 * Staff mode's one implementation, the same behind Electron's IPC and the hall server's
 * `/api/staff/*`: PIN check and sessions, health, finding packs on USB sticks, preview, install,
 * activate, roll back, remove and export. Pure Node: the pack store, the configuration, the log
 * and the places to search come in as options.
 *
 * Every method answers `{ ok: true, … }` or `{ ok: false, problems }` with bilingual problems and
 * never throws; every method but `hello` and `unlock` first checks the session token. Every
 * staff action is logged (the technician's audit trail).
 */
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { kioskConfigSchema } from '../../shared/config-schema';
import type { KioskConfig } from '../../shared/config-schema';
import type { PackManifest } from '../../shared/pack-schema';
import { localize } from '../../shared/pack-schema';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import type {
  StaffAnalytics,
  StaffDayRange,
  StaffExport,
  StaffExportInput,
  StaffHello,
  StaffInstall,
  StaffInstalledPack,
  StaffLock,
  StaffOk,
  StaffPreview,
  StaffRemove,
  StaffScan,
  StaffSchedule,
  StaffScheduleAction,
  StaffStatus,
  StaffSwitch,
  StaffUnlock,
} from '../../shared/staff-api';
import { loadConfig } from '../config/config';
import { createAnalyticsLog } from '../analytics/analytics-log';
import type { AnalyticsLog } from '../analytics/analytics-log';
import { screenDataUrl } from '../analytics/screen-store';
import { createHealthLog } from '../health/health-log';
import type { HealthLog } from '../health/health-log';
import { HEALTH_EXPORT_HEADER, healthCsvRow } from '../../shared/health';
import { addScheduleEntry, readSchedule, removeScheduleEntry } from '../schedule/schedule-store';
import type { ScheduleRefusal } from '../../shared/schedule';
import { formatLocalDateTime } from '../../shared/schedule';
import type { FsOps } from '../fs/fs-ops';
import { errnoCode } from '../fs/fs-ops';
import { nullLogger } from '../log/logger';
import type { Logger } from '../log/logger';
import type { InstalledPack, PackStore } from '../pack/store';
import { readAccepted, storeLayout } from '../pack/store/state';
import { createPackInspector } from '../pack/inspector';
import type { TrustPolicy } from '../pack/inspector';
import type { ExportPack } from './export';
import { writeStaffExport } from './export';
import { readLogTail } from './log-read';
import {
  createPinGuard,
  isValidPinFormat,
  parsePinHash,
  PIN_LOCKOUT_FILE,
  pinGuardFile,
  verifyPin,
} from './pin';
import type { PinGuard } from './pin';
import { previewPack } from './preview';
import { createStaffSessions } from './sessions';
import type { StaffSessions } from './sessions';
import { defaultScanLimits, listVolumes, scanVolumes, volumeOf } from './usb-scan';
import type { ScanLimits, Volume } from './usb-scan';

/** The pack visitors see now, as the kiosk's boot selection chose it. */
export type OnScreenPack = {
  ref: string;
  manifest: PackManifest;
  source: 'active' | 'previous' | 'default';
  /** The folder it is served from (for the built-in default: the app's own copy). */
  root?: string;
};

export type StaffServiceOptions = {
  /** The kiosk's pack store; null on a preview server (then nothing can be changed). */
  store: PackStore | null;
  dataDir: string;
  /** The trust the store applies (for previews). */
  trust: TrustPolicy;
  /** Read on every unlock, so a PIN set while the kiosk runs takes effect. Default: config.json. */
  readConfig?: () => KioskConfig;
  onScreen: () => OnScreenPack | null;
  /** After activate or roll back: choose the pack again and show it. */
  afterSwitch?: () => Promise<void>;
  log?: Logger;
  /** Where to look for sticks. Default: `listVolumes()` (HALL_USB_ROOTS or the mount points). */
  volumes?: () => Promise<Volume[]>;
  scanLimits?: ScanLimits;
  now?: () => number;
  uptimeSeconds?: () => number;
  memoryUsage?: () => { rss: number; heapUsed: number };
  pinGuard?: PinGuard;
  /** File operations of the export (tests inject faults). */
  exportOps?: FsOps;
  /** The kiosk's JSON-lines log (recent problems, export). Default `<dataDir>/logs/kiosk.log`. */
  logFile?: string;
  /** Visitor analytics on disk. Default: the data folder's, bounded by config.json. */
  analytics?: AnalyticsLog;
  /** The health log. Default: the data folder's, bounded by config.json. */
  health?: HealthLog;
};

type Failure = { ok: false; problems: PackProblem[] };
type Result<R> = Promise<StaffOk<R> | Failure>;

export type StaffService = {
  hello(): Promise<StaffOk<StaffHello>>;
  unlock(pin: string): Result<StaffUnlock>;
  status(token: string): Result<StaffStatus>;
  scan(token: string): Result<StaffScan>;
  preview(token: string, sourcePath: string): Result<StaffPreview>;
  install(token: string, sourcePath: string): Result<StaffInstall>;
  activate(token: string, ref: string): Result<StaffSwitch>;
  rollback(token: string): Result<StaffSwitch>;
  remove(token: string, ref: string): Result<StaffRemove>;
  exportStats(token: string, targetDir: string, input: StaffExportInput): Result<StaffExport>;
  /** The analytics view: a summary of a range of days. */
  analytics(token: string, range: StaffDayRange): Result<StaffAnalytics>;
  lock(token: string): Result<StaffLock>;
  /** The schedule (dated packs): list, add, remove — as `hallpack schedule` does. */
  schedule(token: string, action: StaffScheduleAction): Result<StaffSchedule>;
};

const fail = (problems: PackProblem[]): Failure => ({ ok: false, problems });
const STAFF_FILE = 'staff';
const LOG_PROBLEMS_SHOWN = 20;

function detailOf(error: unknown): string {
  const code = errnoCode(error);
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

function installedRow(p: InstalledPack): StaffInstalledPack {
  return {
    ref: p.ref,
    id: p.id,
    version: p.version,
    title: p.manifest?.title ?? null,
    role: p.role,
    files: p.files,
    bytes: p.bytes,
    problems: p.problems,
  };
}

export function createStaffService(options: StaffServiceOptions): StaffService {
  const log = options.log ?? nullLogger;
  // The store's own check, so a preview and the install that follows judge a pack once.
  const inspector = options.store?.inspector ?? createPackInspector(options.trust);
  const now = options.now ?? Date.now;
  const readConfig = options.readConfig ?? (() => loadConfig(options.dataDir).config);
  const guard =
    options.pinGuard ??
    createPinGuard({
      now,
      persistence: pinGuardFile(path.join(options.dataDir, PIN_LOCKOUT_FILE), (error) =>
        log.error('staff: cannot save the PIN lockout', { error }),
      ),
    });
  const volumes = options.volumes ?? (() => listVolumes());
  const logFile = options.logFile ?? path.join(options.dataDir, 'logs', 'kiosk.log');
  const sessions: StaffSessions = createStaffSessions({
    now,
    idleMs: () => readConfigSafe().staffSessionMinutes * 60_000,
  });
  const analytics =
    options.analytics ??
    createAnalyticsLog({ dataDir: options.dataDir, maxMb: () => readConfigSafe().analyticsMaxMb, log });
  const health =
    options.health ??
    createHealthLog({ dataDir: options.dataDir, maxMb: () => readConfigSafe().healthLogMaxMb, log });
  // PIN checks one at a time, so parallel guesses cannot slip past the pause.
  let unlockQueue: Promise<unknown> = Promise.resolve();

  function readConfigSafe(): KioskConfig {
    try {
      return readConfig();
    } catch (error) {
      log.warn('staff: configuration unreadable', { error });
      return kioskConfigSchema.parse({});
    }
  }

  /** Runs `fn` for a live session; turns anything thrown into a problem. */
  async function guarded<R>(
    action: string,
    token: string,
    fn: () => Promise<StaffOk<R> | Failure>,
  ): Promise<StaffOk<R> | Failure> {
    if (!sessions.check(token)) {
      log.warn('staff: request without a live session', { action });
      return fail([problem('staff.session-ended', STAFF_FILE, {})]);
    }
    try {
      return await fn();
    } catch (error) {
      log.error('staff: action failed', { action, error });
      return fail([problem('staff.unavailable', STAFF_FILE, { detail: detailOf(error) })]);
    }
  }

  function needStore(): PackStore | Failure {
    return options.store ?? fail([problem('staff.no-store', STAFF_FILE, {})]);
  }

  async function onVolume(target: string): Promise<Volume | null> {
    return volumeOf(target, await volumes());
  }

  async function installedList(): Promise<InstalledPack[]> {
    return options.store ? options.store.list() : [];
  }

  async function unlockNow(pin: string): Promise<StaffOk<StaffUnlock> | Failure> {
    const config = readConfigSafe();
    if (config.staffPinHash === undefined || config.staffPinHash.trim() === '') {
      log.warn('staff: unlock refused, no PIN configured');
      return fail([problem('staff.no-pin', 'config.json', {})]);
    }
    const wait = guard.waitMs();
    if (wait > 0) return fail([problem('staff.locked', STAFF_FILE, { seconds: Math.ceil(wait / 1000) })]);
    const stored = parsePinHash(config.staffPinHash);
    if (!stored) {
      log.error('staff: staffPinHash in config.json is damaged');
      return fail([problem('staff.pin-damaged', 'config.json', {})]);
    }
    // A PIN of the wrong shape counts as a wrong one. One set under the old 4-digit rule no
    // longer opens staff mode: a technician sets a 6-digit one with hallpack staff-pin.
    const right = isValidPinFormat(pin) && (await verifyPin(pin, stored));
    if (!right) {
      const remaining = guard.failed();
      log.warn('staff: wrong PIN', { remaining });
      if (remaining > 0) return fail([problem('staff.pin-wrong', STAFF_FILE, { remaining })]);
      return fail([
        problem('staff.pin-wrong', STAFF_FILE, { remaining: 0 }),
        problem('staff.locked', STAFF_FILE, { seconds: Math.ceil(guard.waitMs() / 1000) }),
      ]);
    }
    guard.succeeded();
    const token = sessions.open();
    log.info('staff: session opened');
    return { ok: true, token, idleSeconds: Math.round(sessions.idleMs / 1000) };
  }

  async function diskOf(dir: string): Promise<StaffOk<StaffStatus>['disk']> {
    try {
      const st = await statfs(dir);
      return {
        freeBytes: Number(st.bavail) * Number(st.bsize),
        totalBytes: Number(st.blocks) * Number(st.bsize),
      };
    } catch {
      return { freeBytes: null, totalBytes: null };
    }
  }

  async function logProblems(): Promise<StaffOk<StaffStatus>['logProblems']> {
    const records = await readLogTail(logFile, 256 * 1024);
    const out: StaffOk<StaffStatus>['logProblems'] = [];
    for (const r of records) {
      if (r.level !== 'warn' && r.level !== 'error') continue;
      // A refused pack logs its reason (and code) beside the message: staff see why, not just
      // that something went wrong.
      const reason = typeof r.data.message === 'string' ? r.data.message : '';
      const code = typeof r.data.code === 'string' ? r.data.code : '';
      const detail = [reason, code && `(${code})`].filter(Boolean).join(' ').slice(0, 600);
      out.push({
        time: r.time.slice(0, 40),
        level: r.level,
        msg: r.msg.slice(0, 500),
        ...(detail ? { detail } : {}),
      });
    }
    return out.slice(-LOG_PROBLEMS_SHOWN).reverse();
  }

  async function healthSummary(): Promise<StaffOk<StaffStatus>['health']> {
    const { records } = await health.recent(7, 2000);
    const samples = records.filter((r) => r.kind === 'sample');
    const events = records
      .filter((r) => r.kind !== 'sample')
      .slice(-30)
      .reverse();
    return { lastSample: samples.at(-1) ?? null, events };
  }

  return {
    hello() {
      const config = readConfigSafe();
      return Promise.resolve({
        ok: true as const,
        staffChord: config.staffChord,
        pinConfigured: config.staffPinHash !== undefined && config.staffPinHash.trim() !== '',
        lockedSeconds: Math.ceil(guard.waitMs() / 1000),
        storeAvailable: options.store !== null,
      });
    },

    unlock(pin) {
      const run = unlockQueue.then(() => unlockNow(pin));
      unlockQueue = run.catch(() => undefined);
      return run.catch((error: unknown) => {
        log.error('staff: unlock failed', { error });
        return fail([problem('staff.unavailable', STAFF_FILE, { detail: detailOf(error) })]);
      });
    },

    status: (token) =>
      guarded('status', token, async () => {
        const memory = (options.memoryUsage ?? (() => process.memoryUsage()))();
        const screen = options.onScreen();
        const state = options.store ? await options.store.state() : null;
        const installed = (await installedList()).map(installedRow);
        return {
          ok: true,
          uptimeSeconds: Math.max(0, (options.uptimeSeconds ?? (() => process.uptime()))()),
          memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
          disk: await diskOf(options.dataDir),
          onScreen: screen
            ? {
                ref: screen.ref,
                id: screen.manifest.id,
                version: screen.manifest.version,
                title: screen.manifest.title,
                source: screen.source,
              }
            : null,
          current: state?.current ?? null,
          previous: installed.find((p) => p.role === 'previous') ?? null,
          committed: state ? state.committed : null,
          installed,
          logProblems: await logProblems(),
          health: await healthSummary(),
        };
      }),

    scan: (token) =>
      guarded('scan', token, async () => {
        const found = await volumes();
        const { candidates, truncated } = await scanVolumes(found, options.scanLimits ?? defaultScanLimits);
        log.info('staff: scanned for packs', {
          volumes: found.length,
          candidates: candidates.length,
          truncated,
        });
        return { ok: true, volumes: found, candidates, truncated };
      }),

    preview: (token, sourcePath) =>
      guarded('preview', token, async () => {
        if (!(await onVolume(sourcePath)))
          return fail([problem('staff.not-removable', sourcePath, { path: sourcePath })]);
        const accepted = options.store
          ? (await readAccepted(storeLayout(options.store.dataDir))).value
          : null;
        const installed = new Set((await installedList()).map((p) => p.ref));
        const screen = options.onScreen();
        const result = await previewPack(sourcePath, {
          inspector,
          accepted,
          installed,
          onScreen: screen ? { ref: screen.ref, manifest: screen.manifest } : null,
        });
        log.info('staff: previewed a pack', {
          path: sourcePath,
          canInstall: result.canInstall,
          codes: result.problems.map((p) => p.code).slice(0, 20),
        });
        return result;
      }),

    install: (token, sourcePath) =>
      guarded('install', token, async () => {
        const store = needStore();
        if ('ok' in store) return store;
        if (!(await onVolume(sourcePath)))
          return fail([problem('staff.not-removable', sourcePath, { path: sourcePath })]);
        log.info('staff: installing a pack', { path: sourcePath });
        // Before the new pack is accepted: a newer version of the built-in pack would otherwise
        // make the built-in one a refused downgrade.
        await keepDefaultAsPrevious(store, null);
        const result = await store.install(sourcePath);
        if (!result.ok) return result;
        return { ok: true, ref: result.ref, diff: result.diff, warnings: result.warnings };
      }),

    activate: (token, ref) =>
      guarded('activate', token, async () => {
        const store = needStore();
        if ('ok' in store) return store;
        log.info('staff: activating a pack', { ref });
        await keepDefaultAsPrevious(store, ref);
        const result = await store.activate(ref);
        if (!result.ok) return result;
        await switched();
        return { ok: true, ref: result.state.current };
      }),

    rollback: (token) =>
      guarded('rollback', token, async () => {
        const store = needStore();
        if ('ok' in store) return store;
        log.info('staff: rolling back');
        const result = await store.rollback();
        if (!result.ok) return result;
        await switched();
        return { ok: true, ref: result.state.current };
      }),

    remove: (token, ref) =>
      guarded('remove', token, async () => {
        const store = needStore();
        if ('ok' in store) return store;
        log.info('staff: removing a pack', { ref });
        const result = await store.remove(ref);
        return result.ok ? { ok: true, ref } : result;
      }),

    exportStats: (token, targetDir, input) =>
      guarded('export', token, async () => {
        if (!(await onVolume(targetDir)))
          return fail([problem('staff.not-removable', targetDir, { path: targetDir })]);
        const screen = options.onScreen();
        const places = new Map((screen?.manifest.places ?? []).map((p) => [p.id, p.name]));
        const fallback = screen?.manifest.defaultLanguage ?? 'zh-Hans';
        const packs: ExportPack[] = (await installedList()).map(installedRow);
        const state = options.store ? await options.store.state() : null;
        const disk = await diskOf(options.dataDir);
        const memory = (options.memoryUsage ?? (() => process.memoryUsage()))();
        try {
          const written = await writeStaffExport({
            targetDir,
            logFile,
            range: input,
            events: (await analytics.events(input)).events,
            extra: [
              {
                name: 'health-log.csv',
                header: [...HEALTH_EXPORT_HEADER],
                rows: (await health.recent(31, 50_000)).records.map(healthCsvRow),
              },
            ],
            placeName: (id) => {
              const name = places.get(id);
              return {
                'zh-Hans': name ? localize(name, 'zh-Hans', fallback) : '',
                en: name ? localize(name, 'en', fallback) : '',
              };
            },
            packs,
            health: [
              ['uptime_seconds', Math.round((options.uptimeSeconds ?? (() => process.uptime()))())],
              ['memory_rss_bytes', memory.rss],
              ['memory_heap_used_bytes', memory.heapUsed],
              ['disk_free_bytes', disk.freeBytes],
              ['disk_total_bytes', disk.totalBytes],
              ['pack_on_screen', screen?.ref ?? ''],
              ['pack_on_screen_source', screen?.source ?? ''],
              ['pack_current', state?.current ?? ''],
              ['pack_previous', state?.previous ?? ''],
              ['pack_current_confirmed', state ? state.committed : ''],
            ],
            now: new Date(now()),
            ...(options.exportOps ? { ops: options.exportOps } : {}),
          });
          log.info('staff: exported', { dir: written.dir, files: written.files.length });
          return { ok: true, ...written };
        } catch (error) {
          log.error('staff: export failed', { targetDir, error });
          return fail([
            problem('staff.export-failed', targetDir, { path: targetDir, detail: detailOf(error) }),
          ]);
        }
      }),

    analytics: (token, range) =>
      guarded('analytics', token, async () => {
        const [summary, landscape, portrait] = await Promise.all([
          analytics.summary(range),
          screenDataUrl(options.dataDir, 'landscape'),
          screenDataUrl(options.dataDir, 'portrait'),
        ]);
        return { ok: true, summary, screens: { landscape, portrait } };
      }),

    schedule: (token, action) =>
      guarded('schedule', token, async () => {
        const store = needStore();
        if ('ok' in store) return store;
        const dataDir = options.dataDir;
        const refused = (reason: ScheduleRefusal | undefined, detail: string): Failure =>
          fail([
            reason
              ? {
                  code: `schedule.${reason.code}`,
                  severity: 'error',
                  file: 'schedule.json',
                  rule: `schedule.${reason.code}`,
                  message: reason.message,
                }
              : problem('staff.unavailable', 'schedule.json', { detail }),
          ]);
        if (action.kind === 'add') {
          log.info('staff: scheduling a pack', {
            ref: action.ref,
            at: action.at,
            until: action.until ?? null,
          });
          const added = await addScheduleEntry(dataDir, action, {
            installed: async () => (await store.list()).map((p) => p.ref),
            now: new Date(),
          });
          if (!added.ok) return refused(added.refusal, added.problem);
        } else if (action.kind === 'remove') {
          log.info('staff: removing a schedule entry', { id: action.id });
          const removed = await removeScheduleEntry(dataDir, action.id);
          if (!removed.ok) return refused(removed.refusal, removed.problem);
        }
        const read = await readSchedule(dataDir);
        if (!read.ok) return refused(undefined, read.problem);
        return { ok: true, entries: read.file.entries, now: formatLocalDateTime(new Date()) };
      }),

    lock(token) {
      // Like every other request, only the live session's own token may end it.
      if (!sessions.check(token)) {
        log.warn('staff: request without a live session', { action: 'lock' });
        return Promise.resolve(fail([problem('staff.session-ended', STAFF_FILE, {})]));
      }
      sessions.close(token);
      log.info('staff: session locked');
      return Promise.resolve({ ok: true as const });
    },
  };

  /**
   * The store's first activation has no previous pack: the built-in default is not in the store,
   * so "roll back" would have nothing to return to. Before that first switch, the default that is
   * on screen is installed (verified, like any pack) and made current, so the switch that follows
   * keeps it as the previous pack (visitors see no change: it is the same pack). A failure here
   * only costs the undo, never the install or the switch.
   */
  async function keepDefaultAsPrevious(store: PackStore, ref: string | null): Promise<void> {
    const screen = options.onScreen();
    if (!screen || screen.source !== 'default' || screen.root === undefined || screen.ref === ref) return;
    const root = screen.root;
    try {
      if ((await store.state()) !== null) return;
      const installed = (await store.list()).some((p) => p.ref === screen.ref);
      if (!installed) {
        log.info('staff: keeping the built-in pack so the first switch can be undone', { ref: screen.ref });
        const copy = await store.install(root);
        if (!copy.ok) {
          log.warn('staff: the built-in pack could not be kept; this switch cannot be rolled back', {
            codes: copy.problems.map((p) => p.code),
          });
          return;
        }
      }
      const current = await store.activate(screen.ref);
      if (!current.ok)
        log.warn('staff: the built-in pack could not be made current', {
          codes: current.problems.map((p) => p.code),
        });
    } catch (error) {
      log.warn('staff: the built-in pack could not be kept', { error });
    }
  }

  async function switched(): Promise<void> {
    if (!options.afterSwitch) return;
    try {
      await options.afterSwitch();
    } catch (error) {
      // The pointer is switched; the next start shows the pack even if showing it now failed.
      log.error('staff: showing the new pack failed', { error });
    }
  }
}
