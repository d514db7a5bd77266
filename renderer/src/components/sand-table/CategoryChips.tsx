import type { Category } from '../../../../electron/shared/pack-schema';
import { useLocalize } from '../../i18n/use-t';
import { sandTableStore, selectHiddenCategories } from '../../stores/sand-table-store';
import { useSandTable } from './hooks';
import type { SandT } from './strings';

/**
 * Category chips. "All" is pressed while every category shows; then a chip shows only its own
 * places. After that each chip switches its category on or off (pressed = shown), and "All"
 * brings every one back. A chip looks dimmed only while its places are hidden: under "All" every
 * chip is at full strength (its places show), though only "All" is pressed.
 */
export function CategoryChips({ categories, t }: { categories: readonly Category[]; t: SandT }) {
  const localize = useLocalize();
  const hidden = useSandTable(selectHiddenCategories);
  const store = sandTableStore.getState();
  if (categories.length === 0) return null;
  const ids = categories.map((c) => c.id);
  const all = hidden.length === 0;
  return (
    <div className="sand-chips" role="group" aria-label={t('sand.categories')} data-testid="category-chips">
      <button
        type="button"
        className="sand-chip sand-chip--all"
        aria-pressed={all}
        onClick={() => store.allCategoriesShown()}
        data-testid="category-chip-all"
      >
        {t('sand.allCategories')}
      </button>
      {categories.map((c) => {
        const on = !all && !hidden.includes(c.id);
        return (
          <button
            key={c.id}
            type="button"
            className="sand-chip"
            aria-pressed={on}
            data-shown={!hidden.includes(c.id)}
            onClick={() => store.categoryToggled(c.id, ids)}
            data-testid={`category-chip-${c.id}`}
          >
            <span className="sand-chip__dot" style={{ background: c.color }} aria-hidden="true" />
            {localize(c.name)}
          </button>
        );
      })}
    </div>
  );
}
