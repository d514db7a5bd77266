import { describe, expect, it } from 'vitest';
import {
  HALL_ORIGIN,
  HALL_SCHEME,
  HALL_START_URL,
  hallSchemePrivileges,
} from '../../../../electron/shared/policy/scheme';
import { isAllowedNavigation } from '../../../../electron/shared/policy/navigation';

describe('hall scheme', () => {
  it('names the origin hall://kiosk', () => {
    expect(HALL_SCHEME).toBe('hall');
    expect(HALL_ORIGIN).toBe('hall://kiosk');
    expect(isAllowedNavigation(HALL_START_URL, HALL_ORIGIN)).toBe(true);
  });

  it.each([
    ['standard', true],
    ['secure', true],
    ['supportFetchAPI', true],
    ['stream', true],
    ['corsEnabled', false],
    ['bypassCSP', false],
    ['allowServiceWorkers', false],
    ['codeCache', false],
  ] as const)('%s is %s', (privilege, value) => {
    expect(hallSchemePrivileges[privilege]).toBe(value);
  });

  it('grants nothing beyond the table', () => {
    expect(Object.keys(hallSchemePrivileges).sort()).toEqual(
      [
        'allowServiceWorkers',
        'bypassCSP',
        'codeCache',
        'corsEnabled',
        'secure',
        'standard',
        'stream',
        'supportFetchAPI',
      ].sort(),
    );
    expect(Object.isFrozen(hallSchemePrivileges)).toBe(true);
  });
});
