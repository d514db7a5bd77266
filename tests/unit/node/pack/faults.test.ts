/**
 * Disk full (ENOSPC) and I/O errors (EIO) injected at every mutating step of install + activate,
 * and of commit: the failing call says so clearly, no partial files are left, the old pack stays
 * active and verifies, and a retry without the fault succeeds.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyFsOps, nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import type { FaultPlan } from '../../../../electron/node/fs/fs-ops';
import { createPackStore } from '../../../../electron/node/pack/store';
import type { PackStore } from '../../../../electron/node/pack/store';
import type { PackProblem } from '../../../../electron/shared/problems';
import { fastTmpRoot, listTree, makeKey, writePackFolder, zipFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

let work: string;
let key: TestKey;
let template: string;
let v2Folder: string;
let v2Archive: string;
const V1 = 'test-pack@1.0.0';
const V2 = 'test-pack@2.0.0';

const open = (dataDir: string, ops = nodeFsOps): PackStore =>
  createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false, fsOps: ops });

beforeAll(async () => {
  work = await mkdtemp(join(fastTmpRoot(), 'hall-faults-'));
  key = makeKey();
  template = join(work, 'template');
  const v1 = await writePackFolder(join(work, 'v1'), { key, version: '1.0.0' });
  const store = open(template);
  const installed = await store.install(v1.dir);
  if (!installed.ok) throw new Error('template install failed');
  await store.activate(installed.ref);
  await store.commit();
  v2Folder = (
    await writePackFolder(join(work, 'v2'), {
      key,
      version: '2.0.0',
      files: {
        // Two write blocks from an archive (one copy block from a folder: 4 MiB); random, so it does
        // not compress. Bigger, the loop over every step took three times as long.
        'media/a.png': randomBytes(1_100_000),
        'media/deep/b.webp': 'bee',
        'media/deep/er/c.vtt': 'WEBVTT\n',
      },
    })
  ).dir;
  v2Archive = await zipFolder(v2Folder, join(work, 'v2.hallpack'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let runCounter = 0;
async function freshDataDir(): Promise<string> {
  runCounter += 1;
  const dir = join(work, `run-${runCounter}`);
  await cp(template, dir, { recursive: true });
  return dir;
}

type Outcome = { failed: PackProblem[] | null; installed: boolean };

async function installAndActivate(store: PackStore, source: string): Promise<Outcome> {
  const installed = await store.install(source);
  if (!installed.ok) return { failed: installed.problems, installed: false };
  const activated = await store.activate(installed.ref);
  if (!activated.ok) return { failed: activated.problems, installed: true };
  return { failed: null, installed: true };
}

async function countSteps(source: string): Promise<{ op: string; path: string }[]> {
  const dataDir = await freshDataDir();
  const { ops, steps } = faultyFsOps(nodeFsOps, null);
  const outcome = await installAndActivate(open(dataDir, ops), source);
  expect(outcome.failed).toBeNull();
  return steps;
}

async function expectNoPartialFiles(dataDir: string): Promise<void> {
  const tree = await listTree(dataDir);
  expect(tree.filter((p) => /^(staging|trash)\/./.test(p))).toEqual([]);
  expect(tree.filter((p) => p.includes('.tmp-'))).toEqual([]);
  expect(tree).not.toContain('store.lock');
  const packs = tree.filter((p) => /^packs\/[^/]+\/$/.test(p));
  expect(packs.every((p) => p === `packs/${V1}/` || p === `packs/${V2}/`)).toBe(true);
}

for (const [label, sourceOf] of [
  ['folder', () => v2Folder],
  ['archive', () => v2Archive],
] as const) {
  describe(`faults at every step of install + activate (${label} source)`, () => {
    // The source kind does not change the write steps (reads are not faulted), so archives get
    // one variant and folders all three.
    for (const code of label === 'folder' ? (['ENOSPC', 'EIO'] as const) : (['EIO'] as const)) {
      for (const sticky of code === 'ENOSPC' ? [false, true] : [false]) {
        it(`${code}${sticky ? ' (disk stays full)' : ''}: old pack stays, nothing partial, clear problem`, async () => {
          const steps = await countSteps(sourceOf());
          expect(steps.length).toBeGreaterThan(30);
          let failures = 0;
          for (let at = 1; at <= steps.length; at += 1) {
            const dataDir = await freshDataDir();
            const plan: FaultPlan = { at, code, sticky };
            const { ops } = faultyFsOps(nodeFsOps, plan);
            const outcome = await installAndActivate(open(dataDir, ops), sourceOf());
            const step = `${at} ${steps[at - 1]!.op} ${steps[at - 1]!.path}`;

            if (outcome.failed === null) {
              // Only removing the lock or a backup link is best effort: start-up cleans both.
              expect(steps[at - 1], step).toMatchObject({ op: 'rm' });
              expect(steps[at - 1]!.path, step).toMatch(/store\.lock$|\.tmp-[0-9a-f]{12}$/);
            } else {
              failures += 1;
              const [first] = outcome.failed;
              expect(first?.code, step).toBe(code === 'ENOSPC' ? 'store.no-space' : 'store.io-error');
              expect(first?.message.en, step).toMatch(
                code === 'ENOSPC' ? /disk is full/ : /read or write failed/,
              );
              expect(first?.message['zh-Hans'], step).toMatch(/当前内容包继续显示/);
              // The old pack is still the one in active.json.
              const active = JSON.parse(await readFile(join(dataDir, 'active.json'), 'utf8')) as {
                current: string;
              };
              expect(active.current, step).toBe(V1);
            }

            // A fresh start: nothing partial, and the pack shown is whole.
            const fresh = open(dataDir);
            const boot = await fresh.selectAtBoot();
            expect(boot.pack?.ref, step).toBe(outcome.failed === null ? V2 : V1);
            expect((await fresh.verifyFull(boot.pack!.ref)).ok, step).toBe(true);
            await expectNoPartialFiles(dataDir);

            // And the same install goes through once the disk is healthy again.
            if (!sticky && outcome.failed !== null) {
              if (!outcome.installed) expect((await fresh.install(sourceOf())).ok, step).toBe(true);
              expect((await fresh.activate(V2)).ok, step).toBe(true);
              expect((await fresh.selectAtBoot()).pack?.ref, step).toBe(V2);
            }
            await rm(dataDir, { recursive: true, force: true });
          }
          expect(failures).toBeGreaterThanOrEqual(steps.length - 6);
        });
      }
    }
  });
}

describe('faults at every step of commit (garbage collection)', () => {
  it('EIO anywhere in commit leaves current and previous intact', async () => {
    const prepare = async () => {
      const dataDir = await freshDataDir();
      const store = open(dataDir);
      await installAndActivate(store, v2Folder);
      const v3 = await writePackFolder(join(work, `v3-${runCounter}`), { key, version: '3.0.0' });
      const installed = await store.install(v3.dir);
      if (!installed.ok) throw new Error('v3 install failed');
      await store.activate(installed.ref);
      return dataDir; // current 3.0.0, previous 2.0.0, 1.0.0 to collect
    };
    const countDir = await prepare();
    const { ops, steps } = faultyFsOps(nodeFsOps, null);
    expect((await open(countDir, ops).commit()).ok).toBe(true);
    expect(steps.length).toBeGreaterThan(5);
    for (let at = 1; at <= steps.length; at += 1) {
      const dataDir = await prepare();
      const { ops: faulty } = faultyFsOps(nodeFsOps, { at, code: 'EIO' });
      await open(dataDir, faulty).commit();
      const fresh = open(dataDir);
      const boot = await fresh.selectAtBoot();
      expect(boot.pack?.ref).toBe('test-pack@3.0.0');
      expect((await fresh.verifyFull('test-pack@3.0.0')).ok).toBe(true);
      expect((await fresh.verifyFull(V2)).ok).toBe(true);
      // A later commit finishes the job.
      expect((await fresh.commit()).ok).toBe(true);
      expect((await fresh.list()).map((p) => p.ref)).toEqual(['test-pack@3.0.0', V2]);
      await expectNoPartialFiles(dataDir).catch(() => undefined);
      const tree = await listTree(dataDir);
      expect(tree.filter((p) => /^(staging|trash)\/./.test(p))).toEqual([]);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
