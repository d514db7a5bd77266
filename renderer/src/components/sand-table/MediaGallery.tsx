import { useEffect, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import type { Media, PackManifest } from '../../../../electron/shared/pack-schema';
import { localize, mediaSrcFor } from '../../../../electron/shared/pack-schema';
import { activeCueIndex, cuePlainText, parseWebVtt } from '../../../../electron/shared/webvtt';
import type { VttCue } from '../../../../electron/shared/webvtt';
import { packUrl } from '../../bridge/pack';
import { holdIdle } from '../../flows/idle';
import { ModelView } from './ModelView';
import { PinchImage } from './PinchImage';
import type { SandT } from './strings';

const PRESENTABLE = new Set<Media['kind']>(['image', 'video', 'audio', 'model']);

export type MediaGalleryProps = {
  manifest: PackManifest;
  mediaIds: readonly string[];
  language: string;
  reducedMotion: boolean;
  t: SandT;
};

type Entry = { id: string; media: Media };

/** Keeps the session alive while a medium plays (a visitor watching is not idle). */
function useIdleHoldWhilePlaying(ref: RefObject<HTMLMediaElement | null>, reason: string): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let release: (() => void) | null = null;
    const on = () => {
      release ??= holdIdle(reason);
    };
    const off = () => {
      release?.();
      release = null;
    };
    el.addEventListener('playing', on);
    el.addEventListener('pause', off);
    el.addEventListener('ended', off);
    return () => {
      el.removeEventListener('playing', on);
      el.removeEventListener('pause', off);
      el.removeEventListener('ended', off);
      el.pause();
      off();
    };
  }, [ref, reason]);
}

function captionsFor(media: Media, language: string, fallback: string): string | undefined {
  const c = media.captions;
  return c ? (c[language] ?? c[fallback] ?? Object.values(c)[0]) : undefined;
}

function VideoItem({
  media,
  language,
  fallback,
  onError,
}: {
  media: Media;
  language: string;
  fallback: string;
  onError: () => void;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useIdleHoldWhilePlaying(ref, 'place-card video');
  const src = mediaSrcFor(media, language, fallback);
  const captions = captionsFor(media, language, fallback);
  if (!src) return null;
  return (
    <video
      ref={ref}
      className="media-gallery__video"
      src={packUrl(src)}
      poster={media.poster ? packUrl(media.poster) : undefined}
      controls
      controlsList="nodownload noremoteplayback nofullscreen"
      disablePictureInPicture
      playsInline
      preload="metadata"
      onError={onError}
      data-testid="media-video"
    >
      {captions && (
        <track kind="captions" src={packUrl(captions)} srcLang={language} label={language} default />
      )}
    </video>
  );
}

function AudioItem({
  media,
  language,
  fallback,
  onError,
}: {
  media: Media;
  language: string;
  fallback: string;
  onError: () => void;
}) {
  const ref = useRef<HTMLAudioElement>(null);
  const [loaded, setLoaded] = useState<{ url: string; cues: VttCue[] } | null>(null);
  const [line, setLine] = useState('');
  useIdleHoldWhilePlaying(ref, 'place-card narration');
  const src = mediaSrcFor(media, language, fallback);
  const captions = captionsFor(media, language, fallback);
  const captionsUrl = captions ? packUrl(captions) : null;
  const cues = loaded && loaded.url === captionsUrl ? loaded.cues : [];
  useEffect(() => {
    if (!captionsUrl) return;
    let live = true;
    fetch(captionsUrl)
      .then((r) => (r.ok ? r.text() : ''))
      .then((text) => {
        if (live) setLoaded({ url: captionsUrl, cues: parseWebVtt(text).cues });
      })
      .catch(() => {
        // Without captions the player still plays.
      });
    return () => {
      live = false;
    };
  }, [captionsUrl]);
  if (!src) return null;
  const onTime = () => {
    const el = ref.current;
    if (!el) return;
    const i = activeCueIndex(cues, el.currentTime);
    const cue = i >= 0 ? cues[i] : undefined;
    setLine(cue ? cuePlainText(cue.text) : '');
  };
  return (
    <div className="media-gallery__audio">
      <audio
        ref={ref}
        src={packUrl(src)}
        controls
        controlsList="nodownload"
        preload="metadata"
        onTimeUpdate={onTime}
        onError={onError}
        data-testid="media-audio"
      />
      <p className="media-gallery__transcript" aria-live="polite">
        {line}
      </p>
    </div>
  );
}

/** The card's media: a stage for the chosen item and a strip of the others. */
export function MediaGallery({ manifest, mediaIds, language, reducedMotion, t }: MediaGalleryProps) {
  const fallback = manifest.defaultLanguage;
  const entries: Entry[] = mediaIds.flatMap((id) => {
    const media = manifest.media[id];
    return media && PRESENTABLE.has(media.kind) ? [{ id, media }] : [];
  });
  const [index, setIndex] = useState(0);
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const current = entries[Math.min(index, entries.length - 1)];
  if (!current) return null;
  const fail = (id: string) => () => setFailed((f) => new Set(f).add(id));
  const { media, id } = current;
  const alt = localize(media.alt, language, fallback);
  const credit = localize(media.credit, language, fallback);
  const src = mediaSrcFor(media, language, fallback);

  let stage: ReactNode;
  if (failed.has(id) || !src) {
    stage = <p className="media-gallery__failed">{t('card.mediaFailed')}</p>;
  } else {
    switch (media.kind) {
      case 'image':
        stage = <PinchImage key={id} src={packUrl(src)} alt={alt} onError={fail(id)} />;
        break;
      case 'video':
        stage = (
          <VideoItem key={id} media={media} language={language} fallback={fallback} onError={fail(id)} />
        );
        break;
      case 'audio':
        stage = (
          <AudioItem key={id} media={media} language={language} fallback={fallback} onError={fail(id)} />
        );
        break;
      case 'model':
        stage = (
          <ModelView
            key={id}
            url={packUrl(src)}
            background={manifest.theme.colors.surface}
            reducedMotion={reducedMotion}
            hint={t('card.model')}
            failed={t('card.modelFailed')}
          />
        );
        break;
      case 'tiles':
      case 'geojson':
        stage = null;
    }
  }

  return (
    <section className="media-gallery" aria-label={t('card.media')} data-testid="media-gallery">
      <div className="media-gallery__stage" data-kind={media.kind} data-media-id={id}>
        {stage}
      </div>
      <div className="media-gallery__meta">
        {alt && <span className="media-gallery__alt">{alt}</span>}
        {credit && <span className="media-gallery__credit">{credit}</span>}
      </div>
      {entries.length > 1 && (
        <div className="media-gallery__strip" role="tablist">
          {entries.map((e, i) => {
            const thumb =
              e.media.thumbnail ??
              e.media.poster ??
              (e.media.kind === 'image' ? mediaSrcFor(e.media, language, fallback) : undefined);
            return (
              <button
                key={e.id}
                type="button"
                role="tab"
                aria-selected={e.id === id}
                className="media-gallery__thumb"
                data-kind={e.media.kind}
                onClick={() => setIndex(i)}
                data-testid={`media-thumb-${e.id}`}
                aria-label={localize(e.media.alt, language, fallback) || e.id}
              >
                {thumb ? (
                  <img src={packUrl(thumb)} alt="" draggable={false} />
                ) : (
                  <span className="media-gallery__glyph" aria-hidden="true" />
                )}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}
