/**
 * Browser behaviours a public touchscreen must not have: the long-press context menu, page zoom
 * (ctrl+wheel, touchpad pinch, keyboard), and dragging images out. Electron also locks these in
 * main; this covers browser mode (Chromium --kiosk).
 */
export function installKioskGuards(target: Document): () => void {
  const prevent = (event: Event) => event.preventDefault();
  const onWheel = (event: WheelEvent) => {
    if (event.ctrlKey) event.preventDefault();
  };
  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0'].includes(event.key)) event.preventDefault();
  };
  target.addEventListener('contextmenu', prevent);
  target.addEventListener('dragstart', prevent);
  target.addEventListener('wheel', onWheel, { passive: false });
  target.addEventListener('keydown', onKey);
  return () => {
    target.removeEventListener('contextmenu', prevent);
    target.removeEventListener('dragstart', prevent);
    target.removeEventListener('wheel', onWheel);
    target.removeEventListener('keydown', onKey);
  };
}
