/**
 * A copy that fails is told apart by what failed: a USB stick whose file cannot be read is
 * `source.unreadable` (copy the pack again, try another stick); a data disk that cannot be written
 * is `store.io-error` (have the disk checked). A kernel copy reports one error for both its read
 * and its write, so the store reads the source once more to tell. Both ways of copying are tried;
 * either way nothing is installed and staging is left empty.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { instrumentFsOps, makeErrnoError } from '../../../../electron/node/fs/fs-ops';
import type { FsOps } from '../../../../electron/node/fs/fs-ops';
import type * as Source from '../../../../electron/node/pack/source';
import type { PackSource } from '../../../../electron/node/pack/source';
import { createPackStore } from '../../../../electron/node/pack/store';
import { PackProblemError } from '../../../../electron/node/pack/store/problem-error';
import { problem } from '../../../../electron/shared/problems';
import { FOLDER_COPY_PATHS, fastTmpRoot, listTree, makeKey, writePackFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

/** Source files whose reads fail (EIO), as on a damaged stick. */
const damaged = vi.hoisted(() => new Set<string>());

vi.mock('../../../../electron/node/pack/source', async (importOriginal) => {
  const real = await importOriginal<typeof Source>();
  const withDamage = (source: PackSource): PackSource => {
    const openReader = source.openReader?.bind(source);
    if (openReader) {
      source.openReader = async (p: string) => {
        const reader = await openReader(p);
        if (!damaged.has(p)) return reader;
        // What the folder source's reader throws when the stick answers a read with EIO.
        const error = new PackProblemError([
          problem('source.unreadable', p, { path: p, detail: 'EIO: i/o error' }),
        ]);
        return {
          read: () => Promise.reject(error),
          size: () => reader.size(),
          kernelPath: reader.kernelPath,
          close: () => reader.close(),
        };
      };
    }
    return source;
  };
  return {
    ...real,
    openPackSource: async (...args: Parameters<typeof real.openPackSource>) =>
      withDamage(await real.openPackSource(...args)),
  };
});

const BIG = 'media/big.bin';
let work = '';
let key: TestKey;
let runs = 0;
beforeAll(async () => {
  work = await mkdtemp(join(fastTmpRoot(), 'hall-read-errors-'));
  key = makeKey();
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  damaged.clear();
});

/** Installs a two-file pack through `base`; the kernel copy of BIG fails with EIO when `copyFails`. */
async function install(base: FsOps, copyFails: boolean) {
  runs += 1;
  const src = await writePackFolder(join(work, `src-${runs}`), {
    key,
    version: '1.0.0',
    files: { [BIG]: Buffer.alloc(300_000, 9), 'media/small.png': 'small' },
  });
  const ops = instrumentFsOps(base, (op, path) => {
    if (copyFails && op === 'copy' && path.endsWith(join('media', 'big.bin')))
      throw makeErrnoError('EIO', op, path);
  });
  const dataDir = join(work, `data-${runs}`);
  const store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false, fsOps: ops });
  const result = await store.install(src.dir);
  const tree = await listTree(dataDir);
  return { result, tree };
}

describe.each(FOLDER_COPY_PATHS)('a failed copy, copied %s', (_, base) => {
  it('a stick that cannot be read: source.unreadable, nothing installed', async () => {
    damaged.add(BIG);
    try {
      // A kernel copy of an unreadable file fails as a whole; the buffered copy fails on its read.
      const { result, tree } = await install(base, base.copyFile !== undefined);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map((p) => [p.code, p.file])).toEqual([['source.unreadable', BIG]]);
      expect(tree.filter((p) => p.startsWith('packs/') && p !== 'packs/')).toEqual([]);
      expect(tree.filter((p) => p.startsWith('staging/') && p !== 'staging/')).toEqual([]);
    } finally {
      damaged.delete(BIG);
    }
  });

  it.runIf(base.copyFile !== undefined)(
    'a disk that cannot be written, the stick readable: store.io-error, nothing installed',
    async () => {
      const { result, tree } = await install(base, true);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map((p) => p.code)).toEqual(['store.io-error']);
      expect(tree.filter((p) => p.startsWith('packs/') && p !== 'packs/')).toEqual([]);
      expect(tree.filter((p) => p.startsWith('staging/') && p !== 'staging/')).toEqual([]);
    },
  );
});
