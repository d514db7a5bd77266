/**
 * The browser-kiosk side of the staff heatmap's screen picture: the kiosk page asked (through the
 * `hallKioskCapture` binding) while it stands on its home screen; if a new picture is due, the
 * visible viewport is captured over the DevTools pipe, scaled down, as a JPEG into the data folder.
 */
import type { ScreenOrientation } from '../../shared/screen-capture';
import { SCREEN_CAPTURE_QUALITY, screenCaptureScale } from '../../shared/screen-capture';
import { saveScreen, screenDue } from '../analytics/screen-store';
import type { CdpConnection } from './cdp-pipe';

/** Captures the kiosk page into `dataDir` when a picture of `orientation` is due; true when stored. */
export async function captureKioskScreen(
  cdp: Pick<CdpConnection, 'send'>,
  sessionId: string,
  dataDir: string,
  orientation: ScreenOrientation,
  now = Date.now(),
): Promise<boolean> {
  if (!(await screenDue(dataDir, orientation, now))) return false;
  const metrics = await cdp.send('Page.getLayoutMetrics', {}, sessionId);
  const viewport = metrics['cssVisualViewport'] as
    { clientWidth?: number; clientHeight?: number } | undefined;
  const width = Math.round(viewport?.clientWidth ?? 0);
  const height = Math.round(viewport?.clientHeight ?? 0);
  if (width <= 0 || height <= 0) throw new Error('the kiosk page has no viewport');
  const shot = await cdp.send(
    'Page.captureScreenshot',
    {
      format: 'jpeg',
      quality: SCREEN_CAPTURE_QUALITY,
      clip: { x: 0, y: 0, width, height, scale: screenCaptureScale(width, height) },
    },
    sessionId,
  );
  const data = shot['data'];
  if (typeof data !== 'string') throw new Error('Chromium sent no picture');
  await saveScreen(dataDir, orientation, Buffer.from(data, 'base64'));
  return true;
}
