import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPack, withFilesIndex } from '../../../../electron/node/pack/build';
import { parseManifest } from '../../../../electron/node/pack/manifest';
import {
  generateKeyPair,
  loadPrivateKey,
  verifyPackSignature,
} from '../../../../electron/node/pack/signature';
import { openPackSource } from '../../../../electron/node/pack/source';
import { verifyPackFiles } from '../../../../electron/node/pack/files-index';
import { indexOf, richFiles, richManifest, tempDir, writePackFolder } from '../../shared/manifest-fixture';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function dir(): Promise<string> {
  const d = await tempDir();
  dirs.push(d);
  return d;
}

/** An author's folder: pack.json without "files". */
async function authorFolder(mutate: (m: Record<string, unknown>) => void = () => undefined): Promise<string> {
  const d = await dir();
  const m = richManifest() as Record<string, unknown>;
  delete m['files'];
  mutate(m);
  await writePackFolder(d, m, richFiles());
  return d;
}

function key() {
  const pair = generateKeyPair();
  const k = loadPrivateKey(pair.privateKeyPem);
  if (!k.ok) throw new Error('key');
  return { pair, key: k.value, trusted: [{ id: pair.keyId, publicKeyPem: pair.publicKeyPem }] };
}

describe('buildPack', () => {
  it('computes the files index into the output, never into the source', async () => {
    const src = await authorFolder();
    const before = await readFile(join(src, 'pack.json'));
    const out = join(await dir(), 'built');
    const r = await buildPack({ sourceDir: src, outDir: out });
    expect(r.ok, JSON.stringify(!r.ok && r.problems)).toBe(true);
    expect(await readFile(join(src, 'pack.json'))).toEqual(before);
    const built = parseManifest(await readFile(join(out, 'pack.json')));
    expect(built.ok && built.manifest.files).toEqual(indexOf(richFiles()));
    expect((await readdir(out)).sort()).toEqual(['captions', 'fonts', 'map', 'media', 'pack.json']);
  });

  it('writes a signed, deterministic .hallpack that the pack source reads back', async () => {
    const src = await authorFolder();
    const { key: k, trusted, pair } = key();
    const outA = join(await dir(), 'a.hallpack');
    const outB = join(await dir(), 'b.hallpack');
    const a = await buildPack({ sourceDir: src, outFile: outA, privateKey: k });
    expect(a.ok && a.keyId).toBe(pair.keyId);
    await buildPack({ sourceDir: src, outFile: outB, privateKey: k });
    expect(await readFile(outA)).toEqual(await readFile(outB));

    const source = await openPackSource(outA);
    try {
      const manifestBytes = await source.readFile('pack.json');
      expect(verifyPackSignature(manifestBytes, await source.readFile('pack.sig'), trusted).ok).toBe(true);
      const m = parseManifest(manifestBytes);
      expect(m.ok).toBe(true);
      if (m.ok) expect(await verifyPackFiles(source, m.manifest.files)).toEqual([]);
      expect(source.entries.map((e) => e.path)).toEqual([
        'captions/narration.en.vtt',
        'captions/narration.zh-Hans.vtt',
        'fonts/rare.woff2',
        'map/height.png',
        'map/regions.geojson',
        'media/cover.png',
        'media/narration.en.ogg',
        'media/narration.zh-Hans.ogg',
        'pack.json',
        'pack.sig',
      ]);
    } finally {
      await source.close();
    }
  });

  it('stores compressed media and deflates text in the zip', async () => {
    const src = await authorFolder();
    const out = join(await dir(), 'x.hallpack');
    await buildPack({ sourceDir: src, outFile: out });
    const zip = await readFile(out);
    // Local file headers: signature, version, flags, method (0 = stored, 8 = deflate), …, name.
    const methods = new Map<string, number>();
    for (let i = zip.indexOf('PK\x03\x04'); i !== -1; i = zip.indexOf('PK\x03\x04', i + 4)) {
      const method = zip.readUInt16LE(i + 8);
      const nameLength = zip.readUInt16LE(i + 26);
      methods.set(zip.subarray(i + 30, i + 30 + nameLength).toString(), method);
    }
    expect(methods.get('media/cover.png')).toBe(0);
    expect(methods.get('media/narration.en.ogg')).toBe(0);
    expect(methods.get('pack.json')).toBe(8);
    expect(methods.get('map/regions.geojson')).toBe(8);
  });

  it('writes nothing when the manifest has errors', async () => {
    const src = await authorFolder((m) => ((m['places'] as { category: string }[])[0]!.category = 'none'));
    const outDir = await dir();
    const r = await buildPack({
      sourceDir: src,
      outFile: join(outDir, 'x.hallpack'),
      outDir: join(outDir, 'd'),
    });
    expect(r.ok || r.problems.map((p) => p.code)).toEqual(['ref.category-missing']);
    expect(await readdir(outDir)).toEqual([]);
  });

  it('writes nothing when a referenced file is absent', async () => {
    const src = await authorFolder();
    await rm(join(src, 'media', 'cover.png'));
    const out = join(await dir(), 'x.hallpack');
    const r = await buildPack({ sourceDir: src, outFile: out });
    expect(r.ok || [...new Set(r.problems.map((p) => p.code))]).toEqual(['ref.file-not-indexed']);
    await expect(stat(out)).rejects.toThrow();
  });

  it('refuses forbidden and hidden files in the source', async () => {
    const src = await authorFolder();
    await writeFile(join(src, 'media', 'evil.js'), 'alert(1)');
    await writeFile(join(src, '.env'), 'x');
    const r = await buildPack({ sourceDir: src, outFile: join(await dir(), 'x.hallpack') });
    expect(r.ok || r.problems.map((p) => p.code).sort()).toEqual(['content.forbidden-type', 'files.hidden']);
  });

  it('reports JSON errors and a missing pack.json', async () => {
    const src = await dir();
    const r = await buildPack({ sourceDir: src, outDir: join(await dir(), 'o') });
    expect(r.ok || r.problems[0]?.code).toBe('manifest.missing');
    await writeFile(join(src, 'pack.json'), '{"format": "hallpack/1",}');
    const j = await buildPack({ sourceDir: src, outDir: join(await dir(), 'o') });
    expect(j.ok || j.problems[0]?.code).toBe('manifest.json-invalid');
  });

  it('fails on warnings when asked, and runs a preflight', async () => {
    const src = await authorFolder((m) => delete (m['title'] as Record<string, string>)['en']);
    const out = join(await dir(), 'x.hallpack');
    const strict = await buildPack({ sourceDir: src, outFile: out, failOnWarnings: true });
    expect(strict.ok || strict.problems.map((p) => p.code)).toEqual(['lang.missing-translation']);
    await expect(stat(out)).rejects.toThrow();
    const read: string[] = [];
    const loose = await buildPack({
      sourceDir: src,
      outFile: out,
      preflight: async (m, readFile) => {
        read.push(String((await readFile('map/regions.geojson')).byteLength));
        await expect(readFile('../outside.txt')).rejects.toThrow();
        return m.places.length === 2 ? [] : [];
      },
    });
    expect(loose.ok).toBe(true);
    expect(read).toEqual(['42']);
  });

  it('rewrites the source only with inPlace, and removes a stale signature', async () => {
    const src = await authorFolder();
    await writeFile(join(src, 'pack.sig'), 'stale');
    const r = await buildPack({ sourceDir: src, inPlace: true });
    expect(r.ok).toBe(true);
    const m = parseManifest(await readFile(join(src, 'pack.json')));
    expect(m.ok && Object.keys(m.manifest.files).length).toBe(8);
    await expect(stat(join(src, 'pack.sig'))).rejects.toThrow();
    const { key: k, trusted } = key();
    await buildPack({ sourceDir: src, inPlace: true, privateKey: k });
    const sig = await readFile(join(src, 'pack.sig'));
    expect(verifyPackSignature(await readFile(join(src, 'pack.json')), sig, trusted).ok).toBe(true);
  });

  it('replaces a previous built folder but not an unrelated one', async () => {
    const src = await authorFolder();
    const out = join(await dir(), 'built');
    expect((await buildPack({ sourceDir: src, outDir: out })).ok).toBe(true);
    expect((await buildPack({ sourceDir: src, outDir: out })).ok).toBe(true);
    const unrelated = await dir();
    await writeFile(join(unrelated, 'notes.txt'), 'keep me');
    const r = await buildPack({ sourceDir: src, outDir: unrelated });
    expect(r.ok).toBe(false);
    expect(await readFile(join(unrelated, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});

describe('withFilesIndex', () => {
  it('keeps the author key order and replaces or appends files', () => {
    const files = { 'a.png': { size: 1, sha256: '0'.repeat(64) } };
    const text = (o: Record<string, unknown>) => new TextDecoder().decode(withFilesIndex(o, files));
    expect(Object.keys(JSON.parse(text({ b: 1, files: {}, a: 2 })) as object)).toEqual(['b', 'files', 'a']);
    expect(Object.keys(JSON.parse(text({ b: 1 })) as object)).toEqual(['b', 'files']);
    expect(text({})).toMatch(/\n$/);
  });
});
