/**
 * The hall's own settings (config.json, as `kiosk:settings` hands them to the page). They belong
 * to the hall, not to a visitor: a session reset keeps them.
 */
import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { HallSettings } from '../../../electron/shared/hall-settings';

export type HallState = {
  settings: HallSettings;
  settingsLoaded: (settings: HallSettings) => void;
  sessionReset: () => void;
};

export function createHallStore() {
  return createStore<HallState>()(
    subscribeWithSelector((set) => ({
      settings: {},
      settingsLoaded: (settings) => set({ settings }),
      sessionReset: () => {},
    })),
  );
}

export type HallStore = ReturnType<typeof createHallStore>;

export const hallStore = createHallStore();

export const selectHallSettings = (s: HallState): HallSettings => s.settings;
