import { useEffect, useState } from 'react';
import type { FormattedFigure } from '../i18n/format-figure';

export type StatsStripProps = {
  figures: readonly (FormattedFigure & { id: string })[];
  label: string;
  /** Accessible name of a page button, e.g. "Figures, page 2". */
  pageLabel: (page: number) => string;
  /** Figures shown at once; a pack may carry dozens, the home screen has room for a few. */
  pageSize?: number;
  /** Seconds before the next page turns by itself; 0 (or reduced motion) turns only on a tap. */
  advanceSeconds?: number;
};

/**
 * The pack's key figures, a page at a time: the number large in gold, its label beneath. Pages
 * turn slowly by themselves and on a tap of their dot. Every figure stays in the DOM (off-page
 * ones `hidden`) so screen readers and tests can reach them.
 */
export function StatsStrip({ figures, label, pageLabel, pageSize = 4, advanceSeconds = 9 }: StatsStripProps) {
  const pages = Math.max(1, Math.ceil(figures.length / pageSize));
  const [page, setPage] = useState(0);
  const current = page < pages ? page : 0;

  useEffect(() => {
    if (pages < 2 || advanceSeconds <= 0) return;
    const timer = window.setInterval(() => setPage((p) => (p + 1) % pages), advanceSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [pages, advanceSeconds, current]);

  if (figures.length === 0) return null;
  return (
    <section className="stats-strip-wrap" aria-label={label} data-testid="stats-strip">
      <div className="stats-strip" data-page={current}>
        {figures.map((f, i) => (
          <div
            key={f.id}
            className="stats-strip__item"
            data-stat={f.id}
            data-page-start={i % pageSize === 0}
            hidden={Math.floor(i / pageSize) !== current}
          >
            <div className="stats-strip__value">
              <span className="stats-strip__number">{f.value}</span>
              {f.unit !== '' && <span className="stats-strip__unit">{f.unit}</span>}
            </div>
            <div className="stats-strip__label">{f.label}</div>
          </div>
        ))}
      </div>
      {pages > 1 && (
        <div className="stats-strip__pages">
          {Array.from({ length: pages }, (_, i) => (
            <button
              key={i}
              type="button"
              className="stats-strip__page"
              aria-label={pageLabel(i + 1)}
              aria-current={i === current}
              data-testid={`stats-page-${i}`}
              onClick={() => setPage(i)}
            />
          ))}
        </div>
      )}
    </section>
  );
}
