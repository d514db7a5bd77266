/**
 * Connects a kiosk window's failure events to the recovery supervisor. GPU process loss is an
 * app-level event and is wired in main.ts.
 */
import type { BrowserWindow, Event, RenderProcessGoneDetails } from 'electron';
import type { RecoverySupervisor } from './supervisor';

/** Watch `win`; the returned function stops watching (before the window is replaced). */
export function watchWindow(win: BrowserWindow, supervisor: RecoverySupervisor): () => void {
  const wc = win.webContents;
  const onGone = (_event: Event, details: RenderProcessGoneDetails): void => {
    supervisor.incident({ kind: 'renderer-gone', reason: details.reason });
  };
  const onUnresponsive = (): void => supervisor.unresponsive();
  const onResponsive = (): void => supervisor.responsive();
  wc.on('render-process-gone', onGone);
  win.on('unresponsive', onUnresponsive);
  win.on('responsive', onResponsive);
  return () => {
    wc.off('render-process-gone', onGone);
    win.off('unresponsive', onUnresponsive);
    win.off('responsive', onResponsive);
    supervisor.responsive();
  };
}
