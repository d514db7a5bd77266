/**
 * A read-only window into the timeline, player and sand-table stores for e2e tests and the
 * benchmark, installed only with `?debug=1` (never in the kiosk's normal start).
 */
import { playerStore } from '../stores/player-store';
import { sandTableStore } from '../stores/sand-table-store';
import { timelineStore } from '../stores/timeline-store';
import { startTimelineHighlights } from './highlights';

export type TimelineDebug = {
  timeline: () => { focusedIndex: number; openEventId: string | null; autoplay: boolean };
  player: () => { current: string | null; status: string };
  sandTable: () => { selectedPlaceId: string | null };
  /** Starts the attract-loop highlights as the attract flow would. */
  startHighlights: (dwellSeconds?: number) => void;
  stopHighlights: () => void;
};

let stopHighlights: (() => void) | null = null;

declare global {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    __hallTimeline?: TimelineDebug;
  }
}

export function installTimelineDebugHook(): void {
  window.__hallTimeline = {
    timeline: () => {
      const s = timelineStore.getState();
      return { focusedIndex: s.focusedIndex, openEventId: s.openEventId, autoplay: s.autoplay.running };
    },
    player: () => {
      const s = playerStore.getState();
      return { current: s.current?.key ?? null, status: s.status };
    },
    sandTable: () => ({ selectedPlaceId: sandTableStore.getState().selectedPlaceId }),
    startHighlights: (dwellSeconds) => {
      stopHighlights?.();
      stopHighlights = startTimelineHighlights(dwellSeconds === undefined ? {} : { dwellSeconds });
    },
    stopHighlights: () => {
      stopHighlights?.();
      stopHighlights = null;
    },
  };
}
