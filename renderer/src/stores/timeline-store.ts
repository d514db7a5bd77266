import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';

/**
 * Where the visitor is on the timeline. Per-frame values (the track's scroll offset during a
 * swipe) never come here: the track reports only the card it settled on. Commands for the track
 * (`jump`) carry a sequence number so two identical requests are still two requests.
 */
export type TrackJump = {
  seq: number;
  /** An item index, or an event id the track resolves with its model. */
  target: { kind: 'item'; index: number } | { kind: 'event'; eventId: string };
  /** Glide there (near) or cut (far, or reduced motion). */
  animate: boolean;
};

export type Autoplay = {
  running: boolean;
  /** Event ids played in order. */
  eventIds: readonly string[];
  index: number;
};

export type TimelineState = {
  /** The timeline shown (a pack may have several); null = the pack's first. */
  timelineId: string | null;
  /** The card at the centre of the track (item index, era cards included). */
  focusedIndex: number;
  /** The event whose story is open, if any. */
  openEventId: string | null;
  /** Which of the open event's media is on the stage. */
  mediaIndex: number;
  jump: TrackJump | null;
  autoplay: Autoplay;

  timelineChosen: (timelineId: string) => void;
  /** The track came to rest on a card (after a swipe, a jump or a resize). */
  trackSettled: (index: number) => void;
  /** The scrubber (or a year label) asked for a card. */
  yearScrubbed: (index: number, animate: boolean) => void;
  /** Next/previous buttons or arrow keys. */
  stepRequested: (index: number) => void;
  eventOpened: (eventId: string) => void;
  eventClosed: () => void;
  mediaChosen: (index: number) => void;
  /** Something outside the timeline (a place's "its events") asks for an event. */
  eventRequested: (timelineId: string | null, eventId: string, open: boolean) => void;
  highlightsStarted: (timelineId: string | null, eventIds: readonly string[]) => void;
  highlightAdvanced: () => void;
  /** A touch during the highlights: they stop where they are; the visitor has the timeline. */
  visitorTookOver: () => void;
  highlightsStopped: () => void;
  sessionReset: () => void;
};

type Data = Pick<
  TimelineState,
  'timelineId' | 'focusedIndex' | 'openEventId' | 'mediaIndex' | 'jump' | 'autoplay'
>;

const noAutoplay: Autoplay = { running: false, eventIds: [], index: 0 };

const initial: Data = {
  timelineId: null,
  focusedIndex: 0,
  openEventId: null,
  mediaIndex: 0,
  jump: null,
  autoplay: noAutoplay,
};

export function createTimelineStore(data: Partial<Data> = {}) {
  return createStore<TimelineState>()(
    subscribeWithSelector((set) => {
      let seq = 0;
      const jump = (target: TrackJump['target'], animate: boolean): TrackJump => ({
        seq: ++seq,
        target,
        animate,
      });
      return {
        ...initial,
        ...data,
        timelineChosen: (timelineId) =>
          set((s) =>
            s.timelineId === timelineId
              ? {}
              : { ...initial, timelineId, jump: jump({ kind: 'item', index: 0 }, false) },
          ),
        trackSettled: (index) => set((s) => (s.focusedIndex === index ? {} : { focusedIndex: index })),
        yearScrubbed: (index, animate) => set({ jump: jump({ kind: 'item', index }, animate) }),
        stepRequested: (index) => set({ jump: jump({ kind: 'item', index }, true) }),
        eventOpened: (eventId) => set({ openEventId: eventId, mediaIndex: 0 }),
        eventClosed: () => set({ openEventId: null, mediaIndex: 0 }),
        mediaChosen: (index) => set({ mediaIndex: Math.max(0, index) }),
        eventRequested: (timelineId, eventId, open) =>
          set((s) => ({
            timelineId: timelineId ?? s.timelineId,
            openEventId: open ? eventId : null,
            mediaIndex: 0,
            jump: jump({ kind: 'event', eventId }, false),
            autoplay: noAutoplay,
          })),
        highlightsStarted: (timelineId, eventIds) => {
          const first = eventIds[0];
          set((s) => ({
            timelineId: timelineId ?? s.timelineId,
            autoplay: { running: eventIds.length > 0, eventIds, index: 0 },
            openEventId: first ?? null,
            mediaIndex: 0,
            ...(first === undefined ? {} : { jump: jump({ kind: 'event', eventId: first }, false) }),
          }));
        },
        highlightAdvanced: () =>
          set((s) => {
            if (!s.autoplay.running || s.autoplay.eventIds.length === 0) return {};
            const index = (s.autoplay.index + 1) % s.autoplay.eventIds.length;
            const eventId = s.autoplay.eventIds[index] ?? null;
            return {
              autoplay: { ...s.autoplay, index },
              openEventId: eventId,
              mediaIndex: 0,
              ...(eventId === null ? {} : { jump: jump({ kind: 'event', eventId }, true) }),
            };
          }),
        visitorTookOver: () =>
          set((s) => (s.autoplay.running ? { autoplay: { ...s.autoplay, running: false } } : {})),
        highlightsStopped: () =>
          set((s) => (s.autoplay.running ? { autoplay: noAutoplay, openEventId: null } : {})),
        sessionReset: () => set({ ...initial, jump: jump({ kind: 'item', index: 0 }, false) }),
      };
    }),
  );
}

export type TimelineStore = ReturnType<typeof createTimelineStore>;

/** The app's one timeline store. */
export const timelineStore = createTimelineStore();

export const selectTimelineId = (s: TimelineState) => s.timelineId;
export const selectFocusedIndex = (s: TimelineState) => s.focusedIndex;
export const selectOpenEventId = (s: TimelineState) => s.openEventId;
export const selectMediaIndex = (s: TimelineState) => s.mediaIndex;
export const selectJump = (s: TimelineState) => s.jump;
export const selectAutoplay = (s: TimelineState) => s.autoplay;
