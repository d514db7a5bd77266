import type { FormattedFigure } from '../i18n/format-figure';

export type StatsStripProps = {
  figures: readonly (FormattedFigure & { id: string })[];
  label: string;
};

/** A row of the pack's key figures: the number large in gold, its label beneath. */
export function StatsStrip({ figures, label }: StatsStripProps) {
  if (figures.length === 0) return null;
  return (
    <section className="stats-strip" aria-label={label} data-testid="stats-strip">
      {figures.map((f) => (
        <div key={f.id} className="stats-strip__item" data-stat={f.id}>
          <div className="stats-strip__value">
            <span className="stats-strip__number">{f.value}</span>
            {f.unit !== '' && <span className="stats-strip__unit">{f.unit}</span>}
          </div>
          <div className="stats-strip__label">{f.label}</div>
        </div>
      ))}
    </section>
  );
}
