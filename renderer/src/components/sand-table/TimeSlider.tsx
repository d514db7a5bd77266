import type { ChangeEvent } from 'react';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { formatYear } from '../../../../electron/shared/dates';
import { useLocalize } from '../../i18n/use-t';
import { sliderEras, yearRange } from '../../sand-table/filters';
import { useSession } from '../../stores/hooks';
import { selectLanguage } from '../../stores/session-store';
import { sandTableStore, selectTimeFilter } from '../../stores/sand-table-store';
import { useSandTable } from './hooks';
import type { SandT } from './strings';

/**
 * The time slider: the eras of the pack's first timeline as stops ("All" first), or — for a pack
 * without eras — a year slider across the dated items. Out-of-period places, arcs and routes hide.
 */
export function TimeSlider({ manifest, t }: { manifest: PackManifest; t: SandT }) {
  const localize = useLocalize();
  const language = useSession(selectLanguage);
  const filter = useSandTable(selectTimeFilter);
  const store = sandTableStore.getState();
  const eras = sliderEras(manifest);
  if (eras.length > 0) {
    return (
      <div className="sand-time" role="radiogroup" aria-label={t('sand.time')} data-testid="time-slider">
        <button
          type="button"
          role="radio"
          className="sand-time__stop"
          aria-checked={filter.kind === 'all'}
          onClick={() => store.timeFilterChosen({ kind: 'all' })}
          data-testid="time-all"
        >
          {t('sand.allTime')}
        </button>
        {eras.map((era) => (
          <button
            key={era.id}
            type="button"
            role="radio"
            className="sand-time__stop"
            aria-checked={filter.kind === 'era' && filter.eraId === era.id}
            onClick={() => store.timeFilterChosen({ kind: 'era', eraId: era.id })}
            style={{ '--era-color': era.color } as Record<string, string>}
            data-testid={`time-era-${era.id}`}
          >
            <span className="sand-time__title">{localize(era.title)}</span>
          </button>
        ))}
      </div>
    );
  }
  const range = yearRange(manifest);
  if (!range) return null;
  const value = filter.kind === 'year' ? filter.year : range.max;
  const onChange = (e: ChangeEvent<HTMLInputElement>) =>
    store.timeFilterChosen({ kind: 'year', year: Number(e.target.value) });
  return (
    <div className="sand-time sand-time--years" data-testid="time-slider">
      <button
        type="button"
        className="sand-time__stop"
        aria-pressed={filter.kind === 'all'}
        onClick={() => store.timeFilterChosen({ kind: 'all' })}
        data-testid="time-all"
      >
        {t('sand.allTime')}
      </button>
      <input
        className="sand-time__range"
        type="range"
        min={range.min}
        max={range.max}
        step={1}
        value={value}
        onChange={onChange}
        aria-label={t('sand.time')}
        data-testid="time-year"
      />
      <span className="sand-time__year">
        {filter.kind === 'year' ? formatYear(filter.year, language) : ''}
      </span>
    </div>
  );
}
