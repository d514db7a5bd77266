import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPackSource, PackProblemError, tryOpenPackSource } from '../../../../electron/node/pack/source';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hall-source-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(rel: string, data: string | Buffer = 'x'): Promise<void> {
  const full = join(root, rel);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, data);
}

async function codes(path: string, limits = {}): Promise<string[]> {
  const result = await tryOpenPackSource(path, limits);
  if (result.ok) {
    await result.source.close();
    return [];
  }
  return result.problems.map((p) => p.code);
}

describe('folder sources', () => {
  it('lists regular files recursively with sizes and reads them', async () => {
    await put('pack.json', '{}');
    await put('media/a.png', 'aaaa');
    await put('media/deep/b.webm', 'bb');
    await mkdir(join(root, 'empty'));
    const source = await openPackSource(root);
    expect(source.kind).toBe('folder');
    expect(source.entries).toEqual([
      { path: 'media/a.png', size: 4 },
      { path: 'media/deep/b.webm', size: 2 },
      { path: 'pack.json', size: 2 },
    ]);
    expect((await source.readFile('media/a.png')).toString()).toBe('aaaa');
    const chunks: Buffer[] = [];
    for await (const c of source.openStream('media/deep/b.webm')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('bb');
    await expect(source.readFile('missing.png')).rejects.toBeInstanceOf(PackProblemError);
    await expect(source.readFile('media/a.png', 2)).rejects.toMatchObject({
      problems: [{ code: 'archive.too-large' }],
    });
    await source.close();
  });

  it('refuses a symlink to a file outside', async () => {
    await put('pack.json', '{}');
    await mkdir(join(root, 'media'));
    await symlink('/etc/passwd', join(root, 'media/a.png'));
    expect(await codes(root)).toEqual(['archive.symlink']);
  });

  it('refuses a symlinked folder without following it', async () => {
    await put('pack.json', '{}');
    await symlink('/etc', join(root, 'media'));
    expect(await codes(root)).toEqual(['archive.symlink']);
  });

  it('refuses a fifo', async () => {
    await put('pack.json', '{}');
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(await codes(root)).toEqual(['archive.symlink']);
  });

  it('refuses names that differ only by case (case-sensitive file systems)', async () => {
    await put('media/A.png');
    await put('media/a.png');
    expect(await codes(root)).toEqual(['archive.case-collision']);
  });

  it('refuses a backslash and control characters in names', async () => {
    await put('media\\a.png');
    await put('b\u0007.png');
    expect((await codes(root)).sort()).toEqual(['archive.backslash', 'archive.invalid-name']);
  });

  it('refuses too many files, a file too large and too much in total', async () => {
    for (let i = 0; i < 12; i += 1) await put(`f${i}.txt`, 'x'.repeat(100));
    expect(await codes(root, { maxFiles: 10 })).toEqual(['archive.too-many-files']);
    expect(await codes(root, { maxEntryBytes: 50 })).toContain('archive.too-large');
    expect(await codes(root, { maxTotalBytes: 1000 })).toEqual(['archive.too-large']);
  });

  it('refuses over-long paths in bytes', async () => {
    await put(`media/${'长'.repeat(82)}.png`);
    expect(await codes(root)).toEqual(['archive.path-too-long']);
  });

  it('says when the source does not exist', async () => {
    expect(await codes(join(root, 'nope'))).toEqual(['source.not-found']);
    expect(await codes(join(root, 'nope.hallpack'))).toEqual(['source.not-found']);
  });

  it('opens a folder given through a symlink (a mount point, say)', async () => {
    await put('pack/pack.json', '{}');
    await symlink(join(root, 'pack'), join(root, 'link'));
    const source = await openPackSource(join(root, 'link'));
    expect(source.entries).toEqual([{ path: 'pack.json', size: 2 }]);
  });
});
