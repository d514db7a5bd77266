/**
 * The part of GeoJSON (RFC 7946) the table draws: polygons for relief, lines for rivers and
 * roads. Pack files arrive as `unknown` and are parsed here; other geometry kinds are skipped,
 * not fatal.
 */
import { z } from 'zod';

const position = z.tuple([z.number(), z.number()]).rest(z.number());
const ring = z.array(position).min(4);
const polygon = z.array(ring).min(1);
const line = z.array(position).min(2);

const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygon }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon) }),
  z.object({ type: z.literal('LineString'), coordinates: line }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(line) }),
]);

const feature = z.object({
  type: z.literal('Feature'),
  geometry: z.unknown(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
});

const collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

/** Longitude/latitude pairs of one ring or line. */
export type LonLatRing = [number, number][];

/** Style properties the table reads from a feature. */
export type FeatureStyle = { height?: number; color?: string; width?: number; name?: string };

export type PolygonFeature = { rings: LonLatRing[]; style: FeatureStyle };
export type LineFeature = { line: LonLatRing; style: FeatureStyle };

export type ParsedGeoJson = { polygons: PolygonFeature[]; lines: LineFeature[]; skipped: number };

function styleOf(props: Record<string, unknown> | null | undefined): FeatureStyle {
  const s: FeatureStyle = {};
  if (!props) return s;
  if (typeof props.height === 'number' && Number.isFinite(props.height) && props.height >= 0)
    s.height = props.height;
  if (typeof props.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(props.color)) s.color = props.color;
  if (typeof props.width === 'number' && Number.isFinite(props.width) && props.width > 0)
    s.width = props.width;
  if (typeof props.name === 'string') s.name = props.name;
  return s;
}

const pairs = (coords: number[][]): LonLatRing => coords.map((c) => [c[0] ?? 0, c[1] ?? 0]);

/** Reads a FeatureCollection; features of other kinds or malformed ones are counted in `skipped`. */
export function parseGeoJson(data: unknown): ParsedGeoJson {
  const out: ParsedGeoJson = { polygons: [], lines: [], skipped: 0 };
  const fc = collection.safeParse(data);
  if (!fc.success) return { ...out, skipped: 1 };
  for (const raw of fc.data.features) {
    const f = feature.safeParse(raw);
    const g = f.success ? geometry.safeParse(f.data.geometry) : null;
    if (!f.success || !g?.success) {
      out.skipped++;
      continue;
    }
    const style = styleOf(f.data.properties);
    switch (g.data.type) {
      case 'Polygon':
        out.polygons.push({ rings: g.data.coordinates.map(pairs), style });
        break;
      case 'MultiPolygon':
        for (const p of g.data.coordinates) out.polygons.push({ rings: p.map(pairs), style });
        break;
      case 'LineString':
        out.lines.push({ line: pairs(g.data.coordinates), style });
        break;
      case 'MultiLineString':
        for (const l of g.data.coordinates) out.lines.push({ line: pairs(l), style });
        break;
    }
  }
  return out;
}
