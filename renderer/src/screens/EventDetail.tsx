import { useEffect, useMemo, useRef } from 'react';
import type { PackManifest } from '../../../electron/shared/pack-schema';
import { packUrl } from '../bridge/pack';
import { Markdown } from '../components/Markdown';
import { AudioNarration } from '../components/media/AudioNarration';
import { DeepZoomViewer } from '../components/media/DeepZoomViewer';
import { ImageViewer } from '../components/media/ImageViewer';
import { MediaPlaceholder } from '../components/media/MediaPlaceholder';
import { VideoPlayer } from '../components/media/VideoPlayer';
import { eraDates } from '../components/timeline/EraCard';
import { sandTableTargetOf, showEventOnSandTable } from '../flows/show-on-sand-table';
import type { Language } from '../i18n/language';
import { timelineStore } from '../stores/timeline-store';
import { useTimeline, useTimelineT } from '../timeline/hooks';
import type { ResolvedMedia } from '../timeline/media';
import { presentableMedia, resolveMedia } from '../timeline/media';
import type { EventItem, TimelineModel } from '../timeline/model';
import { eventDateLabel, textIn } from '../timeline/model';

export type EventDetailProps = {
  model: TimelineModel;
  item: EventItem;
  manifest: PackManifest;
  language: Language;
  defaultLanguage: string;
  /** The attract loop is presenting this event: narration starts by itself. */
  autoplay: boolean;
  onClose: () => void;
  onStep: (delta: number) => void;
};

/**
 * An event's full story: its media on a stage (images to pinch and pan, deep-zoom scans, video
 * with captions), the text, the narration with its transcript, credits and alt text, and the
 * way to the sand table. Players are keyed by medium, not by language, so a language switch
 * keeps them (and their position) while text, captions and recordings change.
 */
export function EventDetail({
  model,
  item,
  manifest,
  language,
  defaultLanguage,
  autoplay,
  onClose,
  onStep,
}: EventDetailProps) {
  const t = useTimelineT();
  const event = item.event;
  const mediaIndex = useTimeline((s) => s.mediaIndex);
  const media = useMemo(
    () =>
      presentableMedia(manifest, event.media)
        .map((id) => resolveMedia(manifest, id, language, packUrl))
        .filter((m): m is ResolvedMedia => m !== null),
    [manifest, event.media, language],
  );
  const visual = media.filter((m) => m.kind !== 'audio');
  const audio = media.filter((m) => m.kind === 'audio');
  const shown = visual[Math.min(mediaIndex, Math.max(0, visual.length - 1))];
  const era = model.eras.find((s) => s.era.id === item.eraId);
  const target = sandTableTargetOf(event, manifest);
  const missing = event.media.filter((id) => !manifest.media[id]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), [event.id]);

  return (
    <div
      className="event-detail"
      role="dialog"
      aria-modal="true"
      aria-labelledby="event-detail-title"
      data-testid="event-detail"
      data-event-id={event.id}
      style={era ? { ['--era-color' as string]: era.color } : undefined}
    >
      <div className="event-detail__top">
        <button
          type="button"
          className="button button--ghost event-detail__back"
          onClick={onClose}
          data-testid="event-close"
        >
          <svg viewBox="0 0 24 24" className="icon" aria-hidden="true">
            <path
              d="M14.5 5.5 8 12l6.5 6.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          {t('timeline.back')}
        </button>
        {era && (
          <p className="event-detail__era">
            <span className="event-detail__era-mark" aria-hidden="true" />
            {textIn(era.era.title, language, defaultLanguage)} ·{' '}
            {eraDates(era.era.from, era.era.to, language)}
          </p>
        )}
        <div className="event-detail__steps">
          <StepButton
            path="M14.5 5.5 8 12l6.5 6.5"
            label={t('timeline.previous')}
            testId="event-previous"
            disabled={item.eventIndex === 0}
            onClick={() => onStep(-1)}
          />
          <span className="event-detail__count">
            {item.eventIndex + 1} / {model.events.length}
          </span>
          <StepButton
            path="M9.5 5.5 16 12l-6.5 6.5"
            label={t('timeline.next')}
            testId="event-next"
            disabled={item.eventIndex >= model.events.length - 1}
            onClick={() => onStep(1)}
          />
        </div>
      </div>

      <div
        className={
          visual.length > 0 ? 'event-detail__body' : 'event-detail__body event-detail__body--text-only'
        }
      >
        {visual.length > 0 && (
          <div className="event-detail__stage">
            <div className="event-detail__medium">
              {shown ? (
                <MediaView
                  key={shown.id}
                  media={shown}
                  eventId={event.id}
                  language={language}
                  defaultLanguage={defaultLanguage}
                />
              ) : (
                <MediaPlaceholder />
              )}
            </div>
            {shown && (shown.alt !== '' || shown.credit !== '') && (
              <p className="event-detail__caption" data-testid="media-caption">
                {shown.alt !== '' && <span className="event-detail__alt">{shown.alt}</span>}
                {shown.credit !== '' && (
                  <span className="event-detail__credit">
                    {t('media.credit')}
                    {language === 'zh-Hans' ? '：' : ': '}
                    {shown.credit}
                  </span>
                )}
              </p>
            )}
            {visual.length > 1 && (
              <div className="event-detail__thumbs" role="tablist">
                {visual.map((m, i) => (
                  <button
                    key={m.id}
                    type="button"
                    role="tab"
                    aria-selected={m === shown}
                    aria-label={m.alt || t('media.item', { n: i + 1, total: visual.length })}
                    className="event-detail__thumb"
                    data-kind={m.kind}
                    onClick={() => timelineStore.getState().mediaChosen(i)}
                  >
                    {(m.thumbnail ?? m.poster) ? (
                      <img src={m.thumbnail ?? m.poster} alt="" draggable={false} />
                    ) : (
                      <span>{i + 1}</span>
                    )}
                  </button>
                ))}
              </div>
            )}
          </div>
        )}

        <article className="event-detail__text">
          <p className="event-detail__date">{eventDateLabel(item, language, defaultLanguage)}</p>
          <h1 id="event-detail-title" className="event-detail__title" ref={headingRef} tabIndex={-1}>
            {textIn(event.title, language, defaultLanguage)}
          </h1>
          <span className="event-detail__rule" aria-hidden="true" />
          <div className="event-detail__scroll">
            {event.text && (
              <Markdown
                text={textIn(event.text, language, defaultLanguage)}
                className="event-detail__story"
              />
            )}
            {audio.map((m, i) => (
              <AudioNarration
                key={m.id}
                media={m}
                playerKey={`${event.id}:${m.id}`}
                language={language}
                defaultLanguage={defaultLanguage}
                autoPlay={autoplay && i === 0}
              />
            ))}
            {missing.length > 0 && <MediaPlaceholder compact />}
          </div>
          {target && (
            <button
              type="button"
              className="button button--primary event-detail__sand-table"
              onClick={() => showEventOnSandTable(event)}
              data-testid="show-on-sand-table"
            >
              <svg viewBox="0 0 24 24" className="icon" aria-hidden="true">
                <path
                  d="M3 17.5 9 14l6 3.5 6-3.5M3 17.5V8L9 4.5 15 8l6-3.5V14M9 4.5V14m6-6v9.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                  strokeLinejoin="round"
                />
              </svg>
              {t(target.kind === 'place' ? 'timeline.showOnSandTable' : 'timeline.showTour')}
            </button>
          )}
        </article>
      </div>
    </div>
  );
}

/** The previous/next event button: an arrow icon drawn from `path`. */
function StepButton({
  path,
  label,
  testId,
  disabled,
  onClick,
}: {
  path: string;
  label: string;
  testId: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="button button--ghost"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      data-testid={testId}
    >
      <svg viewBox="0 0 24 24" className="icon" aria-hidden="true">
        <path d={path} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
    </button>
  );
}

function MediaView({
  media,
  eventId,
  language,
  defaultLanguage,
}: {
  media: ResolvedMedia;
  eventId: string;
  language: Language;
  defaultLanguage: string;
}) {
  switch (media.kind) {
    case 'image':
      return media.src === '' ? (
        <MediaPlaceholder />
      ) : (
        <ImageViewer src={media.src} alt={media.alt} {...dims(media)} />
      );
    case 'tiles':
      return media.src === '' ? <MediaPlaceholder /> : <DeepZoomViewer infoUrl={media.src} alt={media.alt} />;
    case 'video':
      return (
        <VideoPlayer
          media={media}
          playerKey={`${eventId}:${media.id}`}
          language={language}
          defaultLanguage={defaultLanguage}
        />
      );
    case 'audio':
    case 'model':
    case 'geojson':
      return <MediaPlaceholder />;
  }
}

function dims(m: ResolvedMedia): { width?: number; height?: number } {
  const out: { width?: number; height?: number } = {};
  if (m.width !== undefined) out.width = m.width;
  if (m.height !== undefined) out.height = m.height;
  return out;
}
