/**
 * Web permissions. A kiosk needs none: no camera, microphone, location, notifications, HTML
 * fullscreen (the window already is), devices, clipboard reads or external protocol handlers.
 * Every request and every check is denied; the lists below exist so tests and logs can name them.
 */

/**
 * Permission names Electron 45 passes to the request/check handlers. Kept here (not imported
 * from Electron) so the policy stays pure; `electron/main` checks the types line up.
 */
export const KNOWN_PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
] as const;

/** A permission name Electron knows about. Unknown future names are plain strings and denied too. */
export type KnownPermission = (typeof KNOWN_PERMISSIONS)[number];

/** The subset of a permission request's details the policy looks at (for logging only). */
export type PermissionDetails = {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
};

/**
 * Answer to `session.setPermissionRequestHandler`: always `false`, whatever the permission,
 * origin or frame. The parameters are taken so the signature documents what was considered.
 */
export function permissionDecision(_permission: string, _details?: PermissionDetails): false {
  return false;
}

/** Answer to `session.setPermissionCheckHandler`: always `false`. */
export function permissionCheckDecision(
  _permission: string,
  _requestingOrigin: string,
  _details?: PermissionDetails,
): false {
  return false;
}

/** Answer to `session.setDevicePermissionHandler` (HID, serial, USB, Bluetooth): always `false`. */
export function devicePermissionDecision(_deviceType: string, _origin: string): false {
  return false;
}
