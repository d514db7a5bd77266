/**
 * What a fleet repository says about a pack (TUF target custom metadata, under `custom.hallpack`)
 * and what a kiosk writes about itself (the status file). Both are parsed with zod wherever they
 * are read: target metadata is signed by the publisher, but a kiosk still never trusts its shape.
 */
import { z } from 'zod';
import { parseLocalDateTime } from '../../shared/schedule';

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
