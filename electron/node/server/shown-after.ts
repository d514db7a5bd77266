import type { KioskContent } from '../kiosk-content';

/**
 * Browser mode has no "page shown" signal from the renderer: a pack a page has been served for
 * this long counts as shown (as Electron's renderer would report it), and is committed.
 */
export const BROWSER_SHOWN_AFTER_MS = 60_000;

/**
 * After a switch of the store's current pack (staff, the schedule): the kiosk chooses its pack
 * again, and the new one is confirmed once pages have been shown it for `shownAfterMs`.
 */
export function reselectThenConfirm(
  content: Pick<KioskContent, 'reselect' | 'confirmShown'>,
  shownAfterMs = BROWSER_SHOWN_AFTER_MS,
): () => Promise<void> {
  return async () => {
    await content.reselect();
    setTimeout(() => void content.confirmShown(), shownAfterMs).unref();
  };
}
