/**
 * A file on the USB stick that changes while the store copies it: the bytes that end up installed
 * are exactly the bytes that were hashed and checked against the signed manifest, so a change
 * between the hash and the copy can never be installed unverified. Changed in place, truncated or
 * grown, the install is refused and leaves nothing behind; replaced by another file under the
 * same name, the install keeps reading the file it opened and installs the signed bytes.
 *
 * The change is made at a known moment, from the store's own first write of the file (an
 * instrumented FsOps hook), when the copy has read at most its first blocks: the change lies
 * well past them, so every run sees it (no timing). A kernel copy (Linux) is one step: the change
 * comes just before it, after the file was opened and its size checked, and the copy's own bytes
 * are what is hashed. Both ways of copying are tried.
 */
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  openSync,
  closeSync,
  renameSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentFsOps } from '../../../../electron/node/fs/fs-ops';
import type { FsOps } from '../../../../electron/node/fs/fs-ops';
import { createPackStore } from '../../../../electron/node/pack/store';
import { FOLDER_COPY_PATHS, fastTmpRoot, listTree, makeKey, writePackFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

const MiB = 1024 * 1024;
/** Big enough that its end is read long after the first write (blocks of up to 4 MiB). */
const SIZE = 16 * MiB;
/** Where the change goes: past anything read before the first write. */
const CHANGED_AT = 12 * MiB;
const BIG = 'media/big.bin';

let work = '';
let key: TestKey;
let original: Buffer;
let runs = 0;
beforeAll(async () => {
  work = await mkdtemp(join(fastTmpRoot(), 'hall-source-changes-'));
  key = makeKey();
  original = randomBytes(SIZE);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Installs a fresh copy of the pack through `base`, running `change(sourceFile)` at the store's first write (or copy) of BIG. */
async function installWhileChanging(base: FsOps, change: (file: string) => void) {
  runs += 1;
  const src = await writePackFolder(join(work, `src-${runs}`), {
    key,
    version: '1.0.0',
    files: { [BIG]: original, 'media/small.png': 'small' },
  });
  const sourceFile = join(src.dir, BIG);
  let changed = false;
  const ops = instrumentFsOps(base, (op, path) => {
    if ((op === 'write' || op === 'copy') && path.endsWith(join('media', 'big.bin')) && !changed) {
      changed = true;
      change(sourceFile);
    }
  });
  const dataDir = join(work, `data-${runs}`);
  const store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false, fsOps: ops });
  const result = await store.install(src.dir);
  expect(changed).toBe(true);
  return { result, dataDir, store };
}

const overwrite = (file: string, at: number, bytes: Buffer) => {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
};

async function expectRefusedAndClean(
  run: Awaited<ReturnType<typeof installWhileChanging>>,
  code: string,
): Promise<void> {
  expect(run.result.ok).toBe(false);
  if (run.result.ok) return;
  expect(run.result.problems.map((p) => [p.code, p.file])).toEqual([[code, BIG]]);
  const tree = await listTree(run.dataDir);
  expect(tree.filter((p) => p.startsWith('packs/') && p !== 'packs/')).toEqual([]);
  expect(tree.filter((p) => p.startsWith('staging/') && p !== 'staging/')).toEqual([]);
  expect(tree).not.toContain('accepted.json');
  expect(await run.store.list()).toEqual([]);
}

describe.each(FOLDER_COPY_PATHS)(
  'a pack file that changes on the stick during the install, copied %s',
  (_, base) => {
    it('changed in place (same size): refused by its hash, nothing installed', async () => {
      const run = await installWhileChanging(base, (file) =>
        overwrite(file, CHANGED_AT, Buffer.from('tampered')),
      );
      await expectRefusedAndClean(run, 'files.hash-mismatch');
    });

    it('truncated: refused by its size, nothing installed', async () => {
      const run = await installWhileChanging(base, (file) => truncateSync(file, CHANGED_AT));
      await expectRefusedAndClean(run, 'files.size-mismatch');
    });

    it('grown: refused by its size, nothing installed', async () => {
      const run = await installWhileChanging(base, (file) => appendFileSync(file, 'more'));
      await expectRefusedAndClean(run, 'files.size-mismatch');
    });

    it('replaced by another file under its name: the opened (signed) bytes are installed', async () => {
      const run = await installWhileChanging(base, (file) => {
        const other = Buffer.from(original);
        other.write('replaced', CHANGED_AT);
        writeFileSync(`${file}.new`, other);
        renameSync(`${file}.new`, file);
      });
      if (!run.result.ok) throw new Error(JSON.stringify(run.result.problems));
      const installed = await readFile(join(run.dataDir, 'packs', 'test-pack@1.0.0', BIG));
      expect(installed.equals(original)).toBe(true);
      expect((await run.store.verifyFull('test-pack@1.0.0')).ok).toBe(true);
    });
  },
);
