/**
 * The IPC contract between the renderer (through the preload's `window.kiosk`) and main.
 *
 * Every channel appears here once, with zod schemas for its argument tuple and its result.
 * Main derives its handler map from {@link invokeChannels} (a missing handler is a compile
 * error), checks the sender, caps the argument size and parses the arguments before any handler
 * runs, and parses the result before it leaves. The preload derives one named method per channel
 * with `createKioskApi` from `ipc-channels.ts`, whose zod-free name list the compiler holds equal
 * to the keys here (so the sandboxed preload does not carry zod). Only channels that are fully
 * implemented are listed.
 */
import { z } from 'zod';
import type { InvokeChannelName, ChannelMethodName } from './ipc-channels';
import {
  staffAnalyticsSchema,
  staffDayRangeSchema,
  staffExportInputSchema,
  staffExportSchema,
  staffHelloSchema,
  staffInstallSchema,
  staffLockSchema,
  staffPackRefSchema,
  staffPathSchema,
  staffPinSchema,
  staffPreviewSchema,
  staffRemoveSchema,
  staffScheduleActionSchema,
  staffScheduleSchema,
  staffScanSchema,
  staffStatusSchema,
  staffSwitchSchema,
  staffTokenSchema,
  staffUnlockSchema,
} from './staff-api';
import { hallSettingsSchema } from './hall-settings';
import { analyticsBatchSchema, analyticsReceiptSchema } from './analytics';
import { vitalsAnswerSchema, vitalsSchema } from './health';

export { MAX_IPC_ARGS_CHARS, channelMethodName, createKioskApi, invokeChannelNames } from './ipc-channels';
export type { ChannelMethodName, Invoke } from './ipc-channels';

/** The pack on screen, or `null` when none could be selected. */
export const activePackInfoSchema = z
  .object({
    id: z.string(),
    version: z.string(),
  })
  .nullable();

/** Result of `app:info`: what is running and where its data lives. */
export const appInfoSchema = z.object({
  /** The app's own version (package.json). */
  appVersion: z.string(),
  electronVersion: z.string(),
  chromeVersion: z.string(),
  /** `process.platform` of the kiosk, e.g. `linux`, `win32`. */
  platform: z.string(),
  /** How the renderer is hosted; browser mode has no `window.kiosk` at all. */
  mode: z.literal('electron'),
  /** Absolute path of the data directory (packs, logs, recovery state). */
  dataDir: z.string(),
  activePack: activePackInfoSchema,
  /** Seconds since the main process started. */
  uptimeSeconds: z.number().nonnegative(),
});

/** Memory of one process kind, in kilobytes as Electron reports it. */
const processGroupSchema = z.object({
  count: z.number().int().nonnegative(),
  workingSetKb: z.number().nonnegative(),
});

/** Result of `app:health`: numbers for the health log and the staff screen. */
export const appHealthSchema = z.object({
  uptimeSeconds: z.number().nonnegative(),
  /** The main process's `process.memoryUsage()`, in bytes. */
  mainMemory: z.object({
    rssBytes: z.number().nonnegative(),
    heapUsedBytes: z.number().nonnegative(),
    heapTotalBytes: z.number().nonnegative(),
    externalBytes: z.number().nonnegative(),
  }),
  /** `app.getAppMetrics()` summed: all processes, and the renderer (`Tab`) and `GPU` kinds. */
  processes: z.object({
    all: processGroupSchema,
    renderer: processGroupSchema,
    gpu: processGroupSchema,
  }),
  /** Recovery actions since installation (persisted), by kind; see RELIABILITY.md "Long uptime". */
  recoveries: z.object({
    total: z.number().int().nonnegative(),
    reload: z.number().int().nonnegative(),
    recreateWindow: z.number().int().nonnegative(),
    relaunch: z.number().int().nonnegative(),
    giveUp: z.number().int().nonnegative(),
    /** When the last incident happened (ISO 8601), `null` if never. */
    lastAt: z.string().nullable(),
  }),
});

/** What every channel declares: its argument tuple and its result. */
export type ChannelSpec = { readonly args: z.ZodTuple; readonly result: z.ZodType };

/**
 * Renderer → main requests. Main parses `args`; both sides infer their types from here. The keys
 * must be exactly `invokeChannelNames` (a missing or extra key does not compile).
 */
export const invokeChannels = {
  'app:info': { args: z.tuple([]), result: appInfoSchema },
  'app:health': { args: z.tuple([]), result: appHealthSchema },
  // Visitor-side channels (`kiosk:*`), answered over IPC and, in browser mode, by the hall
  // server's `/api/kiosk/<name>`: the hall's settings (config.json fields the page needs).
  'kiosk:settings': { args: z.tuple([]), result: hallSettingsSchema },
  // The pack the kiosk process would serve now (it changes when a schedule or a technician
  // switches packs); the page reloads at its next idle moment to follow it.
  'kiosk:status': { args: z.tuple([]), result: z.object({ activePack: activePackInfoSchema }) },
  // Visitor analytics, a batch every few seconds, appended to the data folder's JSON-lines files.
  'kiosk:analytics': { args: z.tuple([analyticsBatchSchema]), result: analyticsReceiptSchema },
  // The page's health report every minute (frame rate, heap, idle, hours); the answer says whether
  // to reload now (memory watch, nightly restart; see shared/health.ts).
  'kiosk:vitals': { args: z.tuple([vitalsSchema]), result: vitalsAnswerSchema },
  // The page stands on its home screen: a picture of it for the staff heatmap, if one is due
  // (shared/screen-capture.ts). Electron takes it; the hall server cannot (saved: false) — the
  // browser-kiosk supervisor's binding does it there.
  'kiosk:capture-screen': {
    args: z.tuple([z.enum(['landscape', 'portrait'])]),
    result: z.object({ saved: z.boolean() }),
  },
  // Staff mode (see staff-api.ts). `hello` and `unlock` are the only ones without a session
  // token: `hello` says whether a PIN is set and which key chord opens staff mode, nothing more.
  'staff:hello': { args: z.tuple([]), result: staffHelloSchema },
  'staff:unlock': { args: z.tuple([staffPinSchema]), result: staffUnlockSchema },
  'staff:status': { args: z.tuple([staffTokenSchema]), result: staffStatusSchema },
  'staff:scan': { args: z.tuple([staffTokenSchema]), result: staffScanSchema },
  'staff:preview': { args: z.tuple([staffTokenSchema, staffPathSchema]), result: staffPreviewSchema },
  'staff:install': { args: z.tuple([staffTokenSchema, staffPathSchema]), result: staffInstallSchema },
  'staff:activate': { args: z.tuple([staffTokenSchema, staffPackRefSchema]), result: staffSwitchSchema },
  'staff:rollback': { args: z.tuple([staffTokenSchema]), result: staffSwitchSchema },
  'staff:remove': { args: z.tuple([staffTokenSchema, staffPackRefSchema]), result: staffRemoveSchema },
  'staff:export': {
    args: z.tuple([staffTokenSchema, staffPathSchema, staffExportInputSchema]),
    result: staffExportSchema,
  },
  'staff:lock': { args: z.tuple([staffTokenSchema]), result: staffLockSchema },
  'staff:analytics': { args: z.tuple([staffTokenSchema, staffDayRangeSchema]), result: staffAnalyticsSchema },
  'staff:schedule': {
    args: z.tuple([staffTokenSchema, staffScheduleActionSchema]),
    result: staffScheduleSchema,
  },
} as const satisfies Record<InvokeChannelName, ChannelSpec>;

/** A channel name, e.g. `'app:info'`. */
export type InvokeChannel = keyof typeof invokeChannels;

/** The visitor-side channels (`kiosk:*`): one implementation serves IPC and `/api/kiosk/*`. */
export type KioskChannel = Extract<InvokeChannel, `kiosk:${string}`>;

/** The staff channels (`staff:*`): one implementation serves IPC and the hall server's `/api/staff/*`. */
export type StaffChannel = Extract<InvokeChannel, `staff:${string}`>;

/** The argument tuple of a channel. */
export type ChannelArgs<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['args']>;

/** The result of a channel. */
export type ChannelResult<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['result']>;

/** Result of `app:info`. */
export type AppInfo = ChannelResult<'app:info'>;

/** Result of `app:health`. */
export type AppHealth = ChannelResult<'app:health'>;

/** The pack on screen as reported by `app:info`. */
export type ActivePackInfo = z.infer<typeof activePackInfoSchema>;

/** `window.kiosk`: one promise-returning method per channel, named by `channelMethodName`. */
export type KioskApi = {
  readonly [C in InvokeChannel as ChannelMethodName<C>]: (
    ...args: ChannelArgs<C>
  ) => Promise<ChannelResult<C>>;
};
