import { useMemo } from 'react';
import type { PackManifest } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import { packUrl } from '../bridge/pack';
import { sortByName } from '../i18n/collate';
import type { SandT } from '../components/sand-table/strings';
import { useSandTable } from '../components/sand-table/hooks';
import { catalogueEntries, CATALOGUE_LETTERS, indexLetter } from '../sand-table/catalogue';
import { sliderEras } from '../sand-table/filters';
import type { CatalogueFilter } from '../stores/sand-table-store';
import { sandTableStore, selectCatalogueFilter } from '../stores/sand-table-store';

type ChipRowProps = {
  label: string;
  all: string;
  value: string | null;
  options: readonly { id: string; label: string; color?: string }[];
  onChoose: (id: string | null) => void;
  testId: string;
};

function ChipRow({ label, all, value, options, onChoose, testId }: ChipRowProps) {
  if (options.length === 0) return null;
  return (
    <div className="catalogue__row" role="group" aria-label={label} data-testid={testId}>
      <span className="catalogue__row-label">{label}</span>
      <button
        type="button"
        className="sand-chip"
        aria-pressed={value === null}
        onClick={() => onChoose(null)}
      >
        {all}
      </button>
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          className="sand-chip"
          aria-pressed={value === o.id}
          onClick={() => onChoose(o.id)}
          data-value={o.id}
        >
          {o.color && <span className="sand-chip__dot" style={{ background: o.color }} aria-hidden="true" />}
          {o.label}
        </button>
      ))}
    </div>
  );
}

/**
 * 文物一张图: every place of the pack as a browsable index — thumbnails, filters by category,
 * era and area, an A–Z index (no keyboard), a result count. Choosing an entry opens its card and
 * flies the table there.
 */
export function Catalogue({ manifest, language, t }: { manifest: PackManifest; language: string; t: SandT }) {
  const filter = useSandTable(selectCatalogueFilter);
  const store = sandTableStore.getState();
  const fallback = manifest.defaultLanguage;
  const entries = useMemo(() => catalogueEntries(manifest, filter, language), [manifest, filter, language]);
  const regions = useMemo(
    () =>
      sortByName(
        [
          ...new Set(
            manifest.places.map((p) => localize(p.region, language, fallback)).filter((r) => r !== ''),
          ),
        ],
        (r) => r,
        language,
      ),
    [manifest, language, fallback],
  );
  const present = useMemo(
    () =>
      new Set(
        catalogueEntries(manifest, { ...filter, letter: null }, language).map((p) =>
          indexLetter(p, language, fallback),
        ),
      ),
    [manifest, filter, language, fallback],
  );
  const categories = new Map(manifest.categories.map((c) => [c.id, c]));
  const set = (patch: Partial<CatalogueFilter>) => store.catalogueFilterChanged(patch);

  return (
    <div
      className="catalogue"
      role="dialog"
      aria-modal="true"
      aria-label={t('catalogue.title')}
      data-testid="catalogue"
    >
      <header className="catalogue__header">
        <h2 className="catalogue__title">{t('catalogue.title')}</h2>
        <span className="catalogue__count" data-testid="catalogue-count" data-count={entries.length}>
          {t('catalogue.count', { count: entries.length })}
        </span>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => store.catalogueClosed()}
          data-testid="catalogue-close"
        >
          {t('catalogue.close')}
        </button>
      </header>
      <div className="catalogue__filters">
        <ChipRow
          label={t('catalogue.category')}
          all={t('catalogue.all')}
          value={filter.category}
          options={manifest.categories.map((c) => ({
            id: c.id,
            label: localize(c.name, language, fallback),
            color: c.color,
          }))}
          onChoose={(id) => set({ category: id })}
          testId="catalogue-categories"
        />
        <ChipRow
          label={t('catalogue.era')}
          all={t('catalogue.all')}
          value={filter.era}
          options={sliderEras(manifest).map((e) => ({
            id: e.id,
            label: localize(e.title, language, fallback),
            color: e.color,
          }))}
          onChoose={(id) => set({ era: id })}
          testId="catalogue-eras"
        />
        <ChipRow
          label={t('catalogue.region')}
          all={t('catalogue.all')}
          value={filter.region}
          options={regions.map((r) => ({ id: r, label: r }))}
          onChoose={(id) => set({ region: id })}
          testId="catalogue-regions"
        />
        <div
          className="catalogue__letters"
          role="group"
          aria-label={t('catalogue.index')}
          data-testid="catalogue-letters"
        >
          <button
            type="button"
            className="catalogue__letter catalogue__letter--all"
            aria-pressed={filter.letter === null}
            onClick={() => set({ letter: null })}
          >
            {t('catalogue.all')}
          </button>
          {CATALOGUE_LETTERS.map((l) => (
            <button
              key={l}
              type="button"
              className="catalogue__letter"
              aria-pressed={filter.letter === l}
              disabled={!present.has(l)}
              onClick={() => set({ letter: l })}
              data-letter={l}
            >
              {l}
            </button>
          ))}
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="catalogue__empty">{t('catalogue.empty')}</p>
      ) : (
        <ul className="catalogue__grid" data-testid="catalogue-grid">
          {entries.map((p) => {
            const cover = p.cover ? manifest.media[p.cover] : undefined;
            const thumb =
              cover?.thumbnail ??
              (cover?.kind === 'image' && typeof cover.src === 'string' ? cover.src : undefined);
            const cat = categories.get(p.category);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className="catalogue__entry"
                  onClick={() => store.placeChosen(p.id)}
                  data-testid={`catalogue-entry-${p.id}`}
                >
                  <span
                    className="catalogue__thumb"
                    style={{ '--category-color': cat?.color ?? 'var(--c-accent)' } as Record<string, string>}
                  >
                    {thumb ? (
                      <img src={packUrl(thumb)} alt="" loading="lazy" draggable={false} />
                    ) : (
                      <span className="catalogue__initial">{indexLetter(p, language, fallback)}</span>
                    )}
                  </span>
                  <span className="catalogue__name">{localize(p.name, language, fallback)}</span>
                  <span className="catalogue__meta">
                    {cat ? localize(cat.name, language, fallback) : ''}
                    {p.region ? ` · ${localize(p.region, language, fallback)}` : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
