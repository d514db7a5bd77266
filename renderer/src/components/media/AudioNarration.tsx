import { useEffect, useRef, useState } from 'react';
import type { VttCue } from '../../../../electron/shared/webvtt';
import { activeCueIndex, cuePlainText, parseWebVtt } from '../../../../electron/shared/webvtt';
import { errorData, log } from '../../bridge/log';
import { useReducedMotion, useTimelineT } from '../../timeline/hooks';
import type { ResolvedMedia } from '../../timeline/media';
import { captionFor } from '../../timeline/media';
import { MediaPlaceholder } from './MediaPlaceholder';
import { SeekBar } from './SeekBar';
import { formatClock, safePlay } from './use-exclusive-playback';
import { useMediaElement } from './use-media-element';
import { PauseGlyph, PlayGlyph } from './VideoPlayer';

export type AudioNarrationProps = {
  media: ResolvedMedia;
  playerKey: string;
  language: string;
  defaultLanguage: string;
  autoPlay?: boolean;
};

type Transcript = { url: string; language: string; cues: VttCue[] };

/**
 * Narration with its transcript: the current sentence is highlighted as it is spoken and kept in
 * view; tapping a sentence plays from there. A language switch swaps the recording and the
 * transcript and keeps the position and the play state.
 */
export function AudioNarration({
  media,
  playerKey,
  language,
  defaultLanguage,
  autoPlay = false,
}: AudioNarrationProps) {
  const t = useTimelineT();
  const reducedMotion = useReducedMotion();
  const { ref, failed, playing, position, setPosition, duration, toggle } = useMediaElement<HTMLAudioElement>(
    {
      src: media.src,
      playerKey,
      kind: 'audio',
      autoPlay,
      positionUpdates: 'frame',
    },
  );
  const listRef = useRef<HTMLOListElement>(null);
  const [loaded, setLoaded] = useState<Transcript | null>(null);
  const track = captionFor(media, language, defaultLanguage);

  // The transcript is the caption file of the current language, parsed by the pack's own parser.
  // Kept with the URL it came from, so a stale one is never shown after a language switch.
  const trackUrl = track?.url;
  const trackLanguage = track?.language;
  useEffect(() => {
    if (trackUrl === undefined || trackLanguage === undefined) return;
    const abort = new AbortController();
    fetch(trackUrl, { signal: abort.signal })
      .then(async (r) => {
        if (!r.ok) throw new Error(`captions answered ${r.status}`);
        const parsed = parseWebVtt(await r.text());
        if (!parsed.ok)
          log.warn('narration captions have errors', { url: trackUrl, errors: parsed.errors.slice(0, 3) });
        setLoaded({ url: trackUrl, language: trackLanguage, cues: parsed.cues });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        log.warn('narration transcript failed to load', { url: trackUrl, ...errorData(error) });
      });
    return () => abort.abort();
  }, [trackUrl, trackLanguage]);
  const transcript: Transcript | null = loaded !== null && loaded.url === trackUrl ? loaded : null;

  const active = transcript ? activeCueIndex(transcript.cues, position) : -1;
  useEffect(() => {
    if (active < 0) return;
    const li = listRef.current?.children[active];
    if (li instanceof HTMLElement)
      li.scrollIntoView({ block: 'nearest', behavior: reducedMotion ? 'auto' : 'smooth' });
  }, [active, reducedMotion]);

  if (failed || media.src === '') return <MediaPlaceholder compact />;
  const seek = (s: number) => {
    const el = ref.current;
    if (!el) return;
    el.currentTime = s;
    setPosition(s);
  };
  return (
    <section
      className="narration"
      data-testid="narration"
      data-playing={playing}
      aria-label={t('media.narration')}
    >
      <audio ref={ref} preload="metadata" data-testid="narration-audio" />
      <div className="player-bar player-bar--narration">
        <button
          type="button"
          className="player-bar__button"
          onClick={toggle}
          aria-label={playing ? t('media.pause') : t('media.play')}
          data-testid="narration-toggle"
        >
          {playing ? <PauseGlyph /> : <PlayGlyph />}
        </button>
        <span className="player-bar__label">{media.alt || t('media.narration')}</span>
        <span className="player-bar__time">
          {formatClock(position)} / {formatClock(duration)}
        </span>
        <SeekBar
          position={position}
          duration={duration}
          label={t('media.position')}
          onSeek={seek}
          testId="narration-seek"
        />
      </div>
      {transcript && transcript.cues.length > 0 && (
        <ol
          ref={listRef}
          className="narration__transcript"
          lang={transcript.language}
          aria-label={t('media.transcript')}
        >
          {transcript.cues.map((cue, i) => (
            <li
              key={`${transcript.language}:${i}`}
              className="narration__cue"
              data-active={i === active}
              data-testid="narration-cue"
              onClick={() => {
                seek(cue.start);
                const el = ref.current;
                if (el?.paused) safePlay(el, playerKey);
              }}
            >
              {cuePlainText(cue.text)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
