/**
 * Pictures of the visitor screen for the staff heatmap: the touch grid is drawn over what the
 * visitor saw. The page asks its shell for a picture when it stands on the home screen (at most
 * every few hours per orientation); the shell that can see the window takes it — the browser-kiosk
 * supervisor through the DevTools pipe (`Page.captureScreenshot`), Electron through
 * `webContents.capturePage` — scaled down to a JPEG in `analytics/screens/<orientation>.jpg`.
 * The staff screen shows it under the heatmap; without one it draws the screen's outline.
 * The home screen holds the hall's own titles only: no visitor data is ever in the picture.
 */

export type ScreenOrientation = 'landscape' | 'portrait';

/** The binding the browser-kiosk supervisor gives the kiosk page (CDP `Runtime.addBinding`). */
export const KIOSK_CAPTURE_BINDING = 'hallKioskCapture';

/** A new picture of one orientation at most this often. */
export const SCREEN_CAPTURE_EVERY_MS = 6 * 3600_000;

/** The stored picture's long side, in pixels. */
export const SCREEN_CAPTURE_LONG_SIDE = 640;

/** JPEG quality of the stored picture. */
export const SCREEN_CAPTURE_QUALITY = 70;

/** A stored picture larger than this is not sent to the staff screen. */
export const SCREEN_CAPTURE_MAX_BYTES = 512 * 1024;

/** The picture of `orientation`, relative to the data folder. */
export function screenCaptureFile(orientation: ScreenOrientation): string {
  return `analytics/screens/${orientation}.jpg`;
}

/** The payload of a capture request, or null when it is none of ours. */
export function parseOrientation(payload: unknown): ScreenOrientation | null {
  return payload === 'landscape' || payload === 'portrait' ? payload : null;
}

/** The orientation of a `width`×`height` screen (square counts as landscape, as the heat grid does). */
export function orientationOf(width: number, height: number): ScreenOrientation {
  return height > width ? 'portrait' : 'landscape';
}

/** Is a new picture due, given when the stored one was taken (null: none yet)? */
export function screenCaptureDue(
  takenAt: number | null,
  now: number,
  everyMs: number = SCREEN_CAPTURE_EVERY_MS,
): boolean {
  if (takenAt === null) return true;
  // A clock set back makes the stored picture look newer than now: take a new one.
  return now - takenAt >= everyMs || now < takenAt;
}

/** The scale that brings a `width`×`height` screen to the stored long side (never enlarged). */
export function screenCaptureScale(
  width: number,
  height: number,
  longSide = SCREEN_CAPTURE_LONG_SIDE,
): number {
  const long = Math.max(width, height);
  if (!(long > 0)) return 1;
  return Math.min(1, longSide / long);
}
