/**
 * `hallpack tiles <image> --out <dir> [--tile 512] [--quality 82] [--id <pack-path>]`
 *
 * Cuts a large image (a scanned document, a painting) into IIIF level-0 static tiles so the
 * kiosk's image viewer zooms deep while loading only the tiles on screen. Needs ImageMagick's
 * `convert` on the PATH (or `--convert <path>`). Exit codes: 0 ok, 1 failure, 2 usage.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cutIiifTiles } from './tiles';

export type CommandIo = { out(s: string): void; err(s: string): void };

export const TILES_USAGE = `Usage: hallpack tiles <image> --out <dir> [options]

Cuts <image> into IIIF Image API 3.0 level-0 static tiles under <dir>: info.json, one JPEG per
tile and scale factor ({region}/{size}/0/default.jpg) and small whole-image sizes (full/…).
Refer to it in pack.json as a medium of kind "tiles" whose src is <dir>/info.json, then run
hallpack build so every tile is hashed into the files index.

Options:
  --out <dir>        output folder (required; must be empty or absent)
  --tile <px>        tile edge, 256–1024 (default 512)
  --quality <1-100>  JPEG quality (default 82)
  --id <path>        value of info.json "id", usually the folder's path in the pack
  --convert <path>   ImageMagick's convert (default: convert on the PATH)

Exit codes: 0 ok, 1 failure, 2 usage.`;

function usage(io: CommandIo, problem: string): number {
  io.err(`hallpack tiles: ${problem}`);
  io.err(TILES_USAGE);
  return 2;
}

export async function tilesCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = argv[0] === 'tiles' ? argv.slice(1) : argv;
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-h' || a === '--help') {
      io.out(TILES_USAGE);
      return 0;
    }
    if (['--out', '--tile', '--quality', '--id', '--convert'].includes(a)) {
      const v = args[i + 1];
      if (v === undefined) return usage(io, `${a} needs a value`);
      flags[a.slice(2)] = v;
      i++;
    } else if (a.startsWith('-')) return usage(io, `unknown option ${a}`);
    else positional.push(a);
  }
  const image = positional[0];
  if (image === undefined || positional.length > 1) return usage(io, 'give exactly one <image>');
  const out = flags.out;
  if (out === undefined) return usage(io, '--out <dir> is required');
  const tile = flags.tile === undefined ? 512 : Number(flags.tile);
  const quality = flags.quality === undefined ? 82 : Number(flags.quality);
  if (!Number.isInteger(tile) || tile < 256 || tile > 1024)
    return usage(io, '--tile must be a whole number from 256 to 1024');
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) return usage(io, '--quality must be 1–100');
  if (!existsSync(image)) {
    io.err(`hallpack tiles: ${image} does not exist`);
    return 1;
  }
  if (existsSync(out) && readdirSync(out).length > 0) {
    io.err(`hallpack tiles: ${out} is not empty; choose an empty folder so no stale tiles remain`);
    return 1;
  }
  try {
    const r = await cutIiifTiles({
      image,
      outDir: out,
      tileSize: tile,
      quality,
      ...(flags.id === undefined ? {} : { id: flags.id }),
      ...(flags.convert === undefined ? {} : { convert: flags.convert }),
    });
    const t = r.info.tiles[0];
    io.out(
      `Cut ${r.info.width}×${r.info.height} into ${r.files.length - 1} files (${t?.scaleFactors.length ?? 0} levels of ${tile}px tiles, ${(r.bytes / 1024).toFixed(0)} KiB) in ${out}.`,
    );
    io.out(
      `Medium for pack.json: { "kind": "tiles", "src": "${flags.id ?? out}/info.json", "width": ${r.info.width}, "height": ${r.info.height} }`,
    );
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `hallpack tiles: ${/ENOENT/.test(message) ? 'ImageMagick "convert" was not found (install imagemagick or pass --convert)' : message}`,
    );
    return 1;
  }
}

export default tilesCommand;
