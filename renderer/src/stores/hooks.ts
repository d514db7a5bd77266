/**
 * Where the vanilla stores meet React. Components read stores only through these hooks
 * (with a selector, so they re-render only when their slice changes) and call actions via
 * `xxxStore.getState().event(...)`. Other stores add their hooks in their own modules.
 */
import { useStore } from 'zustand';
import type { PackManifest } from '../../../electron/shared/pack-schema';
import type { ContentState } from './content-store';
import { contentStore, selectManifest } from './content-store';
import type { HallState } from './hall-store';
import { hallStore } from './hall-store';
import type { SessionState } from './session-store';
import { sessionStore } from './session-store';

export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(sessionStore, selector);
}

export function useHall<T>(selector: (s: HallState) => T): T {
  return useStore(hallStore, selector);
}

export function useContent<T>(selector: (s: ContentState) => T): T {
  return useStore(contentStore, selector);
}

/** The active manifest; only call below the shell's "ready" gate, which guarantees it. */
export function useManifest(): PackManifest {
  const manifest = useStore(contentStore, selectManifest);
  if (!manifest) throw new Error('useManifest() used before the pack manifest was loaded');
  return manifest;
}
