import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PlayerKind } from '../../stores/player-store';
import { safePlay, useExclusivePlayback } from './use-exclusive-playback';

export type MediaElementOptions = {
  src: string;
  playerKey: string;
  kind: PlayerKind;
  autoPlay: boolean;
  /**
   * How the shown position follows playback: on every animation frame (smooth, for a transcript
   * highlight) or on the element's `timeupdate` events.
   */
  positionUpdates: 'frame' | 'timeupdate';
};

/**
 * The state shared by our <video>/<audio> players: the element (wired to the player store), its
 * play state, position and duration, and a play/pause toggle. The source is managed here, not by
 * React, so a per-language swap keeps the position and the play state.
 */
export function useMediaElement<E extends HTMLMediaElement>({
  src,
  playerKey,
  kind,
  autoPlay,
  positionUpdates,
}: MediaElementOptions) {
  const ref = useRef<E>(null);
  const [failed, setFailed] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(0);
  const onFailed = useCallback(() => setFailed(true), []);
  useExclusivePlayback(ref, playerKey, kind, onFailed);

  const resume = useRef<{ time: number; play: boolean } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || src === '') return;
    if (el.getAttribute('src') === src) return;
    if (el.getAttribute('src') !== null) resume.current = { time: el.currentTime, play: !el.paused };
    else if (autoPlay) resume.current = { time: 0, play: true };
    el.src = src;
  }, [src, autoPlay]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const perFrame = positionUpdates === 'frame';
    let raf = 0;
    // While a language swap loads the other file, keep showing the old position.
    const showPosition = () => {
      if (!resume.current) setPosition(el.currentTime);
    };
    const tick = () => {
      showPosition();
      raf = el.paused ? 0 : requestAnimationFrame(tick);
    };
    const onMeta = () => {
      setDuration(Number.isFinite(el.duration) ? el.duration : 0);
      const r = resume.current;
      resume.current = null;
      if (r) {
        if (r.time > 0) el.currentTime = Math.min(r.time, el.duration || r.time);
        if (r.play) safePlay(el, playerKey);
      }
    };
    const onPlay = () => {
      setPlaying(true);
      if (perFrame && !raf) raf = requestAnimationFrame(tick);
    };
    const onPause = () => {
      setPlaying(false);
      if (perFrame) showPosition();
    };
    el.addEventListener('loadedmetadata', onMeta);
    el.addEventListener('durationchange', onMeta);
    if (!perFrame) el.addEventListener('timeupdate', showPosition);
    el.addEventListener('seeked', showPosition);
    el.addEventListener('play', onPlay);
    el.addEventListener('pause', onPause);
    el.addEventListener('ended', onPause);
    return () => {
      if (raf) cancelAnimationFrame(raf);
      el.removeEventListener('loadedmetadata', onMeta);
      el.removeEventListener('durationchange', onMeta);
      el.removeEventListener('timeupdate', showPosition);
      el.removeEventListener('seeked', showPosition);
      el.removeEventListener('play', onPlay);
      el.removeEventListener('pause', onPause);
      el.removeEventListener('ended', onPause);
    };
  }, [playerKey, positionUpdates]);

  const toggle = () => {
    const el = ref.current;
    if (!el) return;
    if (el.paused) safePlay(el, playerKey);
    else el.pause();
  };

  return { ref, failed, playing, position, setPosition, duration, toggle };
}
