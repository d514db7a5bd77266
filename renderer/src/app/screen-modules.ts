/**
 * The large screens' modules (three.js, media), fetched on demand. One loader per screen, shared
 * by the router's lazy components and by `preloadScreen`, so a preload and the later render use
 * the same request: a page opened on a screen (`?screen=…`) fetches its module while the pack
 * loads instead of after it.
 */
import type { Screen } from '../stores/session-store';

export const loadSandTableScreen = () => import('../screens/SandTableScreen');
export const loadTimelineScreen = () => import('../screens/TimelineScreen');
export const loadStaffScreen = () => import('../screens/StaffScreen');

const loaders: Partial<Record<Screen, () => Promise<unknown>>> = {
  'sand-table': loadSandTableScreen,
  timeline: loadTimelineScreen,
};

/** Starts fetching a screen's module now; a failure is left to the render, which reports it. */
export function preloadScreen(screen: Screen): void {
  loaders[screen]?.().catch(() => undefined);
}
