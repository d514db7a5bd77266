/**
 * The kiosk's own configuration (`config.json` in the data directory), written by the hall
 * technician once. Everything has a safe default so a missing or damaged file never stops the hall.
 */
import { z } from 'zod';
import { openingExceptionSchema, openingHoursSchema, quietHoursSchema } from './hall-hours';

export const trustedKeySchema = z.object({
  /** Optional label for people (e.g. "Changzhou museum 2026"). */
  name: z.string().optional(),
  /** Ed25519 public key, SPKI PEM. */
  publicKeyPem: z.string().includes('BEGIN PUBLIC KEY'),
});

/**
 * A hall fleet: pull signed packs from a TUF repository on any static web server. Absent: the
 * kiosk makes no network request at all.
 */
export const fleetConfigSchema = z.object({
  /** Repository URL, serving `metadata/` and `targets/` (http or https). */
  url: z.url({ protocol: /^https?$/ }),
  /** The fleet's `1.root.json`, copied to the kiosk by the technician: the root of trust. */
  rootFile: z.string().min(1),
  /** Seconds between pulls; failures back off from here up to an hour. */
  pollSeconds: z.number().int().min(30).max(86_400).default(300),
  /** Channel the kiosk follows. */
  channel: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/)
    .default('stable'),
  /** Name in status files (default: the machine's host name). */
  kioskName: z.string().min(1).max(64).optional(),
  /** Share this kiosk's status: PUT to `<url>/<kiosk>.json`, or write into a shared folder. */
  statusUpload: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('put'), url: z.url({ protocol: /^https?$/ }) }),
      z.object({ kind: z.literal('folder'), path: z.string().min(1) }),
    ])
    .optional(),
});

export const kioskConfigSchema = z.object({
  /**
   * Keys whose signatures the kiosk accepts on content packs, besides the data folder's trust
   * list (`trusted-keys.json`, managed with `hallpack trust add|list|remove`).
   */
  trustedKeys: z.array(trustedKeySchema).default([]),
  /**
   * Development machines only: also trust this checkout's development key (`.dev-keys/`,
   * generated on first build). The built-in pack never needs it: the app trusts it by its
   * build-time identity.
   */
  trustDevelopmentKey: z.boolean().default(false),
  /** Accept unsigned packs: for authoring machines only, never in a hall. */
  allowUnsignedPacks: z.boolean().default(false),
  /** Keyboard chord that opens staff mode (Electron accelerator syntax). */
  staffChord: z.string().default('Control+Alt+Shift+K'),
  /**
   * Seconds without a touch before the reset countdown starts. Overrides the pack's
   * `kiosk.idleTimeoutSeconds`; unset: the pack's value, else 120 (see hall-settings.ts).
   */
  idleTimeoutSeconds: z.number().int().min(15).max(3600).optional(),
  /** Seconds the countdown runs before everything resets to attract; unset: the pack's, else 10. */
  countdownSeconds: z.number().int().min(3).max(60).optional(),
  /**
   * Browser mode: loopback port of the hall server when the launcher is not given `--port`
   * (unset or 0: any free port; the launcher opens whatever the server prints).
   */
  port: z.number().int().min(0).max(65535).optional(),
  /** The hall's name for the closed screen, plain or by language (`{"zh-Hans": …, "en": …}`). */
  hallName: z
    .union([z.string().min(1).max(120), z.record(z.string(), z.string().min(1).max(120))])
    .optional(),
  /** Weekly opening hours (local time), see hall-hours.ts. Unset: always open. */
  openingHours: openingHoursSchema.optional(),
  /** Dated exceptions (holidays, commemoration days) that replace their date's weekly hours. */
  openingExceptions: z.array(openingExceptionSchema).max(400).optional(),
  /** Volume caps by time of day (0 mutes). */
  quietHours: z.array(quietHoursSchema).max(24).optional(),
  /**
   * The staff PIN as `scrypt$N$r$p$salt$hash` (base64url salt and hash), written by
   * `hallpack staff-pin`. Never a PIN in clear. Absent: staff mode stays closed. Checked in Node
   * only; a damaged value keeps staff mode closed without touching the rest of the config.
   */
  staffPinHash: z.string().max(1024).optional(),
  /** A staff session ends after this many minutes without a staff request. */
  staffSessionMinutes: z.number().int().min(1).max(120).default(10),
  /**
   * Free space (MiB) a pack install must leave on the disk beyond the pack itself. Default: a
   * tenth of the pack, at least 64 MiB.
   */
  installFreeSpaceMarginMb: z.number().int().min(0).max(1_048_576).optional(),
  /**
   * Most MiB the visitor analytics (`analytics/events-*.jsonl`) may take; the oldest days are
   * dropped to stay within it.
   */
  analyticsMaxMb: z.number().int().min(1).max(100_000).default(200),
  /** Most MiB the health log (`health/health-*.jsonl`) may take; the oldest days go first. */
  healthLogMaxMb: z.number().int().min(1).max(100_000).default(50),
  /**
   * Memory watch: when the renderer's memory stays above this many MiB (two reports a minute
   * apart), the page reloads itself at its next idle moment, never in front of a visitor (at most
   * every 30 minutes). Unset: no memory watch.
   */
  memoryReloadThresholdMb: z.number().int().min(64).max(65_536).optional(),
  /**
   * Local time ("03:30") of a nightly restart, done only while the hall is closed (by
   * `openingHours`) and at an idle moment; missed by more than 4 hours, it waits for the next
   * night. Electron relaunches itself; browser mode reloads the page. Unset: none.
   */
  nightlyRestart: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a local time "HH:MM", e.g. "03:30"' })
    .optional(),
  fleet: fleetConfigSchema.optional(),
});

export type KioskConfig = z.infer<typeof kioskConfigSchema>;
export type FleetConfig = z.infer<typeof fleetConfigSchema>;
export type TrustedKeyConfig = z.infer<typeof trustedKeySchema>;
