/**
 * The height of the table's surface: the bare table, extruded relief and a heightmap. Markers,
 * routes, arcs and rivers ask it where to stand.
 */
import type { HeightGrid } from './terrain';
import { sampleHeight } from './terrain';
import type { TablePoint, TableRect } from './types';

/** Even–odd point-in-polygon test on the table plane. */
export function pointInPolygon(p: TablePoint, polygon: readonly TablePoint[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i] as TablePoint;
    const b = polygon[j] as TablePoint;
    if (a.z > p.z !== b.z > p.z && p.x < ((b.x - a.x) * (p.z - a.z)) / (b.z - a.z) + a.x) inside = !inside;
  }
  return inside;
}

export class TableSurface {
  private readonly relief: { polygon: TablePoint[]; height: number; box: TableRect }[] = [];
  private heightmap: { grid: HeightGrid; maxHeight: number } | null = null;

  /** `floor` is the height of the bare table top. */
  constructor(
    private readonly rect: TableRect,
    readonly floor: number,
  ) {}

  /** A relief prism: `polygon` (outer ring) raised to `height`. */
  addRelief(polygon: TablePoint[], height: number): void {
    const xs = polygon.map((p) => p.x);
    const zs = polygon.map((p) => p.z);
    const box = {
      minX: Math.min(...xs),
      maxX: Math.max(...xs),
      minZ: Math.min(...zs),
      maxZ: Math.max(...zs),
    };
    this.relief.push({ polygon, height, box });
  }

  setHeightmap(grid: HeightGrid, maxHeight: number): void {
    this.heightmap = { grid, maxHeight };
  }

  /** Height of the surface at a table point. */
  heightAt(x: number, z: number): number {
    let h = this.floor;
    if (this.heightmap)
      h = Math.max(
        h,
        this.floor + sampleHeight(this.heightmap.grid, this.rect, this.heightmap.maxHeight, x, z),
      );
    for (const r of this.relief) {
      if (r.height <= h || x < r.box.minX || x > r.box.maxX || z < r.box.minZ || z > r.box.maxZ) continue;
      if (pointInPolygon({ x, z }, r.polygon)) h = r.height;
    }
    return h;
  }
}
