import { forwardRef } from 'react';
import type { PackManifest, Place } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import { formatFigure } from '../i18n/format-figure';
import type { Language } from '../i18n/language';
import { Markdown } from '../components/Markdown';
import { CheckInPanel } from '../components/sand-table/CheckInPanel';
import { useSandTable } from '../components/sand-table/hooks';
import { MediaGallery } from '../components/sand-table/MediaGallery';
import { NavigationPanel } from '../components/sand-table/NavigationPanel';
import type { SandT } from '../components/sand-table/strings';
import { eventsOfPlace, showPlaceEvents } from '../flows/show-on-sand-table';
import type { CardTab } from '../stores/sand-table-store';
import { sandTableStore, selectCardTab } from '../stores/sand-table-store';

export type PlaceCardProps = {
  manifest: PackManifest;
  place: Place;
  language: Language;
  reducedMotion: boolean;
  t: SandT;
};

/** The card's title reports its first paint under this Element Timing identifier. */
export const CARD_PAINT_ID = 'place-card';

/** Whether 一键报到 is offered: the hall allows it and the place takes check-ins. */
export function checkInEnabled(manifest: PackManifest, place: Place): boolean {
  return manifest.kiosk.checkIn !== false && place.checkIn;
}

/**
 * A place's card, beside the table: 一键介绍 (summary, figures, media, story, its events),
 * 一键导航 (route on the table + QR code) and 一键报到 (study-group check-in).
 */
export const PlaceCard = forwardRef<HTMLElement, PlaceCardProps>(function PlaceCard(
  { manifest, place, language, reducedMotion, t },
  ref,
) {
  const tab = useSandTable(selectCardTab);
  const store = sandTableStore.getState();
  const fallback = manifest.defaultLanguage;
  const category = manifest.categories.find((c) => c.id === place.category);
  const other = manifest.languages.find((l) => l !== language);
  const name = localize(place.name, language, fallback);
  const otherName = other ? localize(place.name, other, fallback) : '';
  const body = localize(place.body, language, fallback);
  const events = eventsOfPlace(manifest, place.id);
  const canCheckIn = checkInEnabled(manifest, place);
  const tabs: CardTab[] = canCheckIn ? ['intro', 'navigate', 'checkin'] : ['intro', 'navigate'];
  const current: CardTab = tabs.includes(tab) ? tab : 'intro';
  const tabLabel = (k: CardTab) =>
    k === 'intro' ? t('card.intro') : k === 'navigate' ? t('card.navigate') : t('card.checkIn');

  return (
    <aside
      ref={ref}
      className="place-card"
      data-testid="place-card"
      data-place-id={place.id}
      aria-label={name}
      style={{ '--category-color': category?.color ?? 'var(--c-accent)' } as Record<string, string>}
    >
      <header className="place-card__header">
        <div className="place-card__titles">
          {category && (
            <span className="place-card__category">{localize(category.name, language, fallback)}</span>
          )}
          <h2
            className="place-card__name"
            data-testid="place-card-name"
            {...{ elementtiming: CARD_PAINT_ID }}
          >
            {name}
          </h2>
          {otherName && otherName !== name && (
            <p className="place-card__other" lang={other}>
              {otherName}
            </p>
          )}
        </div>
        <button
          type="button"
          className="place-card__close"
          onClick={() => store.cardClosed()}
          aria-label={t('card.close')}
          data-testid="place-card-close"
        >
          ×
        </button>
      </header>
      <nav className="place-card__tabs" role="tablist">
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={current === k}
            className="place-card__tab"
            onClick={() => store.cardTabChosen(k)}
            data-testid={`card-tab-${k}`}
          >
            {tabLabel(k)}
          </button>
        ))}
      </nav>
      <div className="place-card__body" role="tabpanel">
        {current === 'intro' && (
          <div className="place-intro" data-testid="place-intro">
            <p className="place-intro__summary">{localize(place.summary, language, fallback)}</p>
            {place.figures.length > 0 && (
              <dl className="place-intro__figures">
                {place.figures.map((f, i) => {
                  const ff = formatFigure(f, language, fallback);
                  return (
                    <div key={i} className="place-intro__figure">
                      <dt>{ff.label}</dt>
                      <dd>{ff.text}</dd>
                    </div>
                  );
                })}
              </dl>
            )}
            <MediaGallery
              manifest={manifest}
              mediaIds={place.media}
              language={language}
              reducedMotion={reducedMotion}
              t={t}
            />
            {body && <Markdown text={body} className="place-intro__body" />}
            {events.length > 0 && (
              <button
                type="button"
                className="button button--quiet place-intro__events"
                onClick={() => showPlaceEvents(place.id)}
                data-testid="place-events"
              >
                {t('card.events', { count: events.length })}
              </button>
            )}
          </div>
        )}
        {current === 'navigate' && (
          <NavigationPanel manifest={manifest} place={place} language={language} t={t} />
        )}
        {current === 'checkin' && canCheckIn && <CheckInPanel placeId={place.id} t={t} />}
      </div>
    </aside>
  );
});
