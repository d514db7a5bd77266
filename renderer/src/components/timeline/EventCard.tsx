import { memo, useState } from 'react';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { markdownToPlainText } from '../../../../electron/shared/markdown';
import { log } from '../../bridge/log';
import { packUrl } from '../../bridge/pack';
import type { EventItem } from '../../timeline/model';
import { eventDateLabel, textIn } from '../../timeline/model';
import { cardImagePath } from '../../timeline/media';

export type EventCardProps = {
  item: EventItem;
  index: number;
  focused: boolean;
  manifest: PackManifest;
  language: string;
  defaultLanguage: string;
  eraColor: string | undefined;
  /** Position along the track and the card's length, in px (set by the track). */
  along: number;
  length: number;
  horizontal: boolean;
};

/**
 * Where a card sits on the layer. Set once per card (the layer moves, not the cards) and as a box
 * offset, not a transform, so the focus `scale` shrinks each card about its own centre.
 */
export function cardStyle(
  along: number,
  length: number,
  horizontal: boolean,
  color?: string,
): React.CSSProperties {
  const style: React.CSSProperties = horizontal
    ? { left: along, width: length }
    : { top: along, height: length };
  if (color !== undefined) (style as Record<string, string | number>)['--era-color'] = color;
  return style;
}

const BADGES: Record<string, string> = {
  video: 'M4 6.5h11v11H4zM15 10.5l5-3v9l-5-3',
  audio: 'M5 9.5h3l4-3.5v12l-4-3.5H5zM15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11',
  tiles: 'M10.5 16.5a6 6 0 1 0 0-12 6 6 0 0 0 0 12zM15 15l5 5M8 10.5h5M10.5 8v5',
  image: 'M4 5.5h16v13H4zM4 15.5l4.5-4.5 4 4 3-3 4.5 4.5',
};

/**
 * One event on the track: picture (loaded only while the card exists, i.e. while it is near the
 * screen — the track is virtualised, so leaving the screen releases it), date, title, the first
 * lines of its story and what media await inside.
 */
export const EventCard = memo(function EventCard({
  item,
  index,
  focused,
  manifest,
  language,
  defaultLanguage,
  eraColor,
  along,
  length,
  horizontal,
}: EventCardProps) {
  const event = item.event;
  const [imageFailed, setImageFailed] = useState(false);
  const firstMedia = event.media
    .map((id) => manifest.media[id])
    .find((m) => cardImagePath(m, language, defaultLanguage) !== undefined);
  const picture = cardImagePath(firstMedia, language, defaultLanguage);
  const kinds = [
    ...new Set(
      event.media
        .map((id) => manifest.media[id]?.kind)
        .filter((k): k is NonNullable<typeof k> => k !== undefined && k in BADGES),
    ),
  ];
  const summary = markdownToPlainText(textIn(event.text, language, defaultLanguage)).split('\n\n')[0] ?? '';
  const style = cardStyle(along, length, horizontal, eraColor);
  return (
    <article
      className="event-card"
      style={style}
      data-item-index={index}
      data-event-id={event.id}
      data-focused={focused}
      data-highlight={event.highlight}
      data-testid="event-card"
      role="option"
      aria-selected={focused}
    >
      <div className="event-card__media" aria-hidden="true">
        {picture !== undefined && !imageFailed ? (
          <img
            src={packUrl(picture)}
            alt=""
            loading="lazy"
            decoding="async"
            draggable={false}
            onError={() => {
              log.warn('card picture failed to load', { event: event.id, path: picture });
              setImageFailed(true);
            }}
          />
        ) : (
          <span className="event-card__pattern" />
        )}
      </div>
      <div className="event-card__body">
        <p className="event-card__date">{eventDateLabel(item, language, defaultLanguage)}</p>
        <h3 className="event-card__title" lang={language}>
          {textIn(event.title, language, defaultLanguage)}
        </h3>
        {summary !== '' && (
          <p className="event-card__summary" data-teaser="">
            {summary}
          </p>
        )}
        {kinds.length > 0 && (
          <p className="event-card__badges" aria-hidden="true">
            {kinds.map((k) => (
              <svg key={k} viewBox="0 0 24 24" className="event-card__badge" data-kind={k}>
                <path
                  d={BADGES[k]}
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.5"
                  strokeLinejoin="round"
                  strokeLinecap="round"
                />
              </svg>
            ))}
          </p>
        )}
      </div>
    </article>
  );
});
