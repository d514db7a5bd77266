import { memo, useMemo, useRef, useState } from 'react';
import { formatYear } from '../../../../electron/shared/dates';
import type { Language } from '../../i18n/language';
import type { TimelineModel } from '../../timeline/model';
import { eventAtItem, yearOfEvent } from '../../timeline/model';
import { eraBands, fractionOfItem, itemAtFraction, scrubberTicks } from '../../timeline/scrubber';
import { timelineText } from '../../timeline/strings';
import { useElementSize } from '../media/use-pan-zoom';

export type YearScrubberProps = {
  model: TimelineModel;
  /** The card at the centre of the track. */
  index: number;
  language: Language;
  /** Jump the track to an item (`animate` false while the finger drags: the track follows it). */
  onScrub: (index: number, animate: boolean) => void;
};

/**
 * The year bar under the track: era colours, year labels to tap, a thumb at the current card.
 * Dragging along it moves the track with the finger and shows the year under it in a bubble.
 */
export const YearScrubber = memo(function YearScrubber({
  model,
  index,
  language,
  onScrub,
}: YearScrubberProps) {
  const barRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(barRef);
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const bands = useMemo(() => eraBands(model), [model]);
  const rem =
    typeof document === 'undefined'
      ? 18
      : parseFloat(getComputedStyle(document.documentElement).fontSize) || 18;
  const ticks = useMemo(
    () => scrubberTicks(model, language, size.width > 0 ? (5.5 * rem) / size.width : 0.1),
    [model, language, size.width, rem],
  );
  const shown = dragIndex ?? index;
  const current = eventAtItem(model, shown);
  const year = current ? yearOfEvent(current) : null;

  const indexAt = (clientX: number): number => {
    const r = barRef.current?.getBoundingClientRect();
    if (!r || r.width <= 0) return index;
    return itemAtFraction(model, (clientX - r.left) / r.width);
  };
  const move = (clientX: number) => {
    const i = indexAt(clientX);
    if (i !== dragIndex) {
      setDragIndex(i);
      onScrub(i, false);
    }
  };

  return (
    <div className="year-scrubber" data-testid="year-scrubber">
      <div
        ref={barRef}
        className="year-scrubber__bar touch-surface"
        role="slider"
        tabIndex={0}
        aria-label={timelineText(language, 'timeline.scrubber')}
        aria-valuemin={0}
        aria-valuemax={Math.max(0, model.items.length - 1)}
        aria-valuenow={shown}
        aria-valuetext={year === null ? undefined : formatYear(year, language)}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          move(e.clientX);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) move(e.clientX);
        }}
        onPointerUp={(e) => {
          if (dragIndex !== null) onScrub(indexAt(e.clientX), false);
          setDragIndex(null);
        }}
        onPointerCancel={() => setDragIndex(null)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight') onScrub(Math.min(model.items.length - 1, index + 1), true);
          else if (e.key === 'ArrowLeft') onScrub(Math.max(0, index - 1), true);
        }}
      >
        <span className="year-scrubber__rail" />
        {bands.map((b) => (
          <span
            key={b.eraId}
            className="year-scrubber__band"
            style={{
              left: `${b.from * 100}%`,
              width: `${Math.max(0.4, (b.to - b.from) * 100)}%`,
              background: b.color,
            }}
          />
        ))}
        <span className="year-scrubber__thumb" style={{ left: `${fractionOfItem(model, shown) * 100}%` }} />
        {dragIndex !== null && year !== null && (
          <span
            className="year-scrubber__bubble"
            style={{ left: `${fractionOfItem(model, shown) * 100}%` }}
            data-testid="scrubber-bubble"
          >
            {formatYear(year, language)}
          </span>
        )}
      </div>
      <div className="year-scrubber__ticks">
        {ticks.map((tick) => (
          <button
            key={`${tick.year}:${tick.itemIndex}`}
            type="button"
            className="year-scrubber__tick"
            data-era-start={tick.eraStart}
            data-year={tick.year}
            data-testid="scrubber-year"
            style={{ left: `${tick.fraction * 100}%` }}
            onClick={() => onScrub(tick.itemIndex, true)}
          >
            {tick.label}
          </button>
        ))}
      </div>
    </div>
  );
});
