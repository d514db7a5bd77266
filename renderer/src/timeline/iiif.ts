/**
 * IIIF Image API level-0 static tiles in the viewer: read `info.json`, choose the tile level that
 * matches the zoom, and list only the tiles that intersect the visible part of the image.
 * Paths follow the IIIF URL pattern relative to the info.json folder (see electron/node/iiif).
 */
import { z } from 'zod';

export const iiifInfoSchema = z.looseObject({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  tiles: z
    .array(
      z.looseObject({
        width: z.number().int().positive(),
        height: z.number().int().positive().optional(),
        scaleFactors: z.array(z.number().int().positive()).min(1),
      }),
    )
    .min(1),
  sizes: z
    .array(z.looseObject({ width: z.number().int().positive(), height: z.number().int().positive() }))
    .optional(),
});

export type IiifInfo = z.infer<typeof iiifInfoSchema>;

export type Tile = {
  key: string;
  /** Path relative to the info.json folder. */
  path: string;
  /** Where the tile sits, in image pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
};

/**
 * The tile level for a zoom: the coarsest scale factor whose pixels are (almost) as fine as the
 * screen's. `screenPxPerImagePx` is how many device pixels one image pixel covers; a level up to
 * 25% coarser than the screen is accepted, which saves a whole level of downloads for a
 * difference no visitor sees.
 */
export function chooseScaleFactor(info: IiifInfo, screenPxPerImagePx: number): number {
  const factors = [...(info.tiles[0]?.scaleFactors ?? [1])].sort((a, b) => a - b);
  const wanted = screenPxPerImagePx > 0 ? 1.25 / screenPxPerImagePx : Infinity;
  let best = factors[0] ?? 1;
  for (const f of factors) if (f <= wanted) best = f;
  return best;
}

/** Tiles of level `scale` intersecting the image rectangle [x0,x1)×[y0,y1), row-major. */
export function visibleTiles(
  info: IiifInfo,
  scale: number,
  rect: { x0: number; y0: number; x1: number; y1: number },
): Tile[] {
  const spec = info.tiles[0];
  if (!spec) return [];
  const tw = spec.width * scale;
  const th = (spec.height ?? spec.width) * scale;
  const c0 = Math.max(0, Math.floor(rect.x0 / tw));
  const r0 = Math.max(0, Math.floor(rect.y0 / th));
  const c1 = Math.min(Math.ceil(info.width / tw) - 1, Math.floor((rect.x1 - 1e-6) / tw));
  const r1 = Math.min(Math.ceil(info.height / th) - 1, Math.floor((rect.y1 - 1e-6) / th));
  const tiles: Tile[] = [];
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const x = c * tw;
      const y = r * th;
      const w = Math.min(tw, info.width - x);
      const h = Math.min(th, info.height - y);
      const size = `${Math.ceil(w / scale)},${Math.ceil(h / scale)}`;
      const path = `${x},${y},${w},${h}/${size}/0/default.jpg`;
      tiles.push({ key: `${scale}:${c}:${r}`, path, x, y, width: w, height: h });
    }
  }
  return tiles;
}

/** A whole-image size to paint first: the smallest listed one at least `minWidth` wide, else the largest. */
export function baseImagePath(info: IiifInfo, minWidth: number): string | null {
  const sizes = [...(info.sizes ?? [])].sort((a, b) => a.width - b.width);
  const pick = sizes.find((s) => s.width >= minWidth) ?? sizes[sizes.length - 1];
  return pick ? `full/${pick.width},${pick.height}/0/default.jpg` : null;
}
