import { createStore } from 'zustand/vanilla';
import { subscribeWithSelector } from 'zustand/middleware';

/**
 * One medium plays at a time. Every video and narration player reports here and pauses itself
 * when another one starts or when the visitor leaves (`stopRequested`). The position of the
 * playing medium is not stored (it changes every frame); only what plays and its state.
 */
export type PlayerKind = 'video' | 'audio';

export type PlayerStatus = 'idle' | 'playing' | 'paused' | 'ended' | 'failed';

export type PlayerState = {
  /** The medium that has the floor (`${eventId}:${mediaId}` or any unique key). */
  current: { key: string; kind: PlayerKind } | null;
  status: PlayerStatus;
  /** Bumped by `stopRequested`: every player pauses when it changes. */
  stopSeq: number;
  /** Bumped each time the current medium ends (the highlights player waits on it). */
  endedSeq: number;
  /** Keys that failed to load this session (shown as calm placeholders). */
  failed: readonly string[];

  started: (key: string, kind: PlayerKind) => void;
  paused: (key: string) => void;
  ended: (key: string) => void;
  failedToPlay: (key: string) => void;
  /** A player unmounted: if it had the floor, nobody has. */
  released: (key: string) => void;
  /** The visitor left (closed the story, changed screen, idle reset): everything stops. */
  stopRequested: () => void;
  sessionReset: () => void;
};

type Data = Pick<PlayerState, 'current' | 'status' | 'stopSeq' | 'endedSeq' | 'failed'>;

const initial: Data = { current: null, status: 'idle', stopSeq: 0, endedSeq: 0, failed: [] };

export function createPlayerStore(data: Partial<Data> = {}) {
  return createStore<PlayerState>()(
    subscribeWithSelector((set) => ({
      ...initial,
      ...data,
      started: (key, kind) => set({ current: { key, kind }, status: 'playing' }),
      paused: (key) =>
        set((s) => (s.current?.key === key && s.status === 'playing' ? { status: 'paused' } : {})),
      ended: (key) =>
        set((s) => (s.current?.key === key ? { status: 'ended', endedSeq: s.endedSeq + 1 } : {})),
      failedToPlay: (key) =>
        set((s) => ({
          failed: s.failed.includes(key) ? s.failed : [...s.failed, key],
          ...(s.current?.key === key ? { current: null, status: 'failed' as const } : {}),
        })),
      released: (key) => set((s) => (s.current?.key === key ? { current: null, status: 'idle' } : {})),
      stopRequested: () => set((s) => ({ current: null, status: 'idle', stopSeq: s.stopSeq + 1 })),
      sessionReset: () => set((s) => ({ ...initial, stopSeq: s.stopSeq + 1, endedSeq: s.endedSeq })),
    })),
  );
}

export type PlayerStore = ReturnType<typeof createPlayerStore>;

/** The app's one player store. */
export const playerStore = createPlayerStore();

export const selectCurrentMedia = (s: PlayerState) => s.current;
export const selectPlayerStatus = (s: PlayerState) => s.status;
