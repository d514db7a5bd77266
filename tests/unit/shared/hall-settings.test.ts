import { describe, expect, it } from 'vitest';
import { kioskConfigSchema } from '../../../electron/shared/config-schema';
import {
  BUILT_IN_COUNTDOWN_SECONDS,
  BUILT_IN_IDLE_SECONDS,
  hallSettingsFromConfig,
  resolveSessionTiming,
} from '../../../electron/shared/hall-settings';

describe('resolveSessionTiming: URL (tests) > config (hall) > pack > built-in', () => {
  it('falls back to the built-in values when nobody says', () => {
    expect(resolveSessionTiming({})).toEqual({
      idleSeconds: BUILT_IN_IDLE_SECONDS,
      countdownSeconds: BUILT_IN_COUNTDOWN_SECONDS,
      sources: { idle: 'built-in', countdown: 'built-in' },
    });
  });

  it("takes the pack's suggestion over the built-in", () => {
    expect(resolveSessionTiming({ pack: { idleTimeoutSeconds: 90, countdownSeconds: 5 } })).toMatchObject({
      idleSeconds: 90,
      countdownSeconds: 5,
      sources: { idle: 'pack', countdown: 'pack' },
    });
  });

  it("takes the hall's config over the pack, field by field", () => {
    expect(
      resolveSessionTiming({
        hall: { idleTimeoutSeconds: 15 },
        pack: { idleTimeoutSeconds: 90, countdownSeconds: 5 },
      }),
    ).toEqual({ idleSeconds: 15, countdownSeconds: 5, sources: { idle: 'config', countdown: 'pack' } });
  });

  it('lets URL options (tests, previews) override everything', () => {
    expect(
      resolveSessionTiming({
        url: { idleSeconds: 3, countdownSeconds: 2 },
        hall: { idleTimeoutSeconds: 15, countdownSeconds: 9 },
        pack: { idleTimeoutSeconds: 90 },
      }),
    ).toEqual({ idleSeconds: 3, countdownSeconds: 2, sources: { idle: 'url', countdown: 'url' } });
  });
});

describe('hallSettingsFromConfig', () => {
  it('hands the page only what the hall set, never keys or the PIN hash', () => {
    const config = kioskConfigSchema.parse({
      idleTimeoutSeconds: 15,
      staffPinHash: 'scrypt$1$2$3$salt$hash',
      trustedKeys: [{ publicKeyPem: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----' }],
    });
    expect(hallSettingsFromConfig(config)).toEqual({ idleTimeoutSeconds: 15 });
    expect(hallSettingsFromConfig(kioskConfigSchema.parse({}))).toEqual({});
  });
});
