import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cutIiifTiles, scaleFactorsFor, tileGrid, tilePath } from '../../../../electron/node/iiif/tiles';
import { tilesCommand } from '../../../../electron/node/iiif/tiles-command';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('IIIF level-0 tile pyramid', () => {
  it('plans scale factors until the image fits one tile', () => {
    expect(scaleFactorsFor(512, 300, 512)).toEqual([1]);
    expect(scaleFactorsFor(2048, 1536, 512)).toEqual([1, 2, 4]);
    expect(scaleFactorsFor(20000, 100, 512)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });
  it('covers the image exactly, with IIIF regions and sizes', () => {
    const grid = tileGrid(1300, 900, 256, 2);
    expect(grid).toHaveLength(6);
    expect(grid.at(-1)).toEqual({ col: 2, row: 1, region: [1024, 512, 276, 388], size: [138, 194] });
    const area = grid.reduce((a, g) => a + g.region[2] * g.region[3], 0);
    expect(area).toBe(1300 * 900);
    expect(tilePath([0, 0, 512, 512], [512, 512])).toBe('0,0,512,512/512,512/0/default.jpg');
  });

  it('cuts with ImageMagick into files the viewer can load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iiif-'));
    dirs.push(dir);
    const src = join(dir, 'src.png');
    execFileSync('convert', ['-size', '700x500', 'gradient:#8c2f2a-#c9a45c', src]);
    const r = await cutIiifTiles({ image: src, outDir: join(dir, 'out'), tileSize: 256, id: 'media/x' });
    expect(r.info).toMatchObject({
      width: 700,
      height: 500,
      profile: 'level0',
      id: 'media/x',
      tiles: [{ width: 256, scaleFactors: [1, 2, 4] }],
    });
    expect(r.files).toContain('512,256,188,244/188,244/0/default.jpg');
    expect(r.files).toContain('0,0,700,500/175,125/0/default.jpg');
    expect(r.info.sizes.map((s) => s.width)).toEqual([175, 350, 700]);
    const size = execFileSync('identify', [
      '-format',
      '%w %h',
      join(dir, 'out', '512,256,188,244/188,244/0/default.jpg'),
    ]).toString();
    expect(size).toBe('188 244');
    const info = JSON.parse(await readFile(join(dir, 'out/info.json'), 'utf8')) as { type: string };
    expect(info.type).toBe('ImageService3');
    await expect(stat(join(dir, 'out/.cut'))).rejects.toThrow();
  });

  it('hallpack tiles: usage errors exit 2, a non-empty folder is refused', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    expect(await tilesCommand([], io)).toBe(2);
    expect(await tilesCommand(['a.png', '--out', 'x', '--tile', '100'], io)).toBe(2);
    expect(await tilesCommand(['/nonexistent.png', '--out', join(tmpdir(), 'never')], io)).toBe(1);
    const dir = dirs[0]!;
    expect(await tilesCommand(['tiles', join(dir, 'src.png'), '--out', join(dir, 'out')], io)).toBe(1);
    expect(out.join('\n')).toMatch(/not empty/);
    expect(await tilesCommand([join(dir, 'src.png'), '--out', join(dir, 'out2'), '--tile', '256'], io)).toBe(
      0,
    );
    expect(out.join('\n')).toMatch(/"kind": "tiles"/);
  });
});
