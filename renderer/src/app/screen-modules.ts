/**
 * The large screens' modules (three.js, media), fetched on demand. One loader per screen, shared
 * by the router and by `preloadScreen`, so a preload and the later render use the same request: a
 * page opened on a screen (`?screen=…`) fetches its module while the pack loads instead of after it.
 *
 * A loader also tells whether its module is already here (`loaded()`): the router then renders it
 * directly. Through `lazy`, even a module already loaded suspended once, the fallback was committed,
 * and React throttles the commit after a fallback to 300 ms from it (~0.3 s of the sand table's
 * first frame, issue 15).
 */
import type { Screen } from '../stores/session-store';

/** Loads a module once (a failed load is forgotten, so a later call tries again). */
export type ModuleLoader<T> = {
  (): Promise<T>;
  /** The module, once it has loaded. */
  loaded(): T | undefined;
};

export function loadOnce<T>(load: () => Promise<T>): ModuleLoader<T> {
  let current: Promise<T> | null = null;
  let value: T | undefined;
  const loader = () => {
    if (current) return current;
    const p = load();
    current = p;
    p.then(
      (m) => {
        value = m;
      },
      () => {
        if (current === p) current = null;
      },
    );
    return p;
  };
  return Object.assign(loader, { loaded: () => value });
}

export const loadSandTableScreen = loadOnce(() => import('../screens/SandTableScreen'));
export const loadTimelineScreen = loadOnce(() => import('../screens/TimelineScreen'));
export const loadStaffScreen = loadOnce(() => import('../screens/StaffScreen'));

const loaders: Partial<Record<Screen, () => Promise<unknown>>> = {
  'sand-table': loadSandTableScreen,
  timeline: loadTimelineScreen,
};

/**
 * Starts fetching a screen's module now; resolves when it is here, or failed (a failure is left to
 * the render, which reports it).
 */
export function preloadScreen(screen: Screen): Promise<void> {
  const load = loaders[screen];
  return load
    ? load().then(
        () => undefined,
        () => undefined,
      )
    : Promise.resolve();
}
