import { useEffect } from 'react';
import type { RefObject } from 'react';
import { errorData, log } from '../../bridge/log';
import type { PlayerKind } from '../../stores/player-store';
import { playerStore } from '../../stores/player-store';

/**
 * Wires a <video>/<audio> element to the player store: it reports play/pause/end/error, pauses
 * itself when another medium takes the floor or the visitor leaves, and on unmount stops and
 * drops its source so the decoder and buffers are released (no growth across long sessions).
 */
export function useExclusivePlayback(
  ref: RefObject<HTMLMediaElement | null>,
  key: string,
  kind: PlayerKind,
  onFailed: () => void,
): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const store = playerStore.getState;
    const onPlay = () => store().started(key, kind);
    const onPause = () => {
      if (!el.ended) store().paused(key);
    };
    const onEnded = () => store().ended(key);
    const onError = () => {
      const err = el.error;
      log.warn('medium failed to load or decode', {
        key,
        src: el.currentSrc,
        code: err?.code ?? 0,
        message: err?.message ?? '',
      });
      store().failedToPlay(key);
      onFailed();
    };
    el.addEventListener('play', onPlay);
    el.addEventListener('pause', onPause);
    el.addEventListener('ended', onEnded);
    el.addEventListener('error', onError);
    const unsubscribe = playerStore.subscribe(
      (s) => [s.current?.key ?? null, s.stopSeq] as const,
      ([current, stopSeq], [, previousStop]) => {
        if ((current !== key || stopSeq !== previousStop) && !el.paused) el.pause();
      },
      { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    );
    return () => {
      unsubscribe();
      el.removeEventListener('play', onPlay);
      el.removeEventListener('pause', onPause);
      el.removeEventListener('ended', onEnded);
      el.removeEventListener('error', onError);
      try {
        el.pause();
        el.removeAttribute('src');
        el.load();
      } catch (error) {
        log.warn('releasing a medium failed', { key, ...errorData(error) });
      }
      store().released(key);
    };
  }, [ref, key, kind, onFailed]);
}

/** Plays an element, logging (not throwing) when the browser refuses. */
export function safePlay(el: HTMLMediaElement, key: string): void {
  const p = el.play();
  if (p !== undefined) {
    p.catch((error: unknown) => {
      // An AbortError means a newer load or pause superseded this play(): nothing is wrong.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      log.warn('play() was refused', { key, ...errorData(error) });
    });
  }
}

/** `m:ss` for a position in seconds. */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
