/**
 * Leases (electron/node/pack/store/lease.ts): which leases protect their packs (pure table), a
 * lease held by another live process keeps its pack through every clean-up and `remove`, a dead
 * holder's lease does not, and a lease written while the collector is deleting brings the pack
 * back (the check-then-delete race, forced with a hook in the store's file operations).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import type { FsOps } from '../../../../electron/node/fs/fs-ops';
import { createPackStore } from '../../../../electron/node/pack/store';
import type { PackStore } from '../../../../electron/node/pack/store';
import {
  createLeaseHolder,
  judgeLease,
  processStart,
  readLeases,
  REMOTE_STALE_MS,
} from '../../../../electron/node/pack/store/lease';
import type { HostProbe, LeaseFile } from '../../../../electron/node/pack/store/lease';
import { fastTmpRoot, makeKey, writePackFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const here: HostProbe = {
  host: 'kiosk-1',
  pid: 100,
  alive: (pid) => pid === 100 || pid === 200,
  procStart: (pid) => (pid === 200 ? 'boot:200' : pid === 100 ? 'boot:100' : null),
  now: NOW,
};
const lease = (over: Partial<LeaseFile> = {}): LeaseFile => ({
  pid: 200,
  host: 'kiosk-1',
  procStart: 'boot:200',
  updated: new Date(NOW - 1000).toISOString(),
  refs: ['hall@1.0.0'],
  ...over,
});

describe('judgeLease', () => {
  it.each([
    ['a live holder on this host', lease(), true, 'alive'],
    [
      'a live holder whose lease is days old (no clock enters)',
      lease({ updated: '2026-01-01T00:00:00Z' }),
      true,
      'alive',
    ],
    ['this process', lease({ pid: 100, procStart: 'boot:100' }), true, 'self'],
    ['a holder that is gone', lease({ pid: 300, procStart: 'boot:300' }), false, 'dead'],
    ['a pid reused by another program', lease({ procStart: 'boot:199' }), false, 'reused'],
    ['a live holder on a system without start times', lease({ procStart: null }), true, 'alive'],
    [
      'another host, refreshed a minute ago',
      lease({ host: 'nas', updated: new Date(NOW - 60_000).toISOString() }),
      true,
      'remote-fresh',
    ],
    [
      'another host, clock set back',
      lease({ host: 'nas', updated: new Date(NOW + 3_600_000).toISOString() }),
      true,
      'remote-fresh',
    ],
    [
      'another host, not refreshed for too long',
      lease({ host: 'nas', updated: new Date(NOW - REMOTE_STALE_MS - 1).toISOString() }),
      false,
      'remote-stale',
    ],
    ['another host, no readable time', lease({ host: 'nas', updated: 'yesterday' }), false, 'remote-stale'],
  ] as const)('%s', (_name, l, honoured, reason) => {
    expect(judgeLease(l, NOW, here)).toEqual({ honoured, reason });
  });

  it('an unreadable lease keeps everything while fresh, nothing once stale', () => {
    expect(judgeLease(null, NOW - 1000, here)).toEqual({ honoured: true, reason: 'unreadable-fresh' });
    expect(judgeLease(null, NOW - REMOTE_STALE_MS - 1, here)).toEqual({
      honoured: false,
      reason: 'unreadable-stale',
    });
  });

  it.runIf(process.platform === 'linux')('tells processes apart by their start', () => {
    const mine = processStart(process.pid);
    expect(mine).toMatch(/^[0-9a-f-]+:\d+$/);
    expect(processStart(process.pid)).toBe(mine);
    expect(processStart(2 ** 22 + 17)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

let work = '';
let key: TestKey;
const children: ChildProcess[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(fastTmpRoot(), 'hall-lease-'));
  key = makeKey();
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A live process of this host that is not the test itself. */
async function liveProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child as ChildProcess & { pid: number };
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function writeLease(dataDir: string, pid: number, refs: string[], procStartOf = processStart(pid)) {
  await mkdir(join(dataDir, 'leases'), { recursive: true });
  const file = join(dataDir, 'leases', `${pid}@${hostname()}.json`);
  const l: LeaseFile = {
    pid,
    host: hostname(),
    procStart: procStartOf,
    updated: new Date().toISOString(),
    refs,
  };
  await writeFile(file, JSON.stringify(l));
  return file;
}

let n = 0;
/** A store where 1.0.0 was shown and committed, then 2.0.0 and 3.0.0 were installed and activated. */
async function storeWithOldPack(fsOps?: FsOps): Promise<{ store: PackStore; dataDir: string }> {
  const dataDir = join(work, `store-${n++}`);
  const store = createPackStore({
    dataDir,
    trustedKeys: [key.trusted],
    allowUnsigned: false,
    ...(fsOps ? { fsOps } : {}),
  });
  for (const version of ['1.0.0', '2.0.0', '3.0.0']) {
    const src = await writePackFolder(join(work, `src-${n}-${version}`), { key, version });
    const r = await store.install(src.dir, { activate: true });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    if (version === '1.0.0') await store.commit();
  }
  return { store, dataDir };
}

const packs = async (dataDir: string) => (await readdir(join(dataDir, 'packs'))).sort();

describe('the store honours leases', () => {
  it('keeps a pack another live process serves, refuses to remove it, and collects it once that process is gone', async () => {
    const { store, dataDir } = await storeWithOldPack();
    const kiosk = await liveProcess();
    const leaseFile = await writeLease(dataDir, kiosk.pid, ['test-pack@1.0.0']);

    const committed = await store.commit();
    expect(committed.ok && committed.removed).toEqual([]);
    expect(await packs(dataDir)).toEqual(['test-pack@1.0.0', 'test-pack@2.0.0', 'test-pack@3.0.0']);
    const removed = await store.remove('test-pack@1.0.0');
    expect(removed.ok).toBe(false);
    if (!removed.ok) {
      expect(removed.problems.map((p) => p.code)).toEqual(['store.served']);
      expect(removed.problems[0]?.message.en).toContain(`process ${kiosk.pid}`);
    }

    await killed(kiosk);
    const collected = await store.collect();
    expect(collected.ok && collected.removed).toEqual(['test-pack@1.0.0']);
    expect(await packs(dataDir)).toEqual(['test-pack@2.0.0', 'test-pack@3.0.0']);
    expect(existsSync(leaseFile)).toBe(false); // the dead holder's lease is cleaned up
  });

  it('ignores a lease whose pid now belongs to another program', async () => {
    const { store, dataDir } = await storeWithOldPack();
    const other = await liveProcess();
    await writeLease(dataDir, other.pid, ['test-pack@1.0.0'], 'another-boot:1');
    const committed = await store.commit();
    expect(committed.ok && committed.removed).toEqual(['test-pack@1.0.0']);
  });

  it('keeps everything while a lease cannot be read, and collects once it is stale', async () => {
    const { store, dataDir } = await storeWithOldPack();
    await mkdir(join(dataDir, 'leases'), { recursive: true });
    const broken = join(dataDir, 'leases', `1@${hostname()}.json`);
    await writeFile(broken, '{"pid": 1, "refs": [');
    const kept = await store.commit();
    expect(kept.ok && kept.removed).toEqual([]);
    const old = new Date(Date.now() - REMOTE_STALE_MS - 60_000);
    const { utimes } = await import('node:fs/promises');
    await utimes(broken, old, old);
    const collected = await store.collect();
    expect(collected.ok && collected.removed).toEqual(['test-pack@1.0.0']);
  });

  it('leases of several live processes all count', async () => {
    const { store, dataDir } = await storeWithOldPack();
    const src = await writePackFolder(join(work, `src-extra-${n}`), { key, version: '4.0.0' });
    const r = await store.install(src.dir, { activate: true });
    expect(r.ok).toBe(true);
    const [a, b] = [await liveProcess(), await liveProcess()];
    await writeLease(dataDir, a.pid, ['test-pack@1.0.0']);
    await writeLease(dataDir, b.pid, ['test-pack@2.0.0', 'test-pack@1.0.0']);
    const read = await readLeases(join(dataDir, 'leases'));
    expect(read.leased.get('test-pack@1.0.0')?.sort()).toEqual([a.pid, b.pid].sort());
    const committed = await store.commit();
    expect(committed.ok && committed.removed).toEqual([]);
    await killed(b);
    const collected = await store.collect();
    expect(collected.ok && collected.removed).toEqual(['test-pack@2.0.0']);
    expect(await packs(dataDir)).toEqual(['test-pack@1.0.0', 'test-pack@3.0.0', 'test-pack@4.0.0']);
  });

  it('a lease written while the collector deletes brings the pack back intact', async () => {
    let dataDir = '';
    let raced = false;
    const ops: FsOps = {
      ...nodeFsOps,
      async rename(from, to) {
        await nodeFsOps.rename(from, to);
        // The kiosk leases 1.0.0 just after the collector read the leases and moved it to the trash.
        if (!raced && from.endsWith(join('packs', 'test-pack@1.0.0')) && to.includes('trash')) {
          raced = true;
          await writeLease(dataDir, process.pid, ['test-pack@1.0.0']);
        }
      },
    };
    const made = await storeWithOldPack(ops);
    dataDir = made.dataDir;
    const committed = await made.store.commit();
    expect(raced).toBe(true);
    expect(committed.ok && committed.removed).toEqual([]);
    expect(await packs(dataDir)).toEqual(['test-pack@1.0.0', 'test-pack@2.0.0', 'test-pack@3.0.0']);
    const check = await made.store.inspector.inspectFolder(join(dataDir, 'packs', 'test-pack@1.0.0'));
    expect(check.ok).toBe(true);
    expect(await readdir(join(dataDir, 'trash'))).toEqual([]);
  });

  it('without a lease the old pack is collected (what the kiosk relied on before leases)', async () => {
    const { store, dataDir } = await storeWithOldPack();
    const committed = await store.commit();
    expect(committed.ok && committed.removed).toEqual(['test-pack@1.0.0']);
    expect(await packs(dataDir)).toEqual(['test-pack@2.0.0', 'test-pack@3.0.0']);
  });
});

describe('createLeaseHolder', () => {
  it('writes this process’s lease, replaces it in call order, and removes it on close', async () => {
    const dataDir = join(work, 'holder');
    const holder = createLeaseHolder(dataDir);
    const dir = join(dataDir, 'leases');
    void holder.hold(['a@1.0.0']);
    await holder.hold(['b@1.0.0', 'a@1.0.0', 'b@1.0.0']);
    expect(holder.held()).toEqual(['a@1.0.0', 'b@1.0.0']);
    const read = await readLeases(dir);
    expect([...read.leased.keys()].sort()).toEqual(['a@1.0.0', 'b@1.0.0']);
    expect(read.leased.get('a@1.0.0')).toEqual([process.pid]);
    await holder.hold([]);
    expect(await readdir(dir)).toEqual([]);
    await holder.hold(['c@1.0.0']);
    await holder.close();
    expect(await readdir(dir)).toEqual([]);
  });
});
