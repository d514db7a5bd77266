/**
 * The stored pictures of the visitor screen (see shared/screen-capture.ts): when each was taken,
 * writing a new one atomically (0600, like every file of the data folder), and reading one back
 * for the staff screen as a data URL.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startsLikeJpeg } from '../../shared/image-magic';
import type { ScreenOrientation } from '../../shared/screen-capture';
import { SCREEN_CAPTURE_MAX_BYTES, screenCaptureDue, screenCaptureFile } from '../../shared/screen-capture';

/** When the stored picture of `orientation` was taken (its mtime), or null when there is none. */
export async function screenTakenAt(dataDir: string, orientation: ScreenOrientation): Promise<number | null> {
  try {
    return (await stat(path.join(dataDir, screenCaptureFile(orientation)))).mtimeMs;
  } catch {
    return null;
  }
}

/** Is a new picture of `orientation` due now? */
export async function screenDue(
  dataDir: string,
  orientation: ScreenOrientation,
  now = Date.now(),
): Promise<boolean> {
  return screenCaptureDue(await screenTakenAt(dataDir, orientation), now);
}

/** Stores a JPEG picture of `orientation` (replacing the last one at once, never half-written). */
export async function saveScreen(
  dataDir: string,
  orientation: ScreenOrientation,
  jpeg: Uint8Array,
): Promise<void> {
  if (!startsLikeJpeg(jpeg)) throw new Error(`screen picture (${orientation}): not a JPEG`);
  if (jpeg.byteLength > SCREEN_CAPTURE_MAX_BYTES)
    throw new Error(
      `screen picture (${orientation}): ${jpeg.byteLength} bytes, more than ${SCREEN_CAPTURE_MAX_BYTES}`,
    );
  const file = path.join(dataDir, screenCaptureFile(orientation));
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, jpeg, { mode: 0o600 });
  await rename(tmp, file);
}

/** The stored picture as a `data:image/jpeg` URL, or null (none, unreadable, not a JPEG, too big). */
export async function screenDataUrl(dataDir: string, orientation: ScreenOrientation): Promise<string | null> {
  try {
    const bytes = await readFile(path.join(dataDir, screenCaptureFile(orientation)));
    if (!startsLikeJpeg(bytes) || bytes.byteLength > SCREEN_CAPTURE_MAX_BYTES) return null;
    return `data:image/jpeg;base64,${bytes.toString('base64')}`;
  } catch {
    return null;
  }
}
