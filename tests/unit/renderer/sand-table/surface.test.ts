import { describe, expect, it } from 'vitest';
import { pointInPolygon, TableSurface } from '../../../../renderer/src/sand-table/surface';

const square = [
  { x: 0, z: 0 },
  { x: 10, z: 0 },
  { x: 10, z: 10 },
  { x: 0, z: 10 },
];

describe('table surface', () => {
  it('tests points against polygons (even–odd)', () => {
    expect(pointInPolygon({ x: 5, z: 5 }, square)).toBe(true);
    expect(pointInPolygon({ x: 15, z: 5 }, square)).toBe(false);
    const u = [
      { x: 0, z: 0 },
      { x: 3, z: 0 },
      { x: 3, z: 8 },
      { x: 7, z: 8 },
      { x: 7, z: 0 },
      { x: 10, z: 0 },
      { x: 10, z: 10 },
      { x: 0, z: 10 },
    ];
    expect(pointInPolygon({ x: 5, z: 4 }, u)).toBe(false);
    expect(pointInPolygon({ x: 5, z: 9 }, u)).toBe(true);
  });

  it('is the floor, the highest relief under a point, or the heightmap', () => {
    const s = new TableSurface({ minX: -20, maxX: 20, minZ: -20, maxZ: 20 }, 0.1);
    expect(s.heightAt(5, 5)).toBe(0.1);
    s.addRelief(square, 2);
    s.addRelief(
      [
        { x: 4, z: 4 },
        { x: 6, z: 4 },
        { x: 6, z: 6 },
        { x: 4, z: 6 },
      ],
      3,
    );
    expect(s.heightAt(1, 1)).toBe(2);
    expect(s.heightAt(5, 5)).toBe(3);
    expect(s.heightAt(-5, 5)).toBe(0.1);
    s.setHeightmap({ width: 2, height: 2, values: new Float32Array([1, 1, 1, 1]) }, 5);
    expect(s.heightAt(-5, 5)).toBeCloseTo(5.1, 9);
    expect(s.heightAt(5, 5)).toBeCloseTo(5.1, 9);
  });
});
