/**
 * The install's fsyncs run behind the copy (store.ts, createSyncBehind), never skipped: every
 * copied file is fsynced and closed, and every folder synced, before the staging folder is renamed
 * into place — for a pack with more files than may wait open for their fsync, too. Each file's
 * fsync starts as soon as it is copied, while the rest is copied, so the disk writes it back
 * meanwhile (deferred to the end, it doubled a 1 GiB install). A folder's files are copied two
 * at a time (store.ts, copyFolderFiles). A file is written either by the kernel (one `copy`
 * step, Linux) or through the store's buffers (`open`, then `write`s): both ways are tried.
 */
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyFsOps, instrumentFsOps, makeErrnoError } from '../../../../electron/node/fs/fs-ops';
import type { FsOps } from '../../../../electron/node/fs/fs-ops';
import { createPackStore } from '../../../../electron/node/pack/store';
import { FOLDER_COPY_PATHS, fastTmpRoot, makeKey, writePackFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

let work = '';
let key: TestKey;
beforeAll(async () => {
  work = await mkdtemp(join(fastTmpRoot(), 'hall-durability-'));
  key = makeKey();
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

type Step = { op: string; path: string };

let packs = 0;
/** Installs a pack of `files` through `ops`, by default a recorder of every step of `base`. */
async function installPack(
  base: FsOps,
  files: Record<string, string | Buffer>,
  ops?: ReturnType<typeof instrumentFsOps>,
): Promise<{ ok: boolean; steps: Step[] }> {
  packs += 1;
  const name = String(packs);
  const src = await writePackFolder(join(work, `src-${name}`), { key, version: '1.0.0', files });
  const recorded = faultyFsOps(base, null);
  const store = createPackStore({
    dataDir: join(work, `data-${name}`),
    trustedKeys: [key.trusted],
    allowUnsigned: false,
    fsOps: ops ?? recorded.ops,
  });
  const result = await store.install(src.dir);
  return { ok: result.ok, steps: recorded.steps };
}

/** A step that puts a file's bytes in place: a write of it, or its copy by the kernel. */
const writes = (s: Step) => s.op === 'write' || s.op === 'copy';
/** A step that starts a file: its open, or its copy by the kernel. */
const starts = (s: Step) => s.op === 'open' || s.op === 'copy';

/** Index of the last write of `name` in `steps`. */
const lastWrite = (steps: Step[], name: string): number =>
  steps.findLastIndex((s) => writes(s) && s.path.endsWith(name));

describe.each(FOLDER_COPY_PATHS)('install durability, copied %s', (_, base) => {
  it.each([3, 150])('fsyncs and closes each of %i files before publishing', async (count) => {
    const files = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`media/f${String(i).padStart(3, '0')}.png`, `file ${i}`]),
    );
    const { ok, steps } = await installPack(base, files);
    expect(ok).toBe(true);
    const publish = steps.findIndex(
      (s) => s.op === 'rename' && s.path.endsWith(join('packs', 'test-pack@1.0.0')),
    );
    expect(publish).toBeGreaterThan(0);
    const before = steps.slice(0, publish);
    for (const name of Object.keys(files)) {
      const at = (op: string) => before.findIndex((s) => s.op === op && s.path.endsWith(name));
      const written = lastWrite(before, name);
      expect(written, name).toBeGreaterThanOrEqual(0);
      expect(at('fsync'), name).toBeGreaterThan(written);
      expect(at('close'), name).toBeGreaterThan(at('fsync'));
    }
    expect(before.filter((s) => s.op === 'fsyncDir' && s.path.endsWith('media'))).toHaveLength(1);
  });

  it('starts the fsyncs while the later files are still to be copied', async () => {
    const files = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [`media/${n}.png`, n.repeat(3000)]),
    );
    const { ok, steps } = await installPack(base, files);
    expect(ok).toBe(true);
    const at = (op: string, name: string) => steps.findIndex((s) => s.op === op && s.path.endsWith(name));
    const firstFsync = steps.findIndex((s) => s.op === 'fsync' && s.path.includes('media'));
    expect(firstFsync).toBeGreaterThan(0);
    expect(firstFsync).toBeLessThan(steps.findIndex((s) => starts(s) && s.path.endsWith('f.png')));
    for (const name of ['a.png', 'b.png']) expect(at('fsync', name)).toBeGreaterThan(lastWrite(steps, name));
  });

  it("copies a folder's files two at a time", async () => {
    // Two blocks each (blocks of 4 MiB): the second file is opened before the first is written.
    const big = (fill: number) => Buffer.alloc(6 * 1024 * 1024, fill);
    const files = { 'media/a.bin': big(1), 'media/b.bin': big(2), 'media/c.bin': big(3) };
    const { ok, steps } = await installPack(base, files);
    expect(ok).toBe(true);
    const start = (name: string) => steps.findIndex((s) => starts(s) && s.path.endsWith(name));
    const fsync = (name: string) => steps.findIndex((s) => s.op === 'fsync' && s.path.endsWith(name));
    // The second file is started before the first is done (written, or copied and hashed: its fsync).
    expect(start('b.bin')).toBeLessThan(base.copyFile ? fsync('a.bin') : lastWrite(steps, 'a.bin'));
    // Never three: the third file waits for one of the first two.
    const doneFirst = base.copyFile
      ? Math.min(fsync('a.bin'), fsync('b.bin'))
      : Math.min(lastWrite(steps, 'a.bin'), lastWrite(steps, 'b.bin'));
    expect(start('c.bin')).toBeGreaterThan(doneFirst);
  });

  it.runIf(process.platform === 'linux')(
    'leaves no file open when a write fails while another file is being copied',
    async () => {
      // a.bin has four blocks: its copy is still going when b.bin's second write fails.
      const files = {
        'media/a.bin': Buffer.alloc(14 * 1024 * 1024, 1),
        'media/b.bin': Buffer.alloc(6 * 1024 * 1024, 2),
        'media/c.bin': Buffer.alloc(6 * 1024 * 1024, 3),
      };
      const openNow = () => readdirSync('/proc/self/fd').length;
      const before = openNow();
      // The second write of b.bin (its copy, by the kernel) fails: a.bin is being copied beside it.
      const failAt = base.copyFile ? 1 : 2;
      let writesOfB = 0;
      const ops = instrumentFsOps(base, (op, path) => {
        if ((op === 'write' || op === 'copy') && path.endsWith('b.bin') && ++writesOfB === failAt) {
          throw makeErrnoError('EIO', op, path);
        }
      });
      const { ok } = await installPack(base, files, ops);
      expect(ok).toBe(false);
      expect(writesOfB).toBe(failAt);
      expect(openNow()).toBe(before);
    },
  );
});

describe.each(FOLDER_COPY_PATHS)('an installed file, copied %s', (_, base) => {
  it.runIf(process.platform !== 'win32')(
    'takes none of the stick file’s mode bits: no set-id, no execute, not writable by others',
    async () => {
      const src = await writePackFolder(join(work, `src-mode-${++packs}`), {
        key,
        version: '1.0.0',
        files: { 'media/run.png': 'png', 'media/all.png': 'all' },
      });
      chmodSync(join(src.dir, 'media/run.png'), 0o6755);
      chmodSync(join(src.dir, 'media/all.png'), 0o777);
      const dataDir = join(work, `data-mode-${packs}`);
      const store = createPackStore({
        dataDir,
        trustedKeys: [key.trusted],
        allowUnsigned: false,
        fsOps: base,
      });
      const result = await store.install(src.dir);
      expect(result.ok).toBe(true);
      for (const name of ['run.png', 'all.png']) {
        const mode = statSync(join(dataDir, 'packs', 'test-pack@1.0.0', 'media', name)).mode & 0o7777;
        expect(mode & 0o7133, `${name}: ${mode.toString(8)}`).toBe(0);
        expect(mode & 0o400, name).toBe(0o400);
      }
    },
  );
});
