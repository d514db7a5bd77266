import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { PackManifest } from '../../../electron/shared/pack-schema';

/** Why the manifest could not be shown; the screen picks a calm message from it. */
export type ContentProblem = 'no-pack' | 'invalid' | 'unreachable';

export type ContentLoad =
  | { status: 'loading' }
  | { status: 'ready'; manifest: PackManifest }
  | { status: 'error'; problem: ContentProblem };

export type ContentState = {
  load: ContentLoad;
  /** Bumped on every successful load, so views can re-read pack files after a pack switch. */
  revision: number;
  manifestRequested: () => void;
  manifestLoaded: (manifest: PackManifest) => void;
  manifestFailed: (problem: ContentProblem) => void;
  /** Content belongs to the hall, not the visitor: nothing to forget. */
  sessionReset: () => void;
};

export function createContentStore() {
  return createStore<ContentState>()(
    subscribeWithSelector((set) => ({
      load: { status: 'loading' },
      revision: 0,
      manifestRequested: () =>
        // Keep showing a pack that is already there while a newer one loads.
        set((s) => (s.load.status === 'ready' ? {} : { load: { status: 'loading' } })),
      manifestLoaded: (manifest) =>
        set((s) => ({ load: { status: 'ready', manifest }, revision: s.revision + 1 })),
      manifestFailed: (problem) =>
        set((s) => (s.load.status === 'ready' ? {} : { load: { status: 'error', problem } })),
      sessionReset: () => {},
    })),
  );
}

export type ContentStore = ReturnType<typeof createContentStore>;

export const contentStore = createContentStore();

export const selectLoad = (s: ContentState) => s.load;
export const selectManifest = (s: ContentState): PackManifest | undefined =>
  s.load.status === 'ready' ? s.load.manifest : undefined;
