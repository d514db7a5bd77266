/**
 * The install's fsyncs run behind the copy (store.ts, createSyncBehind), never skipped: every
 * copied file is fsynced and closed, and every folder synced, before the staging folder is renamed
 * into place — for a pack with more files than may wait open for their fsync, too. Each file's
 * fsync starts as soon as it is copied, while the rest is copied, so the disk writes it back
 * meanwhile (deferred to the end, it doubled a 1 GiB install). A folder's files are copied two
 * at a time (store.ts, copyFolderFiles).
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyFsOps, instrumentFsOps, makeErrnoError, nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import { createPackStore } from '../../../../electron/node/pack/store';
import { fastTmpRoot, makeKey, writePackFolder } from './store-helpers';
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

/** Installs a pack of `files` (named `name`) through `ops`, by default a recorder of every step. */
async function installPack(
  name: string,
  files: Record<string, string | Buffer>,
  ops?: ReturnType<typeof instrumentFsOps>,
): Promise<{ ok: boolean; steps: Step[] }> {
  const src = await writePackFolder(join(work, `src-${name}`), { key, version: '1.0.0', files });
  const recorded = faultyFsOps(nodeFsOps, null);
  const store = createPackStore({
    dataDir: join(work, `data-${name}`),
    trustedKeys: [key.trusted],
    allowUnsigned: false,
    fsOps: ops ?? recorded.ops,
  });
  const result = await store.install(src.dir);
  return { ok: result.ok, steps: recorded.steps };
}

/** Index of the last write of `name` in `steps`. */
const lastWrite = (steps: Step[], name: string): number =>
  steps.findLastIndex((s) => s.op === 'write' && s.path.endsWith(name));

describe('install durability', () => {
  it.each([3, 150])('fsyncs and closes each of %i files before publishing', async (count) => {
    const files = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`media/f${String(i).padStart(3, '0')}.png`, `file ${i}`]),
    );
    const { ok, steps } = await installPack(`count-${count}`, files);
    expect(ok).toBe(true);
    const publish = steps.findIndex(
      (s) => s.op === 'rename' && s.path.endsWith(join('packs', 'test-pack@1.0.0')),
    );
    expect(publish).toBeGreaterThan(0);
    const before = steps.slice(0, publish);
    for (const name of Object.keys(files)) {
      const at = (op: string) => before.findIndex((s) => s.op === op && s.path.endsWith(name));
      expect(at('write'), name).toBeGreaterThanOrEqual(0);
      expect(at('fsync'), name).toBeGreaterThan(at('write'));
      expect(at('close'), name).toBeGreaterThan(at('fsync'));
    }
    expect(before.filter((s) => s.op === 'fsyncDir' && s.path.endsWith('media'))).toHaveLength(1);
  });

  it('starts the fsyncs while the later files are still to be copied', async () => {
    const files = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [`media/${n}.png`, n.repeat(3000)]),
    );
    const { ok, steps } = await installPack('behind', files);
    expect(ok).toBe(true);
    const at = (op: string, name: string) => steps.findIndex((s) => s.op === op && s.path.endsWith(name));
    const firstFsync = steps.findIndex((s) => s.op === 'fsync' && s.path.includes('media'));
    expect(firstFsync).toBeGreaterThan(0);
    expect(firstFsync).toBeLessThan(at('open', 'f.png'));
    for (const name of ['a.png', 'b.png']) expect(at('fsync', name)).toBeGreaterThan(at('write', name));
  });

  it("copies a folder's files two at a time", async () => {
    // Two blocks each (blocks of 4 MiB): the second file is opened before the first is written.
    const big = (fill: number) => Buffer.alloc(6 * 1024 * 1024, fill);
    const files = { 'media/a.bin': big(1), 'media/b.bin': big(2), 'media/c.bin': big(3) };
    const { ok, steps } = await installPack('lanes', files);
    expect(ok).toBe(true);
    const open = (name: string) => steps.findIndex((s) => s.op === 'open' && s.path.endsWith(name));
    expect(open('b.bin')).toBeLessThan(lastWrite(steps, 'a.bin'));
    // Never three: the third file waits for one of the first two.
    const doneFirst = Math.min(lastWrite(steps, 'a.bin'), lastWrite(steps, 'b.bin'));
    const openOfC = open('c.bin');
    expect(openOfC).toBeGreaterThan(doneFirst);
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
      // The second write of b.bin fails: a.bin is being copied beside it.
      let writesOfB = 0;
      const ops = instrumentFsOps(nodeFsOps, (op, path) => {
        if (op === 'write' && path.endsWith('b.bin') && ++writesOfB === 2) {
          throw makeErrnoError('EIO', op, path);
        }
      });
      const { ok } = await installPack('leak', files, ops);
      expect(ok).toBe(false);
      expect(writesOfB).toBe(2);
      expect(openNow()).toBe(before);
    },
  );
});
