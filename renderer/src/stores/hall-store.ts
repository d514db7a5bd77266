/**
 * The hall's own state: its settings (config.json, as `kiosk:settings` hands them to the page)
 * and where it stands in its opening hours. Both belong to the hall, not to a visitor: a session
 * reset keeps them.
 */
import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';
import type { HallSettings } from '../../../electron/shared/hall-settings';

export type HallHours = {
  open: boolean;
  /** Epoch ms of the next opening (local wall clock), while closed; null if open or unknown. */
  nextOpen: number | null;
  /** Volume cap now (0 mutes). */
  volume: number;
};

export type HallState = {
  settings: HallSettings;
  hours: HallHours;
  settingsLoaded: (settings: HallSettings) => void;
  hoursEvaluated: (hours: HallHours) => void;
  sessionReset: () => void;
};

const ALWAYS_OPEN: HallHours = { open: true, nextOpen: null, volume: 1 };

export function createHallStore() {
  return createStore<HallState>()(
    subscribeWithSelector((set) => ({
      settings: {},
      hours: ALWAYS_OPEN,
      settingsLoaded: (settings) => set({ settings }),
      hoursEvaluated: (hours) =>
        set((s) =>
          s.hours.open === hours.open &&
          s.hours.nextOpen === hours.nextOpen &&
          s.hours.volume === hours.volume
            ? {}
            : { hours },
        ),
      sessionReset: () => {},
    })),
  );
}

export type HallStore = ReturnType<typeof createHallStore>;

export const hallStore = createHallStore();

export const selectHallSettings = (s: HallState): HallSettings => s.settings;
export const selectHallHours = (s: HallState): HallHours => s.hours;
