/**
 * Install + commit while serving → no 404s. A hall server on a real pack store serves 1.0.0 to a
 * page; the hallpack CLI, in other processes, installs 2.0.0 and 3.0.0 with --activate and
 * commits (its clean-up runs). Every request for 1.0.0's files keeps answering 200 with 1.0.0's
 * bytes — also after the kiosk followed the store and selected 3.0.0, until the page loads the
 * manifest again (its reload at the next idle moment); then 1.0.0's lease is released and the
 * kiosk's own clean-up collects it. Before leases, the CLI's commit deleted the served folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openKioskContent } from '../../../../electron/node/kiosk-content';
import type { KioskContent } from '../../../../electron/node/kiosk-content';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { createPackStore } from '../../../../electron/node/pack/store';
import { startHallServer } from '../../../../electron/node/server/hall-server';
import type { HallServer } from '../../../../electron/node/server/hall-server';
import { kioskConfigSchema } from '../../../../electron/shared/config-schema';
import { defaultFiles, makeKey, writePackFolder } from '../pack/store-helpers';
import type { TestKey } from '../pack/store-helpers';

const HALLPACK = resolve('bin/hallpack.mjs');

let work = '';
let dataDir = '';
let key: TestKey;
let pub = '';
let content: KioskContent | undefined;
let server: HallServer | undefined;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-serving-lease-'));
  dataDir = join(work, 'data');
  key = makeKey();
  pub = join(work, 'pub.pem');
  await writeFile(pub, key.publicKeyPem);
});
afterAll(async () => {
  await server?.close();
  await content?.close();
  await rm(work, { recursive: true, force: true, maxRetries: 5 });
});

/** `hallpack …` in its own process, as a technician runs it; resolves to its JSON output. */
function hallpack(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((done, reject) => {
    const child = spawn(
      process.execPath,
      [HALLPACK, ...args, '--data-dir', dataDir, '--trust', pub, '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        const result = JSON.parse(out) as Record<string, unknown>;
        if (code !== 0) reject(new Error(`hallpack ${args[0]} exited ${String(code)}: ${out}${err}`));
        else done(result);
      } catch {
        reject(new Error(`hallpack ${args[0]} exited ${String(code)}: ${out}${err}`));
      }
    });
  });
}

describe('a pack being served is never collected before the page left it', () => {
  it('install + commit in other processes while serving → no 404s; collected after the page switched', async () => {
    const sources: Record<string, string> = {};
    for (const version of ['1.0.0', '2.0.0', '3.0.0']) {
      sources[version] = (await writePackFolder(join(work, `src-${version}`), { key, version })).dir;
    }
    // The hall: 1.0.0 installed, shown and committed.
    const store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false });
    expect((await store.install(sources['1.0.0']!, { activate: true })).ok).toBe(true);
    expect((await store.commit()).ok).toBe(true);

    const log = memoryLogger();
    await mkdir(join(work, 'no-default'), { recursive: true });
    content = await openKioskContent({
      dataDir,
      embeddedPackRoot: join(work, 'no-default'),
      developmentKeyPath: join(work, 'no-dev-key.pem'),
      config: kioskConfigSchema.parse({ trustedKeys: [{ name: 'test', publicKeyPem: key.publicKeyPem }] }),
      log,
      followMs: 0, // followed by hand below, at the moments the test chooses
    });
    const renderer = join(work, 'renderer');
    await mkdir(renderer, { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
    server = await startHallServer({ rendererRoot: renderer, getActivePack: content.getActivePack, log });
    const base = server.url;

    // The page loads: the manifest, then its files.
    const manifest = async () =>
      ((await (await fetch(`${base}pack/pack.json`)).json()) as { version: string }).version;
    expect(await manifest()).toBe('1.0.0');
    const v1Files = defaultFiles('1.0.0');
    const requestsForV1 = async (when: string) => {
      for (const [path, bytes] of Object.entries(v1Files)) {
        const res = await fetch(`${base}pack/${path}`);
        expect(res.status, `${when}: ${path}`).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(bytes), `${when}: ${path} bytes`).toBe(true);
      }
    };
    await requestsForV1('before');
    expect(content.leased()).toEqual(['test-pack@1.0.0']);

    // The technician, in other processes: install 2.0.0 and 3.0.0 with activation, then commit.
    await hallpack(['install', sources['2.0.0']!, '--activate']);
    await requestsForV1('after installing 2.0.0');
    await hallpack(['install', sources['3.0.0']!, '--activate']);
    const committed = await hallpack(['commit']);
    expect(committed['removed']).toEqual([]);
    expect(existsSync(join(dataDir, 'packs', 'test-pack@1.0.0'))).toBe(true);
    await requestsForV1('after the CLI commit');

    // The kiosk follows the store: 3.0.0 is selected (kiosk:status names it) and leased too, but
    // the page on screen still shows 1.0.0 and is still served it.
    expect(await content.follow()).toBe(true);
    expect(content.activePackInfo()).toEqual({ id: 'test-pack', version: '3.0.0' });
    expect([...content.leased()]).toEqual(['test-pack@1.0.0', 'test-pack@3.0.0']);
    await requestsForV1('after the kiosk selected 3.0.0');
    const again = await hallpack(['commit']);
    expect(again['removed']).toEqual([]);
    await requestsForV1('after a second commit');

    // The page reloads at its idle moment: it loads 3.0.0, and 1.0.0 goes.
    expect(await manifest()).toBe('3.0.0');
    const a = await fetch(`${base}pack/media/a.png`);
    expect(Buffer.from(await a.arrayBuffer()).equals(defaultFiles('3.0.0')['media/a.png']!)).toBe(true);
    await vi.waitFor(() => expect(existsSync(join(dataDir, 'packs', 'test-pack@1.0.0'))).toBe(false), {
      timeout: 10_000,
    });
    expect(content.leased()).toEqual(['test-pack@3.0.0']);
    const leaseFiles = readdirSync(join(dataDir, 'leases'));
    expect(leaseFiles).toHaveLength(1);
    const lease = JSON.parse(await readFile(join(dataDir, 'leases', leaseFiles[0]!), 'utf8')) as unknown;
    expect(lease).toMatchObject({ pid: process.pid, refs: ['test-pack@3.0.0'] });
    // 2.0.0 stays as the previous pack (roll back).
    expect(existsSync(join(dataDir, 'packs', 'test-pack@2.0.0'))).toBe(true);
  }, 120_000);
});
