/**
 * `hallpack install --activate` when the store lock is not ours: the message says plainly that
 * another install or activation holds the lock — which process, which program, since when — that
 * nothing was installed or activated, and what to do. Both ways it happens: the lock is held when
 * the command starts (a real second process), and the lock is lost mid-install (the holder went
 * more than 30 s without refreshing it and another process took it over).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as LockModule from '../../../../electron/node/pack/store/lock';
import { installCommand } from '../../../../electron/node/cli/store-commands';
import { makeKey, writePackFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

/** When set, the next lock the store takes is taken over by this owner before it publishes. */
const takeover = vi.hoisted(() => ({
  owner: null as Record<string, unknown> | null,
  /** held() answers true this many times first (0: lost before the publish). */
  heldFor: 0,
}));

vi.mock('../../../../electron/node/pack/store/lock', async (importOriginal) => {
  const real = await importOriginal<typeof LockModule>();
  const { writeFileSync } = await import('node:fs');
  const { join: joinPath } = await import('node:path');
  return {
    ...real,
    acquireLock: async (...args: Parameters<typeof real.acquireLock>) => {
      const acquired = await real.acquireLock(...args);
      const owner = takeover.owner;
      if (!acquired.ok || owner === null) return acquired;
      takeover.owner = null;
      let lost = false;
      let asked = 0;
      const heldFor = takeover.heldFor;
      return {
        ok: true as const,
        lock: {
          held: () => {
            asked += 1;
            if (asked <= heldFor) return true;
            // What proper-lockfile reports once another process took a stale lock over.
            if (!lost) {
              lost = true;
              writeFileSync(joinPath(args[1], 'owner.json'), JSON.stringify(owner));
            }
            return false;
          },
          release: () => acquired.lock.release(),
        },
      };
    },
  };
});

let work = '';
let key: TestKey;
let pub = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-lock-message-'));
  key = makeKey();
  pub = join(work, 'pub.pem');
  await writeFile(pub, key.publicKeyPem);
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function installActivate(dataDir: string, source: string, json = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await installCommand(
    [source, '--data-dir', dataDir, '--trust', pub, '--activate', ...(json ? ['--json'] : [])],
    { out: (s) => out.push(s), err: (s) => err.push(s) },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A second process holding the store lock for an install, as `hallpack install` would. */
async function otherInstaller(dataDir: string): Promise<ChildProcess & { pid: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'lock-holder-child.ts'), dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  await new Promise<void>((ready, fail) => {
    let text = '';
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('READY')) ready();
      if (text.includes('BUSY')) fail(new Error(text));
    });
    child.once('exit', (code) => fail(new Error(`lock holder exited ${String(code)}: ${text}`)));
  });
  return child as ChildProcess & { pid: number };
}

describe('install --activate and the store lock', () => {
  it('names the install that holds the lock, since when, and what to do; changes nothing', async () => {
    const dataDir = join(work, 'busy');
    await mkdir(dataDir, { recursive: true });
    const source = (await writePackFolder(join(work, 'src-busy'), { key, version: '1.0.0' })).dir;
    const holder = await otherInstaller(dataDir);

    const r = await installActivate(dataDir, source);
    expect(r.code).toBe(1);
    const text = r.out;
    expect(text).toContain("another install holds the pack store's lock");
    expect(text).toContain(`process ${holder.pid} (hallpack install, since `);
    expect(text).toMatch(/since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)/);
    expect(text).toContain('was neither installed nor activated');
    expect(text).toContain('Wait for it to finish');
    expect(text).not.toContain('process 0');
    expect(await readdir(join(dataDir, 'packs'))).toEqual([]);

    const json = await installActivate(dataDir, source, true);
    const parsed = JSON.parse(json.out) as {
      ok: boolean;
      problems: { code: string; message: { 'zh-Hans': string } }[];
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.problems.map((p) => p.code)).toEqual(['store.busy']);
    expect(parsed.problems[0]?.message['zh-Hans']).toContain(`进程 ${holder.pid}`);

    // Once the other install is gone, the same command succeeds.
    holder.kill('SIGKILL');
    await new Promise((done) => holder.once('exit', done));
    const after = await installActivate(dataDir, source);
    expect(after.code, after.out + after.err).toBe(0);
    expect(after.out).toContain('activated test-pack@1.0.0');
  }, 60_000);

  it('a lock lost mid-install says who took it over and that nothing was installed or activated', async () => {
    const dataDir = join(work, 'lost');
    await mkdir(dataDir, { recursive: true });
    const source = (await writePackFolder(join(work, 'src-lost'), { key, version: '1.0.0' })).dir;
    takeover.owner = {
      pid: 4242,
      host: hostname(),
      since: '2026-12-04T10:00:00.000Z',
      purpose: 'activation',
      program: 'hallpack activate',
    };
    const r = await installActivate(dataDir, source);
    expect(r.code).toBe(1);
    expect(r.out).toContain("lost the pack store's lock");
    expect(r.out).toContain('process 4242 (hallpack activate, since ');
    expect(r.out).toContain('Nothing was installed or activated');
    expect(r.out).toContain('run the same command again');
    expect(await readdir(join(dataDir, 'packs'))).toEqual([]);
    expect(await readdir(join(dataDir, 'staging'))).toEqual([]);
  });

  it('a lock lost between install and activation says the pack is installed and how to activate it', async () => {
    const dataDir = join(work, 'lost-late');
    await mkdir(dataDir, { recursive: true });
    const source = (await writePackFolder(join(work, 'src-lost-late'), { key, version: '1.0.0' })).dir;
    takeover.owner = { pid: 4243, host: hostname(), since: '2026-12-04T10:00:00.000Z', purpose: 'install' };
    takeover.heldFor = 1;
    const r = await installActivate(dataDir, source);
    takeover.heldFor = 0;
    expect(r.code).toBe(1);
    expect(r.out).toContain('process 4243');
    expect(r.out).toContain('test-pack@1.0.0 was installed but not activated');
    expect(r.out).toContain('hallpack activate test-pack@1.0.0');
    expect(await readdir(join(dataDir, 'packs'))).toEqual(['test-pack@1.0.0']);
  });
});

describe('a lock held longer than its refresh interval', () => {
  it('stays held: writing owner.json inside does not look like a takeover to proper-lockfile', async () => {
    const { acquireLock } = await vi.importActual<typeof LockModule>(
      '../../../../electron/node/pack/store/lock',
    );
    const { nodeFsOps } = await import('../../../../electron/node/fs/fs-ops');
    const dataDir = join(work, 'long');
    await mkdir(dataDir, { recursive: true });
    const acquired = await acquireLock(nodeFsOps, join(dataDir, 'store.lock'), 'install');
    if (!acquired.ok) throw new Error('lock');
    try {
      // proper-lockfile refreshes every 5 s; before the fix the first refresh saw owner.json's
      // mtime change on the folder and declared the lock compromised.
      await new Promise((done) => setTimeout(done, 6_500));
      expect(acquired.lock.held()).toBe(true);
    } finally {
      await acquired.lock.release();
    }
  }, 20_000);
});
