import { describe, expect, it } from 'vitest';
import { createProjection, rectCentre, tableRectOf } from '../../../../renderer/src/sand-table/projection';

const origin = { lon: 119.95, lat: 31.78 };

describe('equirectangular projection', () => {
  const p = createProjection({ type: 'equirectangular', origin, unitsPerDegree: 100 });

  it('puts the origin at the table centre', () => {
    const t = p.toTable(origin);
    expect(t.x).toBeCloseTo(0, 9);
    expect(t.z).toBeCloseTo(0, 9);
  });

  it('scales latitude by unitsPerDegree with north towards −z', () => {
    expect(p.toTable({ lon: origin.lon, lat: origin.lat + 1 }).z).toBeCloseTo(-100, 9);
    expect(p.toTable({ lon: origin.lon, lat: origin.lat - 0.5 }).z).toBeCloseTo(50, 9);
  });

  it('shrinks longitude by cos(origin latitude) with east towards +x', () => {
    const x = p.toTable({ lon: origin.lon + 1, lat: origin.lat }).x;
    expect(x).toBeCloseTo(100 * Math.cos((origin.lat * Math.PI) / 180), 9);
  });

  it('round-trips', () => {
    for (const q of [
      { lon: 119.2, lat: 31.1 },
      { lon: 121, lat: 32.9 },
      { lon: -70, lat: -40 },
    ]) {
      const back = p.toLonLat(p.toTable(q));
      expect(back.lon).toBeCloseTo(q.lon, 9);
      expect(back.lat).toBeCloseTo(q.lat, 9);
    }
  });
});

describe('mercator projection', () => {
  const m = createProjection({ type: 'mercator', origin, unitsPerDegree: 100 });
  const e = createProjection({ type: 'equirectangular', origin, unitsPerDegree: 100 });

  it('matches the equirectangular scale near the origin', () => {
    const q = { lon: origin.lon + 0.01, lat: origin.lat + 0.01 };
    expect(m.toTable(q).x).toBeCloseTo(e.toTable(q).x, 6);
    expect(m.toTable(q).z).toBeCloseTo(e.toTable(q).z, 2);
  });

  it('stretches latitude away from the equator', () => {
    const north = m.toTable({ lon: origin.lon, lat: origin.lat + 10 }).z;
    const south = m.toTable({ lon: origin.lon, lat: origin.lat - 10 }).z;
    expect(Math.abs(north)).toBeGreaterThan(Math.abs(south));
  });

  it('round-trips', () => {
    for (const q of [
      { lon: 110, lat: 20 },
      { lon: 130, lat: 50 },
      { lon: origin.lon, lat: origin.lat },
    ]) {
      const back = m.toLonLat(m.toTable(q));
      expect(back.lon).toBeCloseTo(q.lon, 8);
      expect(back.lat).toBeCloseTo(q.lat, 8);
    }
  });
});

describe('tableRectOf', () => {
  it('covers the bounds with north at minZ', () => {
    const p = createProjection({ type: 'equirectangular', origin: { lon: 0, lat: 0 }, unitsPerDegree: 10 });
    const r = tableRectOf(p, { west: -1, south: -2, east: 3, north: 4 });
    expect(r).toEqual({ minX: -10, maxX: 30, minZ: -40, maxZ: 20 });
    expect(rectCentre(r)).toEqual({ x: 10, z: -10, width: 40, depth: 60 });
  });
});
