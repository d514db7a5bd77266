/**
 * A folder source copied by the kernel (Linux: `/proc/self/fd/N` of the file the store opened,
 * `FsOps.copyToNew`): the copy is made like any new file of the store (exclusive, 0644, never
 * through a planted link), a file is copied from the very file that was opened, and a file whose
 * size has changed since the inspection is refused before anything of it is copied.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyFsOps, nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import { kernelPathsAvailable, openPackSource } from '../../../../electron/node/pack/source';
import { createPackStore } from '../../../../electron/node/pack/store';
import { fastTmpRoot, listTree, makeKey, writePackFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

let work = '';
let key: TestKey;
beforeAll(async () => {
  work = await mkdtemp(join(fastTmpRoot(), 'hall-kernel-copy-'));
  key = makeKey();
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const linux = process.platform === 'linux';

describe('FsOps.copyToNew (the real file system)', () => {
  const copyToNew = nodeFsOps.copyToNew!;

  it("copies the bytes into a new file with the store's mode, not the source's", async () => {
    const dir = await mkdtemp(join(work, 'copy-'));
    const bytes = randomBytes(300_000);
    writeFileSync(join(dir, 'from'), bytes);
    chmodSync(join(dir, 'from'), 0o777); // as a FAT stick shows its files
    const handle = await copyToNew(join(dir, 'from'), join(dir, 'to'));
    await handle.sync();
    await handle.close();
    expect((await readFile(join(dir, 'to'))).equals(bytes)).toBe(true);
    expect((await stat(join(dir, 'to'))).mode & 0o777).toBe(0o644 & ~process.umask());
  });

  it('never replaces an existing file, nor follows a link planted at the name', async () => {
    const dir = await mkdtemp(join(work, 'copy-'));
    writeFileSync(join(dir, 'from'), 'new bytes');
    writeFileSync(join(dir, 'there'), 'kept');
    await expect(copyToNew(join(dir, 'from'), join(dir, 'there'))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(join(dir, 'there'), 'utf8')).toBe('kept');
    writeFileSync(join(dir, 'victim'), 'untouched');
    symlinkSync(join(dir, 'victim'), join(dir, 'link'));
    await expect(copyToNew(join(dir, 'from'), join(dir, 'link'))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(join(dir, 'victim'), 'utf8')).toBe('untouched');
  });
});

describe.runIf(linux)('a folder source read by the kernel', () => {
  it('offers kernel paths on Linux', () => {
    expect(kernelPathsAvailable()).toBe(true);
  });

  it('names the file that was opened, even once another file takes its name', async () => {
    const pack = await writePackFolder(join(work, 'src-renamed'), {
      key,
      version: '1.0.0',
      files: { 'media/a.bin': 'the signed bytes' },
    });
    const source = await openPackSource(pack.dir);
    try {
      const reader = await source.openReader!('media/a.bin');
      try {
        const file = join(pack.dir, 'media/a.bin');
        writeFileSync(`${file}.new`, 'other bytes, other size');
        renameSync(`${file}.new`, file);
        const from = await reader.kernelSource!();
        expect(from.size).toBe('the signed bytes'.length);
        expect(await readFile(from.path, 'utf8')).toBe('the signed bytes');
      } finally {
        await reader.close();
      }
    } finally {
      await source.close();
    }
  });

  it('refuses a file whose size changed since the inspection before copying any of it', async () => {
    const pack = await writePackFolder(join(work, 'src-grown-early'), {
      key,
      version: '1.0.0',
      files: { 'media/a.bin': 'first', 'media/b.bin': randomBytes(64 * 1024) },
    });
    let grown = false;
    const { ops, steps } = faultyFsOps(nodeFsOps, null);
    const watched = {
      ...ops,
      copyToNew: async (from: string, to: string, mode?: number) => {
        // The first file's copy: the second one grows before the store looks at it.
        if (!grown) {
          grown = true;
          appendFileSync(join(pack.dir, 'media/b.bin'), 'more');
        }
        return ops.copyToNew!(from, to, mode);
      },
    };
    const dataDir = join(work, 'data-grown-early');
    await mkdir(dataDir);
    const store = createPackStore({
      dataDir,
      trustedKeys: [key.trusted],
      allowUnsigned: false,
      fsOps: watched,
    });
    const result = await store.install(pack.dir);
    expect(grown).toBe(true);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.code, p.file])).toEqual([['files.size-mismatch', 'media/b.bin']]);
    expect(steps.filter((s) => s.op === 'copy').map((s) => s.path.slice(s.path.indexOf('media')))).toEqual([
      join('media', 'a.bin'),
    ]);
    const tree = await listTree(dataDir);
    expect(tree.filter((p) => /^(packs|staging)\/./.test(p))).toEqual([]);
  });

  it("installs a stick's 0777 files as 0644, byte for byte", async () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 17);
    const pack = await writePackFolder(join(work, 'src-modes'), {
      key,
      version: '1.0.0',
      files: { 'media/big.bin': bytes, 'media/deep/small.txt': 'small' },
    });
    chmodSync(join(pack.dir, 'media/big.bin'), 0o777);
    const { ops, steps } = faultyFsOps(nodeFsOps, null);
    const dataDir = join(work, 'data-modes');
    const store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false, fsOps: ops });
    const result = await store.install(pack.dir);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(steps.filter((s) => s.op === 'write' && s.path.includes('media'))).toEqual([]);
    const installed = join(dataDir, 'packs', result.ref, 'media/big.bin');
    expect((await readFile(installed)).equals(bytes)).toBe(true);
    expect((await stat(installed)).mode & 0o777).toBe(0o644 & ~process.umask());
    expect((await store.verifyFull(result.ref)).ok).toBe(true);
  });
});
