/**
 * Crash anywhere: a child process installs and activates a new pack and SIGKILLs itself at the
 * N-th mutating file-system step, for every N. After each kill a fresh store must boot exactly
 * the old or the new pack, and that pack must verify byte for byte. The interrupted install is
 * then retried (every third time killed again somewhere) and completed: the new pack ends up active.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackStore } from '../../../../electron/node/pack/store';
import { bundleChild, fastTmpRoot, listTree, makeKey, writePackFolder } from './store-helpers';
import type { TestKey } from './store-helpers';

const V1 = 'test-pack@1.0.0';
const V2 = 'test-pack@2.0.0';

let work: string;
let key: TestKey;
let childScript: string;
let pubPath: string;
let template: string;
let v2: string;

beforeAll(async () => {
  work = await mkdtemp(join(fastTmpRoot(), 'hall-crash-'));
  key = makeKey();
  pubPath = join(work, 'pub.pem');
  await writeFile(pubPath, key.publicKeyPem);
  childScript = await bundleChild(resolve(import.meta.dirname, 'crash-child.ts'), work);
  template = join(work, 'template');
  const v1 = await writePackFolder(join(work, 'v1'), { key, version: '1.0.0' });
  const store = createPackStore({ dataDir: template, trustedKeys: [key.trusted], allowUnsigned: false });
  const installed = await store.install(v1.dir);
  if (!installed.ok) throw new Error('template install failed');
  await store.activate(installed.ref);
  await store.commit();
  v2 = (
    await writePackFolder(join(work, 'v2'), {
      key,
      version: '2.0.0',
      files: {
        'media/a.png': randomBytes(1_200_000),
        'media/deep/b.webp': 'bee',
        'media/deep/er/c.vtt': 'WEBVTT\n',
      },
    })
  ).dir;
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

type ChildResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string };

function runChild(dataDir: string, killAt: number): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [childScript, dataDir, v2, pubPath, V2], {
      // No CA bundle to load: children never touch the network, and they start faster without it.
      env: { ...withoutCaCerts(process.env), KILL_AT: String(killAt) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout }));
  });
}

function withoutCaCerts(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy['NODE_EXTRA_CA_CERTS'];
  return copy;
}

let runCounter = 0;
async function freshDataDir(): Promise<string> {
  runCounter += 1;
  const dir = join(work, `run-${runCounter}`);
  await cp(template, dir, { recursive: true });
  return dir;
}

/** Boots a fresh store: it must show V1 or V2, whole; returns which. */
async function bootAndVerify(dataDir: string, label: string): Promise<string> {
  const store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false });
  const boot = await store.selectAtBoot();
  const ref = boot.pack?.ref;
  expect([V1, V2], label).toContain(ref);
  expect(boot.pack?.source, label).toBe('active');
  const full = await store.verifyFull(ref!);
  expect(full.problems, label).toEqual([]);
  expect(full.ok, label).toBe(true);
  const tree = await listTree(dataDir);
  expect(
    tree.filter((p) => /^(staging|trash)\/./.test(p) || p.includes('.tmp-') || p === 'store.lock'),
    label,
  ).toEqual([]);
  return ref!;
}

describe('crash anywhere during install + activate', () => {
  it('boots exactly the old or the new pack after a SIGKILL at every step, and recovers', async () => {
    const counted = await runChild(await freshDataDir(), 0);
    expect(counted.code).toBe(0);
    const steps = Number(/STEPS (\d+)/.exec(counted.stdout)?.[1]);
    expect(steps).toBeGreaterThan(30);

    const outcomes: string[] = [];
    for (let n = 1; n <= steps; n += 1) {
      const dataDir = await freshDataDir();
      const killed = await runChild(dataDir, n);
      expect(killed.signal, `kill at ${n}`).toBe('SIGKILL');
      outcomes.push(await bootAndVerify(dataDir, `after kill at step ${n}`));

      // Every third time, kill the retry too, somewhere; then a last retry finishes.
      if (n % 3 === 1) {
        const again = await runChild(dataDir, 1 + ((n * 7) % 40));
        expect(again.signal === 'SIGKILL' || again.code === 0, `retry after ${n}: ${again.stdout}`).toBe(
          true,
        );
        await bootAndVerify(dataDir, `after a second kill (first at ${n})`);
      }
      const store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false });
      const retried = await store.install(v2);
      // Already accepted by the killed run: only activation is left.
      if (!retried.ok)
        expect(
          retried.problems.map((p) => p.code),
          `retry after ${n}`,
        ).toEqual(['store.downgrade']);
      expect((await store.activate(V2)).ok, `activate after ${n}`).toBe(true);
      expect(await bootAndVerify(dataDir, `after recovery from ${n}`)).toBe(V2);
      await rm(dataDir, { recursive: true, force: true });
    }
    // The switch happens at exactly one step (the rename of active.json): old before, new after.
    const firstNew = outcomes.indexOf(V2);
    expect(firstNew).toBeGreaterThan(0);
    expect(outcomes.slice(0, firstNew).every((r) => r === V1)).toBe(true);
    expect(outcomes.slice(firstNew).every((r) => r === V2)).toBe(true);
  }, 120_000);
});
