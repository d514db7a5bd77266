/**
 * The part of the hall's configuration (`config.json`) the renderer needs, and how it combines
 * with the pack's own `kiosk` defaults. Precedence, highest first:
 *
 * 1. URL options (`?idle=…&countdown=…`): tests and authoring previews only; the kiosk launchers
 *    (Electron's fixed start URL, the browser kiosk's `--app=<url>`) never pass any;
 * 2. the hall's `config.json`: the hall decides how long a visitor may stand still;
 * 3. the pack's `kiosk` block: what its author suggests;
 * 4. built-in defaults.
 *
 * Secrets (trusted keys, the PIN hash) never leave Node: only these fields cross to the page.
 */
import type { z } from 'zod';
import { kioskConfigSchema } from './config-schema';
import type { KioskConfig } from './config-schema';

/** Built-in defaults, used when neither the hall nor the pack says. */
export const BUILT_IN_IDLE_SECONDS = 120;
export const BUILT_IN_COUNTDOWN_SECONDS = 10;

/** What `kiosk:settings` answers (IPC in Electron, `/api/kiosk/settings` in browser mode). */
export const hallSettingsSchema = kioskConfigSchema.pick({
  idleTimeoutSeconds: true,
  countdownSeconds: true,
  hallName: true,
  openingHours: true,
  openingExceptions: true,
  quietHours: true,
});

export type HallSettings = z.infer<typeof hallSettingsSchema>;

/** The renderer's view of a hall configuration: only what it needs, only what the hall set. */
export function hallSettingsFromConfig(config: KioskConfig): HallSettings {
  // The picked schema drops every other field (keys, PIN hash) on the way.
  return hallSettingsSchema.parse(config);
}

/** Where a resolved value came from (shown on the staff health page and in the log). */
export type SettingSource = 'url' | 'config' | 'pack' | 'built-in';

export type SessionTiming = {
  idleSeconds: number;
  countdownSeconds: number;
  sources: { idle: SettingSource; countdown: SettingSource };
};

export type SessionTimingLayers = {
  url?: { idleSeconds?: number; countdownSeconds?: number };
  hall?: HallSettings;
  pack?: { idleTimeoutSeconds?: number | undefined; countdownSeconds?: number | undefined };
};

function pick(candidates: ReadonlyArray<[SettingSource, number | undefined]>, fallback: number) {
  for (const [source, value] of candidates) {
    if (value !== undefined) return { value, source };
  }
  return { value: fallback, source: 'built-in' as const };
}

/** Idle and countdown seconds by the precedence above. */
export function resolveSessionTiming(layers: SessionTimingLayers): SessionTiming {
  const idle = pick(
    [
      ['url', layers.url?.idleSeconds],
      ['config', layers.hall?.idleTimeoutSeconds],
      ['pack', layers.pack?.idleTimeoutSeconds],
    ],
    BUILT_IN_IDLE_SECONDS,
  );
  const countdown = pick(
    [
      ['url', layers.url?.countdownSeconds],
      ['config', layers.hall?.countdownSeconds],
      ['pack', layers.pack?.countdownSeconds],
    ],
    BUILT_IN_COUNTDOWN_SECONDS,
  );
  return {
    idleSeconds: idle.value,
    countdownSeconds: countdown.value,
    sources: { idle: idle.source, countdown: countdown.source },
  };
}
