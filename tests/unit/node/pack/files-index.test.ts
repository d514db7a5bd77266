import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  hashStream,
  indexPackFolder,
  isIgnorableJunk,
  verifyPackFiles,
} from '../../../../electron/node/pack/files-index';
import { indexOf, richFiles, tempDir, writePackFolder } from '../../shared/manifest-fixture';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function folder(files = richFiles()): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  await writePackFolder(dir, undefined, files);
  return dir;
}
const codes = (r: Awaited<ReturnType<typeof indexPackFolder>>) => (r.ok ? [] : r.problems.map((p) => p.code));

describe('indexPackFolder', () => {
  it('computes sizes and SHA-256 sorted by path, skipping pack.json and pack.sig', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'pack.json'), '{}');
    await writeFile(join(dir, 'pack.sig'), '{}');
    const r = await indexPackFolder(dir);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.files).toEqual(indexOf(richFiles()));
    expect(Object.keys(r.files)).toEqual(Object.keys(r.files).sort());
    expect(r.totalBytes).toBe(Object.values(richFiles()).reduce((n, b) => n + b.byteLength, 0));
  });

  it('ignores operating-system clutter', async () => {
    const dir = await folder();
    await writeFile(join(dir, '.DS_Store'), 'x');
    await writeFile(join(dir, 'media', 'Thumbs.db'), 'x');
    await writeFile(join(dir, 'media', '._cover.png'), 'x');
    await mkdir(join(dir, '.Trashes'));
    const r = await indexPackFolder(dir);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.ignored.sort()).toEqual(['.DS_Store', '.Trashes', 'media/._cover.png', 'media/Thumbs.db']);
  });

  it('refuses other hidden files and folders', async () => {
    const dir = await folder();
    await writeFile(join(dir, '.env'), 'SECRET=1');
    await mkdir(join(dir, 'media', '.git'));
    const r = await indexPackFolder(dir);
    expect(codes(r)).toEqual(['files.hidden', 'files.hidden']);
  });

  it('refuses symlinks to files and folders', async () => {
    const dir = await folder();
    await symlink('/etc/passwd', join(dir, 'media', 'passwd.txt'));
    await symlink('/etc', join(dir, 'etc'));
    expect(codes(await indexPackFolder(dir)).sort()).toEqual(['files.symlink', 'files.symlink']);
  });

  it('refuses forbidden types and unsafe names', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'index.html'), '<script>');
    await writeFile(join(dir, 'media', 'logo.svg'), '<svg/>');
    await writeFile(join(dir, 'trailing.png.'), 'x');
    await writeFile(join(dir, 'a:b.png'), 'x');
    const r = await indexPackFolder(dir);
    expect(codes(r).sort()).toEqual([
      'content.forbidden-type',
      'content.forbidden-type',
      'files.unsafe-path',
      'files.unsafe-path',
    ]);
  });

  it('refuses names that differ only in case', async () => {
    const dir = await folder({ 'media/a.png': new Uint8Array([1]), 'media/A.png': new Uint8Array([2]) });
    expect(codes(await indexPackFolder(dir))).toEqual(['files.case-collision']);
  });

  it('reports a missing folder as a read error', async () => {
    expect(codes(await indexPackFolder('/nonexistent/hallpack'))).toEqual(['files.read-error']);
  });
});

describe('verifyPackFiles', () => {
  const source = (files: Record<string, Uint8Array>) => ({
    entries: Object.entries(files).map(([path, b]) => ({ path, size: b.byteLength })),
    openStream: (p: string) => Readable.from([Buffer.from(files[p] ?? new Uint8Array())]),
  });

  it('passes an intact pack', async () => {
    const files = richFiles();
    expect(await verifyPackFiles(source(files), indexOf(files))).toEqual([]);
  });

  it('reports missing, resized, modified and unlisted files', async () => {
    const files = richFiles();
    const index = indexOf(files);
    const changed = { ...files };
    delete changed['map/height.png'];
    changed['media/cover.png'] = new Uint8Array([...(files['media/cover.png'] ?? []), 0]);
    const vtt = Buffer.from(files['captions/narration.en.vtt'] ?? new Uint8Array());
    vtt[vtt.length - 2] = 0x21;
    changed['captions/narration.en.vtt'] = vtt;
    changed['extra.txt'] = new Uint8Array([1]);
    changed['pack.json'] = new Uint8Array([1]);
    changed['.DS_Store'] = new Uint8Array([1]);
    const problems = await verifyPackFiles(source(changed), index);
    expect(problems.map((p) => [p.file, p.code])).toEqual([
      ['captions/narration.en.vtt', 'files.hash-mismatch'],
      ['extra.txt', 'files.unlisted'],
      ['map/height.png', 'files.missing'],
      ['media/cover.png', 'files.size-mismatch'],
    ]);
    expect(problems.find((p) => p.code === 'files.unlisted')?.severity).toBe('warning');
  });

  it('checks sizes only when asked', async () => {
    const files = richFiles();
    const index = indexOf(files);
    const flipped = Buffer.from(files['media/cover.png'] ?? new Uint8Array());
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const s = source({ ...files, 'media/cover.png': flipped });
    expect(await verifyPackFiles(s, index, { sizesOnly: true })).toEqual([]);
    expect((await verifyPackFiles(s, index)).map((p) => p.code)).toEqual(['files.hash-mismatch']);
  });

  it('turns read errors into problems', async () => {
    const files = richFiles();
    const s = {
      ...source(files),
      openStream: () =>
        new Readable({
          read() {
            this.destroy(new Error('EIO: i/o error'));
          },
        }),
    };
    const problems = await verifyPackFiles(s, indexOf(files));
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['files.read-error']));
  });
});

describe('helpers', () => {
  it('hashes streams', async () => {
    const r = await hashStream(Readable.from([Buffer.from('ab'), Buffer.from('c')]));
    expect(r).toEqual({
      size: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });

  it('knows OS clutter', () => {
    expect(isIgnorableJunk('a/.DS_Store')).toBe(true);
    expect(isIgnorableJunk('._x.png')).toBe(true);
    expect(isIgnorableJunk('.Spotlight-V100/x')).toBe(true);
    expect(isIgnorableJunk('.env')).toBe(false);
    expect(isIgnorableJunk('media/a.png')).toBe(false);
  });
});
