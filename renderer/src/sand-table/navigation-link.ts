/**
 * The link behind 一键导航's QR code: the place's own link, or the pack's template with
 * `{lon}`, `{lat}` (WGS-84, as in the pack), `{gcjLon}`, `{gcjLat}` (GCJ-02, the datum Chinese
 * map apps such as Amap expect), `{name}` (URL-encoded, in the visitor's language) and `{id}`
 * filled in. Without a template, an Amap marker link. Generated offline; the kiosk never opens
 * it, the visitor's phone does.
 */
import gcoord from 'gcoord';
import type { PackManifest, Place } from '../../../electron/shared/pack-schema';
import { localize } from '../../../electron/shared/pack-schema';

/** Used when a pack gives no template: Amap's marker page, which opens the Amap app if installed. */
export const DEFAULT_LINK_TEMPLATE =
  'https://uri.amap.com/marker?position={gcjLon},{gcjLat}&name={name}&coordinate=gaode&callnative=1';

/** Coordinates as map apps expect them: up to 6 decimals (≈ 10 cm), no trailing zeros. */
function coordinate(v: number): string {
  return String(Number(v.toFixed(6)));
}

/** WGS-84 → GCJ-02 (outside China the two are the same). */
export function toGcj02(lon: number, lat: number): [number, number] {
  const out: number[] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
  return [out[0] ?? lon, out[1] ?? lat];
}

/** Fills a link template for a place. */
export function fillLinkTemplate(
  template: string,
  place: Pick<Place, 'id' | 'position' | 'name'>,
  language: string,
  defaultLanguage: string,
): string {
  let gcj: [number, number] | null = null;
  const gcjOf = () => (gcj ??= toGcj02(place.position.lon, place.position.lat));
  return template.replace(/\{(lon|lat|gcjLon|gcjLat|name|id)\}/g, (_, key: string) => {
    switch (key) {
      case 'lon':
        return coordinate(place.position.lon);
      case 'lat':
        return coordinate(place.position.lat);
      case 'gcjLon':
        return coordinate(gcjOf()[0]);
      case 'gcjLat':
        return coordinate(gcjOf()[1]);
      case 'name':
        return encodeURIComponent(localize(place.name, language, defaultLanguage));
      default:
        return encodeURIComponent(place.id);
    }
  });
}

/** The navigation link of a place: its own, the pack's template, or the Amap default. */
export function navigationLink(
  manifest: Pick<PackManifest, 'navigation' | 'defaultLanguage'>,
  place: Place,
  language: string,
): string {
  if (place.navigation?.link) return place.navigation.link;
  const template = manifest.navigation?.linkTemplate ?? DEFAULT_LINK_TEMPLATE;
  return fillLinkTemplate(template, place, language, manifest.defaultLanguage);
}

/** Which app a phone opens the link in, for the card to say so. */
export type LinkTarget = 'amap' | 'baidu' | 'tencent' | 'geo' | 'web';

export function linkTargetOf(link: string): LinkTarget {
  if (/^geo:/i.test(link)) return 'geo';
  let host = '';
  try {
    host = new URL(link).hostname;
  } catch {
    return 'web';
  }
  if (host === 'amap.com' || host.endsWith('.amap.com')) return 'amap';
  if (host.endsWith('map.baidu.com')) return 'baidu';
  if (host.endsWith('map.qq.com')) return 'tencent';
  return 'web';
}
