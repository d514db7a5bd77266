/**
 * The default pack's pictures (scripts/make-default-artwork.mjs): one per place and event, a file
 * per language and a text-free thumbnail, drawn from the current pack data (the stamp matches),
 * byte-for-byte reproducible, and no two alike (thumbnail difference).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  drawPicture,
  H,
  inputsHash,
  loadData,
  pictureSpecs,
  THUMB_H,
  THUMB_W,
  W,
} from '../../../scripts/make-default-artwork.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PACK_DIR = path.join(ROOT, 'assets/packs/default');
const data = loadData();
const specs = pictureSpecs(data);
const images = Object.entries(data.manifest.media).filter(([id]) => /^img\.(place|event)\./.test(id));

/** Width and height of a lossy or lossless WebP file. */
function webpSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.toString('ascii', 0, 4) + b.toString('ascii', 8, 12), file).toBe('RIFFWEBP');
  const chunk = b.toString('ascii', 12, 16);
  if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 }; // VP8X
}

/** A 64×36 grey thumbnail of an image file (ImageMagick). */
function grey(file: string): Buffer {
  const r = spawnSync('convert', [file, '-resize', '64x36!', '-colorspace', 'Gray', '-depth', '8', 'gray:-']);
  if (r.error || r.status !== 0) throw new Error(`convert ${file} failed: ${String(r.error ?? r.stderr)}`);
  return r.stdout;
}

describe('default pack artwork', () => {
  it('draws one picture for every place and every event', () => {
    const expected = [
      ...data.manifest.places.map((p) => `img.place.${p.id}`),
      ...data.manifest.timelines.flatMap((t) => t.events.map((e) => `img.event.${e.id}`)),
    ].sort();
    expect(specs.map((s) => s.id).sort()).toEqual(expected);
    expect(images.map(([id]) => id).sort()).toEqual(expected);
  });

  it('has a file per language at 1600×900, a text-free 480×270 thumbnail, and alt text in both', () => {
    for (const [id, media] of images) {
      expect(typeof media.src, id).toBe('object');
      const src = media.src as Record<string, string>;
      expect(Object.keys(src).sort(), id).toEqual(['en', 'zh-Hans']);
      for (const [lang, rel] of Object.entries(src)) {
        expect(rel, `${id} ${lang}`).toMatch(new RegExp(`\\.${lang}\\.webp$`));
        expect(webpSize(path.join(PACK_DIR, rel)), `${id} ${lang}`).toEqual({ width: W, height: H });
      }
      expect(webpSize(path.join(PACK_DIR, media.thumbnail!)), `${id} thumbnail`).toEqual({
        width: THUMB_W,
        height: THUMB_H,
      });
      expect(src['en']).not.toBe(src['zh-Hans']);
      expect(readFileSync(path.join(PACK_DIR, src['en']!))).not.toEqual(
        readFileSync(path.join(PACK_DIR, src['zh-Hans']!)),
      );
      const spec = specs.find((s) => s.id === id)!;
      expect(media.alt, id).toEqual(spec.alt);
      expect(media.alt?.['zh-Hans']).toMatch(/[\u4e00-\u9fff]/);
      expect(media.alt?.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('was drawn from the current data, code and fonts (else run npm run artwork)', () => {
    const stamp = readFileSync(path.join(ROOT, 'assets/packs/default-artwork.sha256'), 'utf8').trim();
    expect(stamp).toBe(inputsHash(data));
  });

  it('redraws a picture byte for byte', () => {
    for (const [name, lang] of [
      ['e2020-red-map', 'en'],
      ['hefei-htz', 'zh-Hans'],
      ['hefei-htz', null],
    ] as const) {
      const spec = specs.find((s) => s.name === name)!;
      const media = data.manifest.media[spec.id]!;
      const file = lang === null ? media.thumbnail! : (media.src as Record<string, string>)[lang]!;
      expect(Buffer.compare(drawPicture(spec, lang), readFileSync(path.join(PACK_DIR, file))), file).toBe(0);
    }
  }, 60_000);

  it('has no two pictures alike: thumbnails differ by at least 4 grey levels on average', () => {
    const thumbs = images.map(([id, m]) => ({ id, pixels: grey(path.join(PACK_DIR, m.thumbnail!)) }));
    const diffs: Array<{ a: string; b: string; d: number }> = [];
    for (let i = 0; i < thumbs.length; i++) {
      for (let j = i + 1; j < thumbs.length; j++) {
        const x = thumbs[i]!.pixels;
        const y = thumbs[j]!.pixels;
        let sum = 0;
        for (let k = 0; k < x.length; k++) sum += Math.abs(x[k]! - y[k]!);
        diffs.push({ a: thumbs[i]!.id, b: thumbs[j]!.id, d: sum / x.length });
      }
    }
    diffs.sort((p, q) => p.d - q.d);
    const median = diffs[Math.floor(diffs.length / 2)]!.d;
    console.info(
      `artwork: ${thumbs.length} thumbnails, median difference ${median.toFixed(1)}/255, closest pair ${diffs[0]!.a} ~ ${diffs[0]!.b} at ${diffs[0]!.d.toFixed(1)}`,
    );
    expect(diffs.filter((p) => p.d < 4)).toEqual([]);
    expect(median).toBeGreaterThan(12);
  });

  it('has no picture file that nothing uses', () => {
    const used = new Set(
      images.flatMap(([, m]) => [...Object.values(m.src as Record<string, string>), m.thumbnail]),
    );
    const onDisk = ['places', 'events'].flatMap((dir) =>
      readdirSync(path.join(PACK_DIR, 'media', dir)).map((f) => `media/${dir}/${f}`),
    );
    expect(onDisk.filter((f) => !used.has(f))).toEqual([]);
    expect(used.size).toBe(images.length * 3);
  });
});
