import { memo } from 'react';
import { formatDateStrings } from '../../../../electron/shared/dates';
import type { Language } from '../../i18n/language';
import type { EraItem } from '../../timeline/model';
import { textIn } from '../../timeline/model';
import { timelineText } from '../../timeline/strings';
import { Markdown } from '../Markdown';
import { cardStyle } from './EventCard';

export type EraCardProps = {
  item: EraItem;
  index: number;
  focused: boolean;
  language: Language;
  defaultLanguage: string;
  along: number;
  length: number;
  horizontal: boolean;
};

/** An era's years; an era still open reads "2025–" / "2025年至今". */
export function eraDates(from: string, to: string | undefined, language: Language): string {
  const s = formatDateStrings(from, to, language) ?? '';
  if (to !== undefined || s === '') return s;
  return language === 'zh-Hans' ? `${s}至今` : `${s}–`;
}

/** The opening card of a chapter: its title, years, introduction and how many events follow. */
export const EraCard = memo(function EraCard({
  item,
  index,
  focused,
  language,
  defaultLanguage,
  along,
  length,
  horizontal,
}: EraCardProps) {
  const era = item.era;
  const intro = textIn(era.intro, language, defaultLanguage);
  return (
    <section
      className="era-card"
      style={cardStyle(along, length, horizontal, era.color)}
      data-item-index={index}
      data-era-id={era.id}
      data-focused={focused}
      data-testid="era-card"
      role="option"
      aria-selected={focused}
    >
      <p className="era-card__chapter">
        {timelineText(language, 'timeline.chapter', { n: item.eraIndex + 1 })}
      </p>
      <h2 className="era-card__title">{textIn(era.title, language, defaultLanguage)}</h2>
      <p className="era-card__dates">{eraDates(era.from, era.to, language)}</p>
      <span className="era-card__rule" aria-hidden="true" />
      {intro !== '' && <Markdown text={intro} className="era-card__intro" />}
      <p className="era-card__count">
        {timelineText(language, 'timeline.events', { count: item.eventCount })}
      </p>
    </section>
  );
});
