import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { cuePlainText } from '../../../../electron/shared/webvtt';
import { useTimelineT } from '../../timeline/hooks';
import type { ResolvedMedia } from '../../timeline/media';
import { captionFor } from '../../timeline/media';
import { MediaPlaceholder } from './MediaPlaceholder';
import { SeekBar } from './SeekBar';
import { formatClock, safePlay, useExclusivePlayback } from './use-exclusive-playback';

export type VideoPlayerProps = {
  media: ResolvedMedia;
  /** Unique key in the player store (`eventId:mediaId`). */
  playerKey: string;
  language: string;
  defaultLanguage: string;
  autoPlay?: boolean;
};

/**
 * Video with captions in the visitor's language. Captions come from the pack's WebVTT files as
 * <track> elements; the one for the current language is read through the TextTrack API and drawn
 * by us (large, legible, following the large-text preset), the others stay disabled. A language
 * switch changes the caption track — and the file, when the medium has one per language —
 * without losing the position or the play state. Seeking relies on Range requests.
 */
export function VideoPlayer({
  media,
  playerKey,
  language,
  defaultLanguage,
  autoPlay = false,
}: VideoPlayerProps) {
  const t = useTimelineT();
  const ref = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(0);
  const [caption, setCaption] = useState('');
  const onFailed = useCallback(() => setFailed(true), []);
  useExclusivePlayback(ref, playerKey, 'video', onFailed);
  const track = captionFor(media, language, defaultLanguage);

  // The source is managed here, not by React, so a per-language swap keeps the position.
  const resume = useRef<{ time: number; play: boolean } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || media.src === '') return;
    if (el.getAttribute('src') === media.src) return;
    if (el.getAttribute('src') !== null) resume.current = { time: el.currentTime, play: !el.paused };
    else if (autoPlay) resume.current = { time: 0, play: true };
    el.src = media.src;
  }, [media.src, autoPlay]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onMeta = () => {
      setDuration(Number.isFinite(el.duration) ? el.duration : 0);
      const r = resume.current;
      resume.current = null;
      if (r) {
        if (r.time > 0) el.currentTime = Math.min(r.time, el.duration || r.time);
        if (r.play) safePlay(el, playerKey);
      }
    };
    // While a language swap loads the other file, keep showing the old position.
    const onTime = () => {
      if (!resume.current) setPosition(el.currentTime);
    };
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    el.addEventListener('loadedmetadata', onMeta);
    el.addEventListener('durationchange', onMeta);
    el.addEventListener('timeupdate', onTime);
    el.addEventListener('seeked', onTime);
    el.addEventListener('play', onPlay);
    el.addEventListener('pause', onPause);
    el.addEventListener('ended', onPause);
    return () => {
      el.removeEventListener('loadedmetadata', onMeta);
      el.removeEventListener('durationchange', onMeta);
      el.removeEventListener('timeupdate', onTime);
      el.removeEventListener('seeked', onTime);
      el.removeEventListener('play', onPlay);
      el.removeEventListener('pause', onPause);
      el.removeEventListener('ended', onPause);
    };
  }, [playerKey]);

  // Captions: only the current language's track is live ('hidden': loaded, drawn by us).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const tracks = Array.from(el.textTracks);
    const current = tracks.find((tt) => tt.language === track?.language);
    for (const tt of tracks) tt.mode = tt === current ? 'hidden' : 'disabled';
    if (!current) {
      setCaption('');
      return;
    }
    const show = () => {
      const cues = current.activeCues;
      const texts: string[] = [];
      if (cues)
        for (let i = 0; i < cues.length; i++) {
          const cue = cues[i];
          if (cue instanceof VTTCue) texts.push(cuePlainText(cue.text));
        }
      setCaption(texts.join('\n'));
    };
    current.addEventListener('cuechange', show);
    // A track that finished loading after the switch shows its cue at once, not at the next cue.
    const trackEl = el.querySelector<HTMLTrackElement>(`track[srclang="${track?.language ?? ''}"]`);
    trackEl?.addEventListener('load', show);
    show();
    return () => {
      current.removeEventListener('cuechange', show);
      trackEl?.removeEventListener('load', show);
    };
  }, [track?.language, media.id]);

  if (failed || media.src === '') return <MediaPlaceholder />;
  const toggle = () => {
    const el = ref.current;
    if (!el) return;
    if (el.paused) safePlay(el, playerKey);
    else el.pause();
  };
  return (
    <figure className="video-player" data-testid="video-player" data-playing={playing}>
      <div className="video-player__stage" onClick={toggle}>
        <video
          ref={ref}
          className="video-player__video"
          poster={media.poster}
          preload="metadata"
          playsInline
          disablePictureInPicture
          disableRemotePlayback
          controls={false}
          aria-label={media.alt}
          data-testid="video"
        >
          {media.captions.map((c) => (
            <track key={c.language} kind="captions" srcLang={c.language} label={c.label} src={c.url} />
          ))}
        </video>
        {!playing && (
          <span className="video-player__big-play" aria-hidden="true">
            <PlayGlyph />
          </span>
        )}
        {caption !== '' && (
          <p
            className="video-player__caption"
            lang={track?.language}
            data-testid="video-caption"
            aria-live="off"
          >
            {caption}
          </p>
        )}
      </div>
      <div className="player-bar">
        <button
          type="button"
          className="player-bar__button"
          onClick={toggle}
          aria-label={playing ? t('media.pause') : t('media.play')}
          data-testid="video-toggle"
        >
          {playing ? <PauseGlyph /> : <PlayGlyph />}
        </button>
        <span className="player-bar__time">
          {formatClock(position)} / {formatClock(duration)}
        </span>
        <SeekBar
          position={position}
          duration={duration}
          label={t('media.position')}
          testId="video-seek"
          onSeek={(s) => {
            const el = ref.current;
            if (el) el.currentTime = s;
          }}
        />
      </div>
    </figure>
  );
}

export function PlayGlyph() {
  return (
    <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
      <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
    </svg>
  );
}

export function PauseGlyph() {
  return (
    <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
      <path d="M7 5.5h3.5v13H7zM13.5 5.5H17v13h-3.5z" fill="currentColor" />
    </svg>
  );
}
