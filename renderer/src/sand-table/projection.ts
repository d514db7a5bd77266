/**
 * Geographic projection onto the table: lon/lat ↔ table units, as the pack declares.
 *
 * Both projections are scaled so that near `origin` one degree of latitude is `unitsPerDegree`
 * table units and a degree of longitude is `unitsPerDegree · cos(origin.lat)`: a pack can switch
 * between them without re-tuning its camera distances.
 */
import type { Bounds, LonLat, Projection } from '../../../electron/shared/pack-schema';
import type { TablePoint, TableRect } from './types';

/** Forward and inverse projection for one pack. */
export type TableProjection = {
  toTable(p: LonLat): TablePoint;
  toLonLat(p: TablePoint): LonLat;
};

const DEG = Math.PI / 180;
/** Mercator is undefined at the poles; clamp where web maps do. */
const MAX_MERCATOR_LAT = 85.05112878;

function mercatorY(latDeg: number): number {
  const lat = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, latDeg)) * DEG;
  return Math.log(Math.tan(Math.PI / 4 + lat / 2));
}

/** Builds the projection a pack's `sandTable.projection` declares. */
export function createProjection(spec: Projection): TableProjection {
  const { origin, unitsPerDegree } = spec;
  const kx = unitsPerDegree * Math.cos(origin.lat * DEG);
  switch (spec.type) {
    case 'equirectangular':
      return {
        toTable: (p) => ({ x: (p.lon - origin.lon) * kx, z: -(p.lat - origin.lat) * unitsPerDegree }),
        toLonLat: (t) => ({ lon: origin.lon + t.x / kx, lat: origin.lat - t.z / unitsPerDegree }),
      };
    case 'mercator': {
      // Radius such that d(y)/d(lat°) at the origin equals unitsPerDegree.
      const r = (unitsPerDegree / DEG) * Math.cos(origin.lat * DEG);
      const y0 = mercatorY(origin.lat);
      return {
        toTable: (p) => ({ x: (p.lon - origin.lon) * kx, z: -(mercatorY(p.lat) - y0) * r }),
        toLonLat: (t) => ({
          lon: origin.lon + t.x / kx,
          lat: (2 * Math.atan(Math.exp(y0 - t.z / r)) - Math.PI / 2) / DEG,
        }),
      };
    }
  }
}

/** The table rectangle covering geographic `bounds` (north is −z). */
export function tableRectOf(projection: TableProjection, bounds: Bounds): TableRect {
  const a = projection.toTable({ lon: bounds.west, lat: bounds.north });
  const b = projection.toTable({ lon: bounds.east, lat: bounds.south });
  return {
    minX: Math.min(a.x, b.x),
    maxX: Math.max(a.x, b.x),
    minZ: Math.min(a.z, b.z),
    maxZ: Math.max(a.z, b.z),
  };
}

/** Centre and size of a table rectangle. */
export function rectCentre(r: TableRect): TablePoint & { width: number; depth: number } {
  return {
    x: (r.minX + r.maxX) / 2,
    z: (r.minZ + r.maxZ) / 2,
    width: r.maxX - r.minX,
    depth: r.maxZ - r.minZ,
  };
}
