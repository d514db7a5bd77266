/**
 * Two (here: four) installers in separate processes, started at the same moment on one store,
 * never both proceed: exactly one installs, the others are told the store is busy (or, if they
 * come after it finished, that the version is already accepted: the downgrade check runs under
 * the lock). Also when the lock they race for was left by a killed process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import { createPackStore } from '../../../../electron/node/pack/store';
import { acquireLock } from '../../../../electron/node/pack/store/lock';
import { bundleChild, fastTmpRoot, makeKey, writePackFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

let work = '';
let key: TestKey;
let childScript = '';
let pubPath = '';
let template = '';
let v2 = '';

beforeAll(async () => {
  work = await mkdtemp(join(fastTmpRoot(), 'hall-lock-race-'));
  key = makeKey();
  pubPath = join(work, 'pub.pem');
  await writeFile(pubPath, key.publicKeyPem);
  childScript = await bundleChild(resolve(import.meta.dirname, 'lock-child.ts'), work);
  template = join(work, 'template');
  const v1 = await writePackFolder(join(work, 'v1'), { key, version: '1.0.0' });
  const store = createPackStore({ dataDir: template, trustedKeys: [key.trusted], allowUnsigned: false });
  const installed = await store.install(v1.dir);
  if (!installed.ok) throw new Error('template install failed');
  v2 = (
    await writePackFolder(join(work, 'v2'), {
      key,
      version: '2.0.0',
      files: { 'media/a.png': randomBytes(4_000_000), 'media/b.webp': 'bee', 'media/c.vtt': 'WEBVTT\n' },
    })
  ).dir;
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function race(dataDir: string, n: number): Promise<unknown[]> {
  const go = join(dataDir, '..', `go-${Math.random().toString(36).slice(2)}`);
  const children = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, [childScript, dataDir, v2, pubPath, go], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    return new Promise<unknown>((resolvePromise, reject) => {
      child.on('error', reject);
      child.on('exit', () => {
        const line = /RESULT (.*)/.exec(stdout)?.[1];
        resolvePromise(line ? (JSON.parse(line) as unknown) : `no result: ${stdout}`);
      });
    });
  });
  // Every child is waiting for the go file by now (they poll every 2 ms).
  await new Promise((r) => setTimeout(r, 1500));
  await writeFile(go, '');
  return Promise.all(children);
}

function expectOneInstaller(results: unknown[]) {
  const winners = results.filter((r) => r === 'ok');
  expect(winners, JSON.stringify(results)).toHaveLength(1);
  for (const r of results.filter((x) => x !== 'ok')) {
    expect([['store.busy'], ['store.downgrade'], ['store.already-installed']]).toContainEqual(r);
  }
}

describe('two installers at once', () => {
  it('never both proceed: one installs, the others are refused', async () => {
    for (let round = 0; round < 3; round += 1) {
      const dataDir = join(work, `fresh-${round}`);
      await cp(template, dataDir, { recursive: true });
      expectOneInstaller(await race(dataDir, 4));
      const accepted = JSON.parse(await readFile(join(dataDir, 'accepted.json'), 'utf8')) as Record<
        string,
        string
      >;
      expect(accepted['test-pack']).toBe('2.0.0');
      expect((await readdir(join(dataDir, 'packs'))).sort()).toEqual(['test-pack@1.0.0', 'test-pack@2.0.0']);
    }
  }, 120_000);

  it('never both proceed when the lock they race for was left by a killed process', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    for (let round = 0; round < 3; round += 1) {
      const dataDir = join(work, `dead-${round}`);
      await cp(template, dataDir, { recursive: true });
      await mkdir(join(dataDir, 'store.lock'));
      await writeFile(
        join(dataDir, 'store.lock', 'owner.json'),
        JSON.stringify({ pid: dead, host: hostname() }),
      );
      expectOneInstaller(await race(dataDir, 4));
    }
  }, 120_000);

  it('a live holder is named, and the store is left as it was', async () => {
    const dataDir = join(work, 'held');
    await cp(template, dataDir, { recursive: true });
    const held = await acquireLock(nodeFsOps, join(dataDir, 'store.lock'));
    if (!held.ok) throw new Error('lock');
    try {
      const store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false });
      expect(await race(dataDir, 1)).toEqual([['store.busy']]);
      const other = await store.install(v2);
      // Same process, same lock folder: the store's own queue would serialise; from outside it is busy.
      expect(other.ok ? 'ok' : other.problems[0]?.message.en).toMatch(new RegExp(`process ${process.pid}`));
    } finally {
      await held.lock.release();
    }
  }, 60_000);
});
