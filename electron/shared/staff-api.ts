/**
 * The staff API on the wire: argument and result schemas of every staff request, shared by the
 * IPC contract (Electron), the `/api/staff/*` endpoints of the hall server (browser mode) and the
 * renderer's `staffApi`, so both modes carry exactly the same data.
 *
 * Every result is `{ ok: true, … }` or `{ ok: false, problems }`; a problem is a `PackProblem`
 * (file, rule, bilingual message). Every request but `hello` and `unlock` carries the session
 * token that `unlock` handed out as its first argument.
 */
import { z } from 'zod';
import { localizedTextSchema } from './pack-schema';
import { scheduleEntrySchema } from './schedule';
import { analyticsSummarySchema, dayKeySchema } from './analytics';
import { healthRecordSchema } from './health';

/**
 * Shortest and longest PIN the kiosk accepts (digits only; typed on an on-screen pad). Six
 * digits at least: with scrypt at ~50 ms a 4-digit PIN falls to an offline search in about a
 * minute, six take a day, and the persisted lockout stops guessing at the pad.
 */
export const STAFF_PIN_MIN_DIGITS = 6;
export const STAFF_PIN_MAX_DIGITS = 12;

/** An opaque session token (base64url of 32 random bytes). */
export const staffTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/);

/** The PIN as typed; its format is judged in Node so a bad one gets a proper message. */
export const staffPinSchema = z.string().max(64);

/** A file or folder path on a USB stick, as `scan` listed it. */
export const staffPathSchema = z.string().min(1).max(4096);

/** `<id>@<version>` of an installed pack (the store checks it exactly). */
export const staffPackRefSchema = z.string().min(3).max(300);

/** A problem as it travels (see `PackProblem` in problems.ts). */
export const staffProblemSchema = z.object({
  code: z.string().max(100),
  severity: z.enum(['error', 'warning']),
  file: z.string().max(4096),
  rule: z.string().max(100),
  message: z.object({ 'zh-Hans': z.string().max(4000), en: z.string().max(4000) }),
  path: z.string().max(1000).optional(),
});

const problemsSchema = z.array(staffProblemSchema).max(500);

/** The failure every staff request may answer with. */
export const staffFailureSchema = z.object({ ok: z.literal(false), problems: problemsSchema });

/** `{ ok: true, …shape } | { ok: false, problems }`. */
function result<S extends z.ZodRawShape>(shape: S) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), ...shape }), staffFailureSchema]);
}

const count = z.number().int().nonnegative();
const bytes = z.number().nonnegative();
const changeCountsSchema = z.object({ added: count, removed: count, changed: count });

/** What changes for visitors: counts against the pack on screen (`from`). */
export const staffDiffSchema = z.object({
  from: z.string().max(300).nullable(),
  places: changeCountsSchema,
  events: changeCountsSchema,
  media: changeCountsSchema,
});

/** Where the pack on screen came from: the store's current or previous pack, or the built-in default. */
export const staffPackSourceSchema = z.enum(['active', 'previous', 'default']);

/** An installed pack as the staff screen lists it. */
export const staffInstalledPackSchema = z.object({
  ref: z.string().max(300),
  id: z.string().max(200),
  version: z.string().max(100),
  title: localizedTextSchema.nullable(),
  role: z.enum(['current', 'previous']).nullable(),
  files: count,
  bytes,
  problems: problemsSchema,
});

/** A line of the kiosk log worth a staff member's attention (warnings and errors). */
export const staffLogLineSchema = z.object({
  time: z.string().max(40),
  level: z.enum(['warn', 'error']),
  msg: z.string().max(500),
  /** What the line says beyond its message: a pack problem's reason and code. */
  detail: z.string().max(600).optional(),
});

export const staffHelloSchema = result({
  /** The key chord that opens staff mode (Electron accelerator syntax). */
  staffChord: z.string().max(100),
  /** False: staff mode shows how a technician sets a PIN instead of the pad. */
  pinConfigured: z.boolean(),
  /** Seconds until another PIN may be tried (0 = now). */
  lockedSeconds: count,
  /** False on a preview server without a pack store: packs cannot be changed. */
  storeAvailable: z.boolean(),
});

export const staffUnlockSchema = result({
  token: staffTokenSchema,
  /** The session ends after this long without a staff request. */
  idleSeconds: count,
});

export const staffStatusSchema = result({
  uptimeSeconds: z.number().nonnegative(),
  memory: z.object({ rssBytes: bytes, heapUsedBytes: bytes }),
  disk: z.object({ freeBytes: bytes.nullable(), totalBytes: bytes.nullable() }),
  /** The pack visitors see now. */
  onScreen: z
    .object({
      ref: z.string().max(300),
      id: z.string().max(200),
      version: z.string().max(100),
      title: localizedTextSchema,
      source: staffPackSourceSchema,
    })
    .nullable(),
  /** The store's pointer: current and previous refs, and whether current was confirmed shown. */
  current: z.string().max(300).nullable(),
  previous: staffInstalledPackSchema.nullable(),
  committed: z.boolean().nullable(),
  installed: z.array(staffInstalledPackSchema).max(200),
  logProblems: z.array(staffLogLineSchema).max(50),
  /** The health log's latest sample (frame rate, renderer memory) and its recent events. */
  health: z.object({
    lastSample: healthRecordSchema.nullable(),
    events: z.array(healthRecordSchema).max(100),
  }),
});

export const staffScanSchema = result({
  /** Mounted sticks (or configured folders) that were searched; export targets too. */
  volumes: z.array(z.object({ path: z.string().max(4096), label: z.string().max(300) })).max(50),
  candidates: z
    .array(
      z.object({
        path: z.string().max(4096),
        name: z.string().max(300),
        kind: z.enum(['archive', 'folder']),
        bytes: bytes.nullable(),
        volume: z.string().max(4096),
      }),
    )
    .max(200),
  /** More candidates or entries than the scan looks at: the list is incomplete. */
  truncated: z.boolean(),
});

export const staffPreviewSchema = result({
  path: z.string().max(4096),
  /** No errors: installing it would succeed as far as can be told without copying. */
  canInstall: z.boolean(),
  pack: z
    .object({
      id: z.string().max(200),
      version: z.string().max(100),
      title: localizedTextSchema,
      files: count,
      bytes,
    })
    .nullable(),
  signature: z.object({
    /** Key that signed it (short id), null when unsigned or unreadable. */
    keyId: z.string().max(100).nullable(),
    status: z.enum(['trusted', 'accepted-unsigned', 'refused']),
  }),
  /** Version change against the pack on screen. */
  version: z.object({
    from: z.string().max(100).nullable(),
    to: z.string().max(100).nullable(),
    change: z.enum(['upgrade', 'downgrade', 'same', 'other-pack', 'first']),
  }),
  diff: staffDiffSchema.nullable(),
  problems: problemsSchema,
});

export const staffInstallSchema = result({
  ref: z.string().max(300),
  diff: staffDiffSchema,
  warnings: problemsSchema,
});

export const staffSwitchSchema = result({
  /** The pack now current in the store. */
  ref: z.string().max(300),
});

export const staffRemoveSchema = result({ ref: z.string().max(300) });

/** A range of local days, `YYYY-MM-DD`, inclusive. */
export const staffDayRangeSchema = z
  .object({ from: dayKeySchema, to: dayKeySchema })
  .refine((r) => r.from <= r.to, { message: 'from is after to' });

/** What to export: the visitor analytics (and the check-ins among them) of these days. */
export const staffExportInputSchema = staffDayRangeSchema;

export const staffExportSchema = result({
  /** The folder written on the stick. */
  dir: z.string().max(4096),
  files: z.array(z.object({ name: z.string().max(200), rows: count })).max(20),
});

export const staffLockSchema = result({});

export type StaffProblem = z.infer<typeof staffProblemSchema>;
export type StaffFailure = z.infer<typeof staffFailureSchema>;
export type StaffDiff = z.infer<typeof staffDiffSchema>;
export type StaffInstalledPack = z.infer<typeof staffInstalledPackSchema>;
export type StaffHello = z.infer<typeof staffHelloSchema>;
export type StaffUnlock = z.infer<typeof staffUnlockSchema>;
export type StaffStatus = z.infer<typeof staffStatusSchema>;
export type StaffScan = z.infer<typeof staffScanSchema>;
export type StaffPreview = z.infer<typeof staffPreviewSchema>;
export type StaffInstall = z.infer<typeof staffInstallSchema>;
export type StaffSwitch = z.infer<typeof staffSwitchSchema>;
export type StaffRemove = z.infer<typeof staffRemoveSchema>;
export type StaffExportInput = z.infer<typeof staffExportInputSchema>;
export type StaffExport = z.infer<typeof staffExportSchema>;
export type StaffLock = z.infer<typeof staffLockSchema>;
export type StaffDayRange = z.infer<typeof staffDayRangeSchema>;

/** The staff screen's analytics view: the summary of a range of days. */
export const staffAnalyticsSchema = result({
  summary: analyticsSummarySchema,
  /**
   * Pictures of the visitor screen (home) per orientation, as `data:image/jpeg` URLs, for the
   * heatmap to be drawn over; null where the kiosk has none yet (see shared/screen-capture.ts).
   */
  screens: z.object({
    landscape: z.string().startsWith('data:image/jpeg;base64,').max(720_000).nullable(),
    portrait: z.string().startsWith('data:image/jpeg;base64,').max(720_000).nullable(),
  }),
});
export type StaffAnalytics = z.infer<typeof staffAnalyticsSchema>;

/** The success half of a staff result. */
export type StaffOk<R> = Extract<R, { ok: true }>;

/** What the staff screen asks of the schedule (the same operations as `hallpack schedule`). */
export const staffScheduleActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('list') }),
  z.object({
    kind: z.literal('add'),
    ref: staffPackRefSchema,
    at: z.string().max(40),
    until: z.string().max(40).optional(),
  }),
  z.object({ kind: z.literal('remove'), id: z.string().max(40) }),
]);

/** The schedule after the action, and the kiosk's local time (the screen shows both). */
export const staffScheduleSchema = result({
  entries: z.array(scheduleEntrySchema).max(500),
  now: z.string().max(40),
});

export type StaffScheduleAction = z.infer<typeof staffScheduleActionSchema>;
export type StaffSchedule = z.infer<typeof staffScheduleSchema>;
