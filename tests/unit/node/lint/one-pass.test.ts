/**
 * One lint run names everything: a folder seeded with one problem of each kind (schema,
 * reference, wrong-case name, missing file, codec, glyph, budget, invisible geometry, place off
 * the table, text over the screen width) reports all of them at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import { indexPackFolder } from '../../../../electron/node/pack/files-index';
import { probeMediaFile } from '../../../../electron/node/lint/container-probe';
import { geoJsonProblems } from '../../../../electron/node/lint/geometry';
import { crc32 } from 'node:zlib';
import type { PackManifestInput } from '../../../../electron/shared/pack-schema';

const work = await mkdtemp(join(tmpdir(), 'hallpack-onepass-'));
afterAll(() => rm(work, { recursive: true, force: true }));

const quiet = { out: () => undefined, err: () => undefined };

/** A real grey PNG of the given size (one filter byte + one byte per pixel per row). */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('one lint run', () => {
  it('reports one problem of each kind, all in the same run', async () => {
    const folder = join(work, 'bad');
    expect(await main(['init', folder], quiet)).toBe(0);
    const m = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as PackManifestInput;
    // 1. schema: a figure whose value is not a number.
    m.stats![0]!.value = 'many' as unknown as number;
    // 2. reference: an event linked to a place that does not exist.
    m.timelines![0]!.events[2]!.places = ['nowhere'];
    // 3. wrong case: the thumbnail written with a capital letter.
    const photo = m.media!.photo!;
    photo.thumbnail = 'media/Place.thumb.jpg';
    // 4. fonts: a character no bundled font draws (𰻞, biáng).
    m.places![2]!.name['zh-Hans'] = '𰻞𰻞面馆';
    // 5. a place off the table; 6. text wider than the screen.
    m.places![1]!.position = { lon: 31.22, lat: 31.22 }; // latitude typed as longitude
    m.timelines![0]!.events[1]!.title.en = 'A very long title '.repeat(6).trim();
    // 7. budget: an image wider than any GPU texture.
    await writeFile(join(folder, 'media', 'place.jpg'), png(9000, 2));
    photo.src = 'media/place.png';
    await copyFile(join(folder, 'media', 'place.jpg'), join(folder, 'media', 'place.png'));
    await unlink(join(folder, 'media', 'place.jpg'));
    delete photo.width;
    delete photo.height;
    // 8. invisible relief: a region 0.2 units high.
    const geo = JSON.parse(await readFile(join(folder, 'media', 'districts.geojson'), 'utf8')) as {
      features: Array<{ properties: { height: number } }>;
    };
    geo.features[1]!.properties.height = 0.2;
    await writeFile(join(folder, 'media', 'districts.geojson'), JSON.stringify(geo));
    // The files index as build would write it …
    const index = await indexPackFolder(folder);
    if (!index.ok) throw new Error(JSON.stringify(index.problems));
    m.files = index.files;
    // … 9. then a listed file goes missing.
    await unlink(join(folder, 'media', 'film-poster.jpg'));
    await writeFile(join(folder, 'pack.json'), JSON.stringify(m, null, 2));

    const out: string[] = [];
    const code = await main(['lint', folder, '--json'], { out: (s) => out.push(s), err: () => undefined });
    expect(code).toBe(1);
    const report = JSON.parse(out.join('\n')) as {
      problems: Array<{ code: string; path?: string; file: string }>;
    };
    const codes = new Set(report.problems.map((p) => p.code));
    const expected = [
      'manifest.schema',
      'ref.place-missing',
      'ref.file-wrong-name',
      'files.missing',
      'lint.glyph-missing',
      'range.outside-bounds',
      'lint.text-too-long',
      'lint.image-too-large',
      'lint.region-flat',
    ];
    for (const c of expected) expect(codes, `${c} in ${[...codes].join(', ')}`).toContain(c);
    // The figure that broke the schema is named by its path.
    expect(report.problems.find((p) => p.code === 'manifest.schema')?.path).toBe('stats[0].value');
    // For people: every problem as file:line: rule: message, at the line of pack.json it is about.
    const human: string[] = [];
    await main(['lint', folder], { out: (s) => human.push(s), err: () => undefined });
    const text = human.join('\n');
    const heads = text.split('\n').filter((l) => !l.startsWith('    hint: '));
    expect(heads).toHaveLength(report.problems.length);
    // pack.sig is not JSON and pack.json does not name it: the one problem without a line.
    for (const l of heads) expect(l).toMatch(/^(pack\.json:\d+|pack\.sig): [a-z][\w.-]*: \S/);
    expect(heads.filter((l) => l.startsWith('pack.sig:'))).toHaveLength(1);
    const source = (await readFile(join(folder, 'pack.json'), 'utf8')).split('\n');
    const lineOf = (needle: string) => source.findIndex((l) => l.includes(needle)) + 1;
    expect(text).toContain(`pack.json:${lineOf('"value": "many"')}: manifest.schema: stats[0].value:`);
    // A schema problem comes with what the field means and an example, from the field reference.
    expect(text).toMatch(
      /\n {4}hint: The number, unformatted \(the kiosk formats it per language\)\. Example: 1200/,
    );
    expect(text).toContain(`pack.json:${lineOf('"media/Place.thumb.jpg"')}: ref.file-wrong-name:`);
    // A problem of another file is placed at the line of pack.json that names it.
    expect(text).toMatch(
      new RegExp(
        `pack\\.json:${lineOf('"media/districts.geojson"')}: geometry\\.visible: media/districts\\.geojson: `,
      ),
    );
    process.stdout.write(
      `seeded bad folder: ${report.problems.length} problems in one run (${expected.length} kinds)\n`,
    );
  });
});

describe('container probing with music-metadata', () => {
  it.skipIf(!hasFfmpeg)('accepts VP8 and a WebM whose EBML doctype is padded with NUL', async () => {
    const vp8 = join(work, 'vp8.webm');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'color=c=red:s=64x36:r=5:d=1',
      '-c:v',
      'libvpx',
      vp8,
    ]);
    const bytes = await readFile(vp8);
    const probe = await probeMediaFile(bytes);
    expect(probe.container).toBe('webm');
    expect(probe.tracks.map((t) => t.codec)).toEqual(['vp8']);
    expect(probe.reason).toBeUndefined();
    const padded = padDocType(bytes);
    expect(padded.includes(Buffer.from('webm\0'))).toBe(true);
    const p2 = await probeMediaFile(padded);
    expect(p2.container).toBe('webm');
    expect(p2.tracks.map((t) => t.codec)).toEqual(['vp8']);
    expect(p2.reason).toBeUndefined();
  });

  it.skipIf(!hasFfmpeg)('names the codec of a video the kiosk cannot play (H.265 in MP4)', async () => {
    const folder = join(work, 'hevc');
    expect(await main(['init', folder], quiet)).toBe(0);
    const hevc = join(folder, 'media', 'film.mp4');
    try {
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'color=c=red:s=64x36:r=5:d=1',
        '-c:v',
        'libx265',
        '-x265-params',
        'log-level=error',
        hevc,
      ]);
    } catch {
      return; // this ffmpeg has no H.265 encoder
    }
    await unlink(join(folder, 'media', 'film.webm'));
    const m = JSON.parse(await readFile(join(folder, 'pack.json'), 'utf8')) as PackManifestInput;
    m.media!.film!.src = 'media/film.mp4';
    const index = await indexPackFolder(folder);
    if (!index.ok) throw new Error('index');
    m.files = index.files;
    await writeFile(join(folder, 'pack.json'), JSON.stringify(m));
    const out: string[] = [];
    await main(['lint', folder], { out: (s) => out.push(s), err: () => undefined });
    const line = out
      .join('\n')
      .split('\n')
      .find((l) => l.includes('codec.playable'));
    expect(line).toContain('HEVC');
    expect(line).not.toContain('\0');
  });
});

/** Rewrites the EBML header so DocType reads "webm\0" (legal NUL padding), fixing the header size. */
function padDocType(bytes: Buffer): Buffer {
  const at = bytes.indexOf(Buffer.from([0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]));
  if (at < 0 || bytes[4]! < 0x80) throw new Error('unexpected EBML header');
  const headerSize = bytes[4]! & 0x7f;
  return Buffer.concat([
    bytes.subarray(0, 4),
    Buffer.from([0x80 | (headerSize + 1)]),
    bytes.subarray(5, at),
    Buffer.from([0x42, 0x82, 0x85, 0x77, 0x65, 0x62, 0x6d, 0x00]),
    bytes.subarray(at + 7),
  ]);
}

describe('base-map geometry', () => {
  const manifest = {
    sandTable: { bounds: { west: 119, south: 29, east: 122, north: 32 } },
  } as unknown as Parameters<typeof geoJsonProblems>[0];
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const poly = (ring: number[][], height?: number) => ({
    type: 'Feature',
    properties: height === undefined ? {} : { height },
    geometry: { type: 'Polygon', coordinates: [ring] },
  });
  const square = [
    [120, 30],
    [121, 30],
    [121, 31],
    [120, 31],
    [120, 30],
  ];

  it('warns about empty polygons, missing or tiny heights and features off the table', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        poly(square, 1),
        poly([], 1),
        poly(square),
        poly(square, 0),
        poly(
          square.map(([x = 0, y = 0]) => [y, x]),
          1,
        ),
        { type: 'Feature', properties: { height: 1 }, geometry: { type: 'Point', coordinates: [120, 30] } },
      ],
    };
    const found = geoJsonProblems(manifest, 'regions', 'media/r.geojson', enc(doc)).map((p) => p.code);
    expect(found).toEqual([
      'lint.geometry-empty',
      'lint.region-flat',
      'lint.region-flat',
      'lint.geometry-empty',
      'lint.geometry-outside',
    ]);
  });

  it('refuses a file that is not a FeatureCollection', () => {
    expect(geoJsonProblems(manifest, 'lines', 'media/l.geojson', enc({ type: 'Feature' }))[0]?.code).toBe(
      'lint.geojson-invalid',
    );
  });
});
