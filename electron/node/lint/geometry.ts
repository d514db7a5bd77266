/**
 * Geometry a visitor would never see: places and nodes outside the table's bounds, relief regions
 * with no or a tiny height, polygons and lines without enough points or without area, and
 * base-map files that are not GeoJSON feature collections. Warnings, with the feature's index.
 */
import type { Bounds, PackManifest } from '../../shared/pack-schema';
import { mediaSrcFor } from '../../shared/pack-schema';
import type { PackProblem } from '../../shared/problems';

/** Relief lower than this (table units) is barely visible from the usual camera distances. */
export const MIN_VISIBLE_HEIGHT = 0.5;

type Msg = { en: string; 'zh-Hans': string };

const warn = (code: string, file: string, rule: string, message: Msg, path?: string): PackProblem => ({
  code,
  severity: 'warning',
  file,
  rule,
  message,
  ...(path !== undefined ? { path } : {}),
});

const inside = (b: Bounds, lon: number, lat: number): boolean =>
  lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;

/** "You are here" inside the table's bounds (places and nodes are checked with the references). */
export function positionProblems(m: PackManifest): PackProblem[] {
  const st = m.sandTable;
  if (!st?.hereAt) return [];
  const b = st.bounds;
  const { lon, lat } = st.hereAt.position;
  if (inside(b, lon, lat)) return [];
  const box = `${b.west}…${b.east} E, ${b.south}…${b.north} N`;
  return [
    warn(
      'lint.outside-bounds',
      'pack.json',
      'geometry.bounds',
      {
        en: `"you are here" at ${lon}, ${lat} is outside the table (sandTable.bounds ${box}); visitors never see it. Fix the position (longitude first) or widen the bounds.`,
        'zh-Hans': `“您在这里”位于 ${lon}, ${lat}，在沙盘范围（sandTable.bounds ${box}）之外，观众看不到。请修正坐标（经度在前）或扩大范围。`,
      },
      'sandTable.hereAt.position',
    ),
  ];
}

type Feature = { geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: unknown };

const ringArea = (ring: number[][]): number => {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    a += x1 * y2 - x2 * y1;
  }
  return Math.abs(a / 2);
};

const isPositionList = (v: unknown): v is number[][] =>
  Array.isArray(v) &&
  v.every((p) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number'));

/** Problems of the base map's GeoJSON (regions extruded by height, or lines). */
export function geoJsonProblems(
  m: PackManifest,
  role: 'regions' | 'lines',
  file: string,
  bytes: Uint8Array,
): PackProblem[] {
  const out: PackProblem[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return [
      {
        code: 'lint.geojson-invalid',
        severity: 'error',
        file,
        rule: 'geometry.geojson',
        message: {
          en: `not valid JSON (${e instanceof Error ? e.message : String(e)}); export the map again as GeoJSON.`,
          'zh-Hans': '不是有效的 JSON；请重新导出为 GeoJSON。',
        },
      },
    ];
  }
  const features = (doc as { type?: unknown; features?: unknown }).features;
  if ((doc as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    return [
      {
        code: 'lint.geojson-invalid',
        severity: 'error',
        file,
        rule: 'geometry.geojson',
        message: {
          en: 'is not a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": […]}).',
          'zh-Hans': '不是 GeoJSON FeatureCollection（{"type": "FeatureCollection", "features": […]}）。',
        },
      },
    ];
  }
  const bounds = m.sandTable?.bounds;
  let outside = 0;
  (features as Feature[]).forEach((f, i) => {
    const where = `features[${i}]`;
    const type = f.geometry?.type;
    const coords = f.geometry?.coordinates;
    const polygons: unknown[] =
      type === 'Polygon' ? [coords] : type === 'MultiPolygon' && Array.isArray(coords) ? coords : [];
    const lines: unknown[] =
      type === 'LineString' ? [coords] : type === 'MultiLineString' && Array.isArray(coords) ? coords : [];
    const points: number[][] = [];
    if (role === 'regions') {
      if (polygons.length === 0) {
        out.push(
          warn('lint.geometry-empty', file, 'geometry.visible', {
            en: `${where} has no polygon (geometry ${JSON.stringify(type ?? null)}); regions must be Polygon or MultiPolygon to be drawn.`,
            'zh-Hans': `${where} 没有多边形（几何类型 ${JSON.stringify(type ?? null)}）；地块必须是 Polygon 或 MultiPolygon 才能绘制。`,
          }),
        );
        return;
      }
      let area = 0;
      for (const poly of polygons) {
        const outer = Array.isArray(poly) ? (poly[0] as unknown) : undefined;
        if (isPositionList(outer) && outer.length >= 4) {
          area += ringArea(outer);
          points.push(...outer);
        }
      }
      if (area === 0) {
        out.push(
          warn('lint.geometry-empty', file, 'geometry.visible', {
            en: `${where} is an empty or degenerate polygon (no area): it draws nothing. A ring needs at least 4 positions, the last equal to the first.`,
            'zh-Hans': `${where} 是空的或退化的多边形（面积为零），不会显示。每个环至少需要 4 个点，且首尾相同。`,
          }),
        );
      }
      const props = (f.properties ?? {}) as Record<string, unknown>;
      const height = props.height;
      if (typeof height !== 'number' || height < MIN_VISIBLE_HEIGHT) {
        out.push(
          warn('lint.region-flat', file, 'geometry.visible', {
            en: `${where} has ${typeof height === 'number' ? `height ${height}` : 'no properties.height'}: below ${MIN_VISIBLE_HEIGHT} table units the region is invisible on the table. Set properties.height to ${MIN_VISIBLE_HEIGHT} or more.`,
            'zh-Hans': `${where} 的${typeof height === 'number' ? `高度为 ${height}` : '属性中没有 height'}：低于 ${MIN_VISIBLE_HEIGHT} 个沙盘单位的地块在沙盘上看不见。请把 properties.height 设为 ${MIN_VISIBLE_HEIGHT} 或以上。`,
          }),
        );
      }
    } else {
      let ok = false;
      for (const line of lines) {
        if (isPositionList(line) && line.length >= 2) {
          ok = true;
          points.push(...line);
        }
      }
      if (!ok && polygons.length === 0) {
        out.push(
          warn('lint.geometry-empty', file, 'geometry.visible', {
            en: `${where} has no line with at least 2 positions: it draws nothing.`,
            'zh-Hans': `${where} 没有至少含 2 个点的线，不会显示。`,
          }),
        );
      }
    }
    if (bounds && points.length > 0 && !points.some(([lon = NaN, lat = NaN]) => inside(bounds, lon, lat)))
      outside++;
  });
  if (outside > 0) {
    out.push(
      warn('lint.geometry-outside', file, 'geometry.bounds', {
        en: `${outside} feature(s) lie entirely outside sandTable.bounds and are never seen. Check that coordinates are [longitude, latitude] in degrees (WGS 84).`,
        'zh-Hans': `${outside} 个要素完全位于 sandTable.bounds 之外，不会被看到。请确认坐标为 [经度, 纬度]（WGS 84 度）。`,
      }),
    );
  }
  return out;
}

/** The base-map files the table draws, by role. */
export function baseMapFiles(m: PackManifest): Array<{ role: 'regions' | 'lines'; file: string }> {
  const out: Array<{ role: 'regions' | 'lines'; file: string }> = [];
  const base = m.sandTable?.base;
  for (const role of ['regions', 'lines'] as const) {
    const id = base?.[role];
    const media = id !== undefined ? m.media[id] : undefined;
    const file = media ? mediaSrcFor(media, m.defaultLanguage, m.defaultLanguage) : undefined;
    if (file) out.push({ role, file });
  }
  return out;
}
