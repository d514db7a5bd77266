/**
 * What a fleet repository says about a pack (TUF target custom metadata, under `custom.hallpack`)
 * and what a kiosk writes about itself (the status file). Both are parsed with zod wherever they
 * are read: target metadata is signed by the publisher, but a kiosk still never trusts its shape.
 */
import { z } from 'zod';

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export type LocalDateTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

/** `YYYY-MM-DD HH:MM[:SS]` (or with `T`) as wall-clock fields; null when malformed or impossible. */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const m = localDateTime.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return { year, month, day, hour, minute, second };
}

/** The kiosk's local time for a wall-clock value (the hall's clock, never a time zone from afar). */
export function localDateTimeToDate(t: LocalDateTime): Date {
  return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, 0);
}

export const fleetTargetMetaSchema = z.object({
  id: z.string().min(1).max(64),
  version: z.string().min(1).max(64),
  languages: z.array(z.string().max(35)).max(32),
  channel: z.string().min(1).max(32),
  /** Targets-metadata version at which the publisher added it: the newest per channel wins. */
  sequence: z.number().int().nonnegative(),
  title: z.string().max(400).optional(),
  /** Local wall-clock time, `YYYY-MM-DDTHH:MM[:SS]`, at which every kiosk switches to it. */
  activateAt: z
    .string()
    .refine((s) => parseLocalDateTime(s) !== null, 'a local date-time YYYY-MM-DDTHH:MM[:SS]')
    .optional(),
});
export type FleetTargetMeta = z.infer<typeof fleetTargetMetaSchema>;

export const fleetStatusSchema = z.object({
  kiosk: z.string().max(128),
  pack: z.string().max(200).nullable(),
  channel: z.string().max(32),
  lastPullAt: z.string().max(40).nullable(),
  lastSuccessAt: z.string().max(40).nullable(),
  lastError: z.string().max(2000).nullable(),
  pending: z.string().max(200).nullable(),
  pendingAt: z.string().max(40).nullable(),
});
export type FleetStatus = z.infer<typeof fleetStatusSchema>;
