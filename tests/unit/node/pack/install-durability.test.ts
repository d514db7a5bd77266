/**
 * The install's fsyncs run behind the copy (store.ts, createSyncBehind), never skipped: every
 * copied file is fsynced and closed, and every folder synced, before the staging folder is renamed
 * into place — for a pack with more files than may wait open for their fsync, too. Each file's
 * fsync starts as soon as it is copied, before the next file is opened, so the disk writes it back
 * while the rest is copied (deferred to the end, it doubled a 1 GiB install).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyFsOps, nodeFsOps } from '../../../../electron/node/fs/fs-ops';
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

describe('install durability', () => {
  it.each([3, 150])('fsyncs and closes each of %i files before publishing', async (count) => {
    const files = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`media/f${String(i).padStart(3, '0')}.png`, `file ${i}`]),
    );
    const src = await writePackFolder(join(work, `src-${count}`), { key, version: '1.0.0', files });
    const { ops, steps } = faultyFsOps(nodeFsOps, null);
    const store = createPackStore({
      dataDir: join(work, `data-${count}`),
      trustedKeys: [key.trusted],
      allowUnsigned: false,
      fsOps: ops,
    });
    expect((await store.install(src.dir)).ok).toBe(true);
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

  it("starts each file's fsync before the next file is opened", async () => {
    const files = { 'media/a.png': 'a'.repeat(3000), 'media/b.png': 'b', 'media/c.png': 'c' };
    const src = await writePackFolder(join(work, 'src-behind'), { key, version: '1.0.0', files });
    const { ops, steps } = faultyFsOps(nodeFsOps, null);
    const store = createPackStore({
      dataDir: join(work, 'data-behind'),
      trustedKeys: [key.trusted],
      allowUnsigned: false,
      fsOps: ops,
    });
    expect((await store.install(src.dir)).ok).toBe(true);
    const at = (op: string, name: string) => steps.findIndex((s) => s.op === op && s.path.endsWith(name));
    expect(at('fsync', 'a.png')).toBeGreaterThan(at('write', 'a.png'));
    expect(at('fsync', 'a.png')).toBeLessThan(at('open', 'b.png'));
    expect(at('fsync', 'b.png')).toBeLessThan(at('open', 'c.png'));
  });
});
