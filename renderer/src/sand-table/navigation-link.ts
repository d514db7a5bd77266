/**
 * The link behind 一键导航's QR code: the place's own link, or the pack's template with
 * `{lon}`, `{lat}`, `{name}` (URL-encoded, in the visitor's language) and `{id}` filled in.
 * Generated offline; the kiosk never opens it, the visitor's phone does.
 */
import type { PackManifest, Place } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';

/** Coordinates as map apps expect them: up to 6 decimals (≈ 10 cm), no trailing zeros. */
function coordinate(v: number): string {
  return String(Number(v.toFixed(6)));
}

/** Fills a link template for a place. */
export function fillLinkTemplate(
  template: string,
  place: Pick<Place, 'id' | 'position' | 'name'>,
  language: string,
  defaultLanguage: string,
): string {
  return template.replace(/\{(lon|lat|name|id)\}/g, (_, key: string) => {
    switch (key) {
      case 'lon':
        return coordinate(place.position.lon);
      case 'lat':
        return coordinate(place.position.lat);
      case 'name':
        return encodeURIComponent(localize(place.name, language, defaultLanguage));
      default:
        return encodeURIComponent(place.id);
    }
  });
}

/** The navigation link of a place, or null when the pack offers none. */
export function navigationLink(
  manifest: Pick<PackManifest, 'navigation' | 'defaultLanguage'>,
  place: Place,
  language: string,
): string | null {
  if (place.navigation?.link) return place.navigation.link;
  const template = manifest.navigation?.linkTemplate;
  return template ? fillLinkTemplate(template, place, language, manifest.defaultLanguage) : null;
}
