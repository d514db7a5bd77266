/**
 * 文物一张图: the catalogue's index letters and filters, pure so they are tested without React.
 */
import type { PackManifest, Place } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';
import { pinyinInitial, sortByName } from '../i18n/collate';
import type { CatalogueFilter } from '../stores/sand-table-store';
import { filterSpan, inSpan, sliderEras } from './filters';

/** The index buttons: A–Z (pinyin initials for Chinese names, initials for others). */
export const CATALOGUE_LETTERS: readonly string[] = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/**
 * The index letter of a place: its `indexKey` in the language, else the initial of its name as
 * shown (pinyin for a Chinese name), else the first Latin letter of any of its names.
 */
export function indexLetter(place: Place, language: string, fallback: string): string {
  const key = localize(place.indexKey, language, fallback).trim().toUpperCase();
  if (/^[A-Z]/.test(key)) return key[0] as string;
  const shown = localize(place.name, language, fallback).trim();
  const initial = /^[A-Za-z]/.test(shown) ? shown[0]!.toUpperCase() : pinyinInitial(shown);
  if (initial !== null) return initial;
  const latin = [language, 'en', fallback, ...Object.keys(place.name)]
    .map((l) => place.name[l])
    .find((n) => n !== undefined && /^[A-Za-z]/.test(n));
  return latin ? (latin[0] as string).toUpperCase() : '#';
}

/** Places passing the catalogue's filters, in the order of their names (pinyin for Chinese). */
export function catalogueEntries(manifest: PackManifest, filter: CatalogueFilter, language: string): Place[] {
  const fallback = manifest.defaultLanguage;
  const eras = sliderEras(manifest);
  const span = filter.era ? filterSpan({ kind: 'era', eraId: filter.era }, eras) : null;
  const found = manifest.places.filter(
    (p) =>
      (filter.category === null || p.category === filter.category) &&
      (span === null || inSpan(p, span)) &&
      (filter.region === null || localize(p.region, language, fallback) === filter.region) &&
      (filter.letter === null || indexLetter(p, language, fallback) === filter.letter),
  );
  return sortByName(found, (p) => localize(p.name, language, fallback), language);
}
