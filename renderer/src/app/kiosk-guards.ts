import { shouldBlockInput } from '../../../electron/shared/policy/keys';

/**
 * Browser behaviours a public touchscreen must not have: the long-press context menu, page zoom
 * (ctrl+wheel, touchpad pinch, keyboard), and dragging images out. Electron also locks these in
 * main; this covers browser mode (Chromium --kiosk).
 *
 * Keys: the same predicate Electron's `before-input-event` uses. Cancelling a keydown stops
 * Chromium's own shortcut where the page may (F12 and Ctrl+Shift+I would otherwise pop up
 * "DevTools not allowed" over the kiosk, F5 reloads, Ctrl+P prints); the reserved ones (Ctrl+N,
 * Ctrl+T, Alt+F4) never reach the page and are the browser-kiosk supervisor's job. Escape stays
 * with the page, which closes its own panels with it.
 */
export function installKioskGuards(target: Document): () => void {
  const prevent = (event: Event) => event.preventDefault();
  const onWheel = (event: WheelEvent) => {
    if (event.ctrlKey) event.preventDefault();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') return;
    const input = {
      type: 'keyDown',
      key: event.key,
      code: event.code,
      control: event.ctrlKey,
      alt: event.altKey,
      shift: event.shiftKey,
      meta: event.metaKey,
    };
    if (shouldBlockInput(input, null)) event.preventDefault();
  };
  target.addEventListener('contextmenu', prevent);
  target.addEventListener('dragstart', prevent);
  // Safari-style gesture events (WebKit touchscreens): a page pinch starts here.
  target.addEventListener('gesturestart', prevent, { passive: false });
  target.addEventListener('gesturechange', prevent, { passive: false });
  target.addEventListener('wheel', onWheel, { passive: false });
  target.addEventListener('keydown', onKey);
  return () => {
    target.removeEventListener('contextmenu', prevent);
    target.removeEventListener('dragstart', prevent);
    target.removeEventListener('gesturestart', prevent);
    target.removeEventListener('gesturechange', prevent);
    target.removeEventListener('wheel', onWheel);
    target.removeEventListener('keydown', onKey);
  };
}
