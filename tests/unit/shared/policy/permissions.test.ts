import { describe, expect, it } from 'vitest';
import {
  KNOWN_PERMISSIONS,
  devicePermissionDecision,
  permissionCheckDecision,
  permissionDecision,
} from '../../../../electron/shared/policy/permissions';

// The ones RELIABILITY.md names, plus any string Electron might add later.
const named = [
  'media',
  'geolocation',
  'notifications',
  'fullscreen',
  'hid',
  'serial',
  'usb',
  'clipboard-read',
  'clipboard-sanitized-write',
  'openExternal',
  'display-capture',
  'pointerLock',
  'keyboardLock',
  'midiSysex',
  'window-management',
  'unknown',
  'some-future-permission',
  '',
];

const origins = ['hall://kiosk', 'https://evil.example', 'file://', ''];

describe('permission policy', () => {
  it('lists every permission Electron 45 can ask about, once', () => {
    expect(new Set(KNOWN_PERMISSIONS).size).toBe(KNOWN_PERMISSIONS.length);
    expect(KNOWN_PERMISSIONS).toEqual(
      expect.arrayContaining(named.filter((p) => p !== '' && p !== 'some-future-permission')),
    );
  });

  describe.each([...new Set([...KNOWN_PERMISSIONS, ...named])])('%s', (permission) => {
    it('request is denied, from our own main frame too', () => {
      expect(permissionDecision(permission, { requestingUrl: 'hall://kiosk/', isMainFrame: true })).toBe(
        false,
      );
      expect(permissionDecision(permission)).toBe(false);
    });
    it.each(origins)('check from %j is denied', (origin) => {
      expect(permissionCheckDecision(permission, origin, { isMainFrame: true })).toBe(false);
    });
  });

  it.each(['hid', 'serial', 'usb', 'bluetooth'])('device permission %s is denied', (device) => {
    expect(devicePermissionDecision(device, 'hall://kiosk')).toBe(false);
  });
});
