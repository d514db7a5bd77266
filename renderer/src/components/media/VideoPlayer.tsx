import { useEffect, useState } from 'react';
import { cuePlainText } from '../../../../electron/shared/webvtt';
import { useTimelineT } from '../../timeline/hooks';
import type { ResolvedMedia } from '../../timeline/media';
import { captionFor } from '../../timeline/media';
import { MediaPlaceholder } from './MediaPlaceholder';
import { SeekBar } from './SeekBar';
import { formatClock } from './use-exclusive-playback';
import { useMediaElement } from './use-media-element';

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
  const { ref, failed, playing, position, duration, toggle } = useMediaElement<HTMLVideoElement>({
    src: media.src,
    playerKey,
    kind: 'video',
    autoPlay,
    positionUpdates: 'timeupdate',
  });
  const [caption, setCaption] = useState('');
  const track = captionFor(media, language, defaultLanguage);

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
  }, [ref, track?.language, media.id]);

  if (failed || media.src === '') return <MediaPlaceholder />;
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
