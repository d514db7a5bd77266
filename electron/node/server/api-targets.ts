/**
 * Which request targets the hall server's API modules answer. Kept apart from those modules so the
 * server can route without loading them: they (and the IPC schemas they evaluate) are imported on
 * the first API request, after the server already listens.
 */
export const STAFF_API_PREFIX = '/api/staff/';
export const KIOSK_API_PREFIX = '/api/kiosk/';

/** True for request targets the staff API answers. */
export function isStaffApiTarget(target: string): boolean {
  return target.startsWith(STAFF_API_PREFIX);
}

/** True for request targets the kiosk API answers. */
export function isKioskApiTarget(target: string): boolean {
  return target.startsWith(KIOSK_API_PREFIX);
}
