/**
 * IIIF Image API 3.0 level-0 static tiles, cut with ImageMagick.
 *
 * A level-0 image service is just files: `info.json` plus one JPEG per tile at each scale
 * factor, named by the IIIF URL pattern `{region}/{size}/0/default.jpg` (region and size in
 * pixels, e.g. `1024,512,512,512/256,256/0/default.jpg`), and a few whole-image sizes
 * `full/{w},{h}/0/default.jpg`. A viewer that reads `info.json` can zoom a very large scan by
 * loading only the tiles it shows. In a pack, `info.json` is the `src` of a `tiles` medium and
 * every tile is listed in `files` like any other file (`hallpack build` computes the index); the
 * `id` in info.json is the folder's pack path and viewers resolve tiles relative to info.json.
 *
 * Cutting uses `convert` (ImageMagick 6 or 7) through `execFile` — no shell, arguments as an array.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type IiifTileSpec = { width: number; height?: number; scaleFactors: number[] };

/** The subset of IIIF Image API 3.0 `info.json` a level-0 static service needs. */
export type IiifInfo = {
  '@context': 'http://iiif.io/api/image/3/context.json';
  id: string;
  type: 'ImageService3';
  protocol: 'http://iiif.io/api/image';
  profile: 'level0';
  width: number;
  height: number;
  sizes: { width: number; height: number }[];
  tiles: IiifTileSpec[];
};

export type CutTilesOptions = {
  image: string;
  outDir: string;
  /** Tile edge in pixels (square tiles). */
  tileSize?: number;
  /** JPEG quality 1–100. */
  quality?: number;
  /** Value of info.json `id` (the folder's path in the pack). */
  id?: string;
  /** The `convert` executable. */
  convert?: string;
};

export type CutTilesResult = { info: IiifInfo; files: string[]; bytes: number };

/** Scale factors 1, 2, 4 … until the whole image fits in one tile. */
export function scaleFactorsFor(width: number, height: number, tileSize: number): number[] {
  const factors = [1];
  while (Math.max(width, height) / (factors[factors.length - 1] ?? 1) > tileSize) {
    factors.push((factors[factors.length - 1] ?? 1) * 2);
  }
  return factors;
}

/** Every tile of a level: its IIIF region and size, row-major (the order ImageMagick crops in). */
export function tileGrid(
  width: number,
  height: number,
  tileSize: number,
  scale: number,
): { col: number; row: number; region: [number, number, number, number]; size: [number, number] }[] {
  const span = tileSize * scale;
  const cols = Math.ceil(width / span);
  const rows = Math.ceil(height / span);
  const out = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const x = col * span;
      const y = row * span;
      const w = Math.min(span, width - x);
      const h = Math.min(span, height - y);
      out.push({
        col,
        row,
        region: [x, y, w, h] as [number, number, number, number],
        size: [Math.ceil(w / scale), Math.ceil(h / scale)] as [number, number],
      });
    }
  }
  return out;
}

/** Path of a tile inside the service folder, per the IIIF URL pattern. */
export function tilePath(region: readonly number[], size: readonly number[]): string {
  return `${region.join(',')}/${size.join(',')}/0/default.jpg`;
}

export async function imageSize(
  image: string,
  convert = 'convert',
): Promise<{ width: number; height: number }> {
  const { stdout } = await run(convert, [`${image}[0]`, '-format', '%w %h', 'info:']);
  const [w, h] = stdout.trim().split(/\s+/).map(Number);
  if (!w || !h) throw new Error(`cannot read the size of ${image}`);
  return { width: w, height: h };
}

/** Cuts `image` into a level-0 tile pyramid under `outDir` (which should be empty). */
export async function cutIiifTiles(opts: CutTilesOptions): Promise<CutTilesResult> {
  const tileSize = opts.tileSize ?? 512;
  const quality = opts.quality ?? 82;
  const convert = opts.convert ?? 'convert';
  const { width, height } = await imageSize(opts.image, convert);
  const factors = scaleFactorsFor(width, height, tileSize);
  await mkdir(opts.outDir, { recursive: true });
  const files: string[] = [];
  const tmp = join(opts.outDir, '.cut');
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  try {
    for (const s of factors) {
      const w = Math.ceil(width / s);
      const h = Math.ceil(height / s);
      await run(convert, [
        `${opts.image}[0]`,
        '-auto-orient',
        '-colorspace',
        'sRGB',
        '-resize',
        `${w}x${h}!`,
        '-crop',
        `${tileSize}x${tileSize}`,
        '+repage',
        '-strip',
        '-interlace',
        'JPEG',
        '-quality',
        String(quality),
        '+adjoin',
        join(tmp, `s${s}_%d.jpg`),
      ]);
      const grid = tileGrid(width, height, tileSize, s);
      const made = (await readdir(tmp)).filter((f) => f.startsWith(`s${s}_`));
      if (made.length !== grid.length)
        throw new Error(`expected ${grid.length} tiles at scale ${s}, ImageMagick made ${made.length}`);
      for (const [i, tile] of grid.entries()) {
        const rel = tilePath(tile.region, tile.size);
        await mkdir(join(opts.outDir, rel, '..'), { recursive: true });
        await rename(join(tmp, `s${s}_${i}.jpg`), join(opts.outDir, rel));
        files.push(rel);
      }
    }
    // Whole-image sizes for the first paint and thumbnails: up to ~1024 px.
    const sizes: { width: number; height: number }[] = [];
    for (const s of [...factors].reverse()) {
      const w = Math.ceil(width / s);
      const h = Math.ceil(height / s);
      if (Math.max(w, h) > Math.max(tileSize * 2, 1024) && sizes.length > 0) break;
      const rel = `full/${w},${h}/0/default.jpg`;
      await mkdir(join(opts.outDir, rel, '..'), { recursive: true });
      await run(convert, [
        `${opts.image}[0]`,
        '-auto-orient',
        '-colorspace',
        'sRGB',
        '-resize',
        `${w}x${h}!`,
        '-strip',
        '-quality',
        String(quality),
        join(opts.outDir, rel),
      ]);
      files.push(rel);
      sizes.push({ width: w, height: h });
    }
    const info: IiifInfo = {
      '@context': 'http://iiif.io/api/image/3/context.json',
      id: opts.id ?? '.',
      type: 'ImageService3',
      protocol: 'http://iiif.io/api/image',
      profile: 'level0',
      width,
      height,
      sizes,
      tiles: [{ width: tileSize, height: tileSize, scaleFactors: factors }],
    };
    await writeFile(join(opts.outDir, 'info.json'), `${JSON.stringify(info, null, 2)}\n`);
    files.push('info.json');
    let bytes = 0;
    for (const f of files) bytes += (await stat(join(opts.outDir, f))).size;
    return { info, files, bytes };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
