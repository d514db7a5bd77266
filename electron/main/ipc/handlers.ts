/**
 * The handlers behind the contract's channels. Everything they read comes in through `deps`, so
 * the handlers are unit-tested without Electron; `register.ts` supplies the real sources.
 */
import type { ActivePackInfo, AppHealth, AppInfo } from '../../shared/ipc-contract';
import { recoveryCount, type RecoveryState } from '../../shared/policy/recovery';
import type { StaffCalls } from '../../node/staff/staff-calls';
import type { KioskCalls } from '../../node/kiosk/kiosk-calls';
import type { IpcHandlers } from './dispatch';

/** The fields of Electron's `ProcessMetric` that `app:health` sums. */
export type ProcessMetricLike = {
  readonly type: string;
  readonly memory: { readonly workingSetSize: number };
};

/** The fields of `process.memoryUsage()` that `app:health` reports. */
export type MemoryUsageLike = {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
};

export type IpcHandlerDeps = {
  readonly appVersion: string;
  readonly versions: { readonly electron: string; readonly chrome: string };
  readonly platform: string;
  readonly dataDir: string;
  readonly activePack: () => ActivePackInfo;
  /** Seconds since the main process started (`process.uptime()`). */
  readonly uptimeSeconds: () => number;
  readonly memoryUsage: () => MemoryUsageLike;
  /** `app.getAppMetrics()`. */
  readonly appMetrics: () => readonly ProcessMetricLike[];
  readonly recoveryState: () => RecoveryState;
  /** The staff channels: the staff service behind `createStaffCalls` (shared with browser mode). */
  readonly staff: StaffCalls;
  /** The visitor-side channels (`kiosk:*`), shared with browser mode's `/api/kiosk/*`. */
  readonly kiosk: KioskCalls;
};

function group(metrics: readonly ProcessMetricLike[]): { count: number; workingSetKb: number } {
  return {
    count: metrics.length,
    workingSetKb: metrics.reduce((sum, m) => sum + Math.max(0, m.memory.workingSetSize), 0),
  };
}

/** `app:info`. */
export function appInfo(deps: IpcHandlerDeps): AppInfo {
  return {
    appVersion: deps.appVersion,
    electronVersion: deps.versions.electron,
    chromeVersion: deps.versions.chrome,
    platform: deps.platform,
    mode: 'electron',
    dataDir: deps.dataDir,
    activePack: deps.activePack(),
    uptimeSeconds: Math.max(0, deps.uptimeSeconds()),
  };
}

/** `app:health`. */
export function appHealth(deps: IpcHandlerDeps): AppHealth {
  const mem = deps.memoryUsage();
  const metrics = deps.appMetrics();
  const recovery = deps.recoveryState();
  return {
    uptimeSeconds: Math.max(0, deps.uptimeSeconds()),
    mainMemory: {
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      heapTotalBytes: mem.heapTotal,
      externalBytes: mem.external,
    },
    processes: {
      all: group(metrics),
      renderer: group(metrics.filter((m) => m.type === 'Tab')),
      gpu: group(metrics.filter((m) => m.type === 'GPU')),
    },
    recoveries: {
      total: recoveryCount(recovery),
      reload: recovery.totals.reload,
      recreateWindow: recovery.totals.recreateWindow,
      relaunch: recovery.totals.relaunch,
      giveUp: recovery.totals.giveUp,
      lastAt: recovery.lastIncidentAt === null ? null : new Date(recovery.lastIncidentAt).toISOString(),
    },
  };
}

/** The full handler map; adding a channel to the contract makes this fail to compile until handled. */
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  return {
    'app:info': () => appInfo(deps),
    'app:health': () => appHealth(deps),
    ...deps.kiosk,
    ...deps.staff,
  };
}
