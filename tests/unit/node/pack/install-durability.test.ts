/**
 * The install's fsyncs are deferred and batched (store.ts, createSyncWindow), never skipped: every
 * copied file is fsynced and closed, and every folder synced, before the staging folder is renamed
 * into place — for a pack with more files than the batch holds open, too.
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
});
