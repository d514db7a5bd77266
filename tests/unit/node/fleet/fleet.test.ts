import { Metadata, MetadataKind, MetaFile, Timestamp } from '@tufjs/models';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPackStore } from '../../../../electron/node/pack/store';
import type { PackStore } from '../../../../electron/node/pack/store';
import {
  addPack,
  initRepo,
  loadSigners,
  publishRepo,
  repoPaths,
  signRole,
} from '../../../../electron/node/fleet/tuf-repo';
import { channelTargets, decide, pullOnce } from '../../../../electron/node/fleet/pull';
import type { PullOutcome } from '../../../../electron/node/fleet/pull';
import {
  nextPollDelayMs,
  statusAfter,
  emptyStatus,
  safeKioskName,
} from '../../../../electron/node/fleet/poller';
import { makeKey, writePackFolder, zipFolder } from '../pack/store-helpers';
import type { TestKey } from '../pack/store-helpers';
import { serveFolder } from './static-server';
import type { StaticServer } from './static-server';

let packKey: TestKey;
let strangerKey: TestKey;
let work: string;
let repo: string;
let server: StaticServer;

beforeAll(() => {
  packKey = makeKey();
  strangerKey = makeKey();
});
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-fleet-'));
  repo = join(work, 'repo');
  server = await serveFolder(repo);
});
afterEach(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

async function builtPack(version: string, key: TestKey = packKey, id = 'test-pack'): Promise<string> {
  const dir = join(work, `src-${id}-${version}-${key === packKey ? 'k' : 's'}`);
  await writePackFolder(dir, { id, version, key });
  return zipFolder(dir, `${dir}.hallpack`);
}

function kiosk(name = 'kiosk'): { dataDir: string; store: PackStore } {
  const dataDir = join(work, name);
  return {
    dataDir,
    store: createPackStore({ dataDir, trustedKeys: [packKey.trusted], allowUnsigned: false }),
  };
}

const pull = (k: { dataDir: string; store: PackStore }, channel = 'stable'): Promise<PullOutcome> =>
  pullOnce({
    url: server.url,
    rootFile: join(repo, 'metadata', '1.root.json'),
    dataDir: k.dataDir,
    channel,
    store: k.store,
  });

async function publishPack(
  version: string,
  opts: { key?: TestKey; channel?: string; activateAt?: string; now?: Date } = {},
) {
  const file = await builtPack(version, opts.key);
  await addPack({
    repo,
    packFile: file,
    pack: { id: 'test-pack', version, languages: ['zh-Hans', 'en'] },
    ...(opts.channel ? { channel: opts.channel } : {}),
    ...(opts.activateAt ? { activateAt: opts.activateAt } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  await publishRepo({ repo, ...(opts.now ? { now: opts.now } : {}) });
}

describe('repo init', () => {
  it('keeps private keys outside the served folder, 0600 in a 0700 folder', async () => {
    const { paths, keyIds } = await initRepo({ repo });
    expect(paths.keys).toBe(`${repo}.keys`);
    expect((await stat(paths.keys)).mode & 0o777).toBe(0o700);
    const keyFiles = (await readdir(paths.keys)).sort();
    expect(keyFiles).toEqual([
      'root-1.key.pem',
      'snapshot-1.key.pem',
      'targets-1.key.pem',
      'timestamp-1.key.pem',
    ]);
    for (const f of keyFiles) expect((await stat(join(paths.keys, f))).mode & 0o777).toBe(0o600);
    const served = await readdir(join(repo, 'metadata'));
    expect(served.sort()).toEqual([
      '1.root.json',
      '1.snapshot.json',
      '1.targets.json',
      'root.json',
      'timestamp.json',
    ]);
    for (const f of served)
      expect(await readFile(join(repo, 'metadata', f), 'utf8')).not.toContain('PRIVATE');
    expect(keyIds.root).toHaveLength(1);
  });

  it('refuses to overwrite an existing repository', async () => {
    await initRepo({ repo });
    await expect(initRepo({ repo })).rejects.toThrow(/already holds a repository/);
  });

  it('threshold root: refuses to publish a new root with too few keys, accepts after a second holder signs', async () => {
    await initRepo({ repo, rootKeys: 2, rootThreshold: 2 });
    const root = JSON.parse(await readFile(join(repo, 'metadata', 'root.json'), 'utf8')) as {
      signed: { roles: { root: { threshold: number; keyids: string[] } } };
      signatures: unknown[];
    };
    expect(root.signed.roles.root.threshold).toBe(2);
    expect(root.signatures).toHaveLength(2);
    // A second holder's key that is not a root key is refused by name.
    await expect(signRole({ repo, role: 'root', keyPem: strangerKey.privateKeyPem })).rejects.toThrow(
      /not a root key/,
    );
    // Both root keys present: a kiosk accepts the repository.
    const k = kiosk();
    expect((await pull(k)).kind).toBe('up-to-date');
  });

  it('a key file that is not Ed25519 is named', async () => {
    const paths = repoPaths(repo);
    await initRepo({ repo });
    await writeFile(join(paths.keys, 'targets-2.key.pem'), 'not a key');
    await expect(loadSigners(paths.keys, 'targets')).rejects.toThrow(/targets-2\.key\.pem/);
  });
});

describe('pull', () => {
  beforeEach(async () => {
    await initRepo({ repo });
  });

  it('installs the channel newest pack once; the next round is up to date', async () => {
    await publishPack('1.0.0');
    const k = kiosk();
    const first = await pull(k);
    expect(first).toMatchObject({ kind: 'installed', ref: 'test-pack@1.0.0', activateAt: null });
    expect((await k.store.list()).map((p) => p.ref)).toEqual(['test-pack@1.0.0']);
    const before = server.requests.length;
    expect(await pull(k)).toEqual({ kind: 'up-to-date', ref: 'test-pack@1.0.0' });
    // The second round fetched metadata only, never the pack again.
    expect(server.requests.slice(before).some((p) => p.includes('/targets/'))).toBe(false);
    await publishPack('1.1.0');
    expect(await pull(k)).toMatchObject({ kind: 'installed', ref: 'test-pack@1.1.0' });
  });

  it('channels are separate, and an activation time comes through as local time', async () => {
    await publishPack('2.0.0', { channel: 'beta', activateAt: '2027-07-01 09:00' });
    const k = kiosk();
    expect(await pull(k)).toEqual({ kind: 'up-to-date', ref: null });
    const beta = await pull(k, 'beta');
    expect(beta.kind).toBe('installed');
    if (beta.kind === 'installed')
      expect(beta.activateAt?.getTime()).toBe(new Date(2027, 6, 1, 9, 0).getTime());
  });

  it('refuses a tampered target: nothing installed, the reason names the hash', async () => {
    await publishPack('1.0.0');
    const dir = join(repo, 'targets', 'packs', 'test-pack');
    const [stored] = await readdir(dir);
    const file = join(dir, stored ?? '');
    const bytes = await readFile(file);
    bytes[bytes.length - 30] = (bytes[bytes.length - 30] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const k = kiosk();
    const outcome = await pull(k);
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'download' });
    if (outcome.kind === 'failed') expect(outcome.error).toMatch(/hash/i);
    expect(await k.store.list()).toEqual([]);
  });

  it('refuses an expired timestamp', async () => {
    await publishPack('1.0.0', { now: new Date(Date.now() - 3 * 86_400_000) });
    const outcome = await pull(kiosk());
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'metadata' });
    if (outcome.kind === 'failed') expect(outcome.error).toMatch(/expired/i);
  });

  it('refuses a freeze attack: an old timestamp replayed after a newer one was seen', async () => {
    await publishPack('1.0.0');
    const old = await readFile(join(repo, 'metadata', 'timestamp.json'));
    await publishPack('1.1.0');
    const k = kiosk();
    expect(await pull(k)).toMatchObject({ kind: 'installed', ref: 'test-pack@1.1.0' });
    await writeFile(join(repo, 'metadata', 'timestamp.json'), old);
    const outcome = await pull(k);
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'metadata' });
    if (outcome.kind === 'failed') expect(outcome.error).toMatch(/version/i);
    expect((await k.store.list()).map((p) => p.ref)).toEqual(['test-pack@1.1.0']);
  });

  it('refuses a rolled-back snapshot, even under a freshly signed timestamp', async () => {
    await publishPack('1.0.0');
    await publishPack('1.1.0');
    const k = kiosk();
    await pull(k);
    // The attacker holds the timestamp key only: a new timestamp pointing at snapshot 2.
    const paths = repoPaths(repo);
    const snap2 = await readFile(join(repo, 'metadata', '2.snapshot.json'));
    const current = Metadata.fromJSON(
      MetadataKind.Timestamp,
      JSON.parse(await readFile(join(repo, 'metadata', 'timestamp.json'), 'utf8')) as never,
    );
    const { createHash } = await import('node:crypto');
    const forged = new Metadata<Timestamp>(
      new Timestamp({
        version: current.signed.version + 1,
        specVersion: current.signed.specVersion,
        expires: current.signed.expires,
        snapshotMeta: new MetaFile({
          version: 2,
          length: snap2.length,
          hashes: { sha256: createHash('sha256').update(snap2).digest('hex') },
        }),
      }),
    );
    for (const s of await loadSigners(paths.keys, 'timestamp')) forged.sign(s.sign);
    await writeFile(join(repo, 'metadata', 'timestamp.json'), JSON.stringify(forged.toJSON()));
    const outcome = await pull(k);
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'metadata' });
    if (outcome.kind === 'failed') expect(outcome.error).toMatch(/snapshot/i);
  });

  it('refuses a pack signed by a key the hall does not trust, naming the store rule', async () => {
    await publishPack('1.0.0', { key: strangerKey });
    const k = kiosk();
    const outcome = await pull(k);
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'install' });
    if (outcome.kind === 'failed') expect(outcome.error).toMatch(/pack\.sig/);
    expect(await k.store.list()).toEqual([]);
    // The download was not left behind.
    expect(await readdir(join(k.dataDir, 'fleet', 'downloads'))).toEqual([]);
  });

  it('a wrong root file is a configuration error, said with its path', async () => {
    const bad = join(work, 'root.json');
    await writeFile(bad, '{"signed":{}}');
    const outcome = await pullOnce({
      url: server.url,
      rootFile: bad,
      dataDir: join(work, 'k'),
      channel: 'stable',
      store: kiosk('k').store,
    });
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'root' });
    if (outcome.kind === 'failed') expect(outcome.error).toContain(bad);
  });

  it('the server down is a metadata failure, and nothing changes', async () => {
    await publishPack('1.0.0');
    await server.close();
    const k = kiosk();
    const outcome = await pull(k);
    expect(outcome).toMatchObject({ kind: 'failed', stage: 'metadata' });
    expect(await k.store.list()).toEqual([]);
    server = await serveFolder(repo);
  });
});

describe('decisions', () => {
  const target = (version: string, sequence: number) => ({
    path: `packs/p/p-${version}.hallpack`,
    meta: { id: 'p', version, languages: ['en'], channel: 'stable', sequence },
  });
  it('decide: fetch a newer pack, keep an installed one, never go back', () => {
    expect(decide(undefined, [])).toBe('none');
    expect(decide(target('1.0.0', 2), [])).toBe('fetch');
    expect(decide(target('1.0.0', 2), [{ id: 'p', version: '1.0.0' }])).toBe('have');
    expect(decide(target('1.0.0', 2), [{ id: 'p', version: '1.2.0' }])).toBe('none');
    expect(
      decide(target('1.3.0', 2), [
        { id: 'p', version: '1.2.0' },
        { id: 'q', version: '9.0.0' },
      ]),
    ).toBe('fetch');
  });

  it('back-off doubles from pollSeconds to an hour, with bounded jitter', () => {
    expect(nextPollDelayMs(300, 0, 0)).toBe(300_000);
    expect(nextPollDelayMs(300, 1, 0)).toBe(600_000);
    expect(nextPollDelayMs(300, 3, 0)).toBe(2_400_000);
    expect(nextPollDelayMs(300, 10, 0)).toBe(3_600_000);
    expect(nextPollDelayMs(300, 50, 0.999)).toBeLessThanOrEqual(3_600_000 * 1.2);
    expect(nextPollDelayMs(7200, 5, 0)).toBe(7_200_000);
    expect(nextPollDelayMs(60, 0, 0.5)).toBe(66_000);
  });

  it('status keeps the last success when a round fails', () => {
    const t1 = new Date('2026-12-01T08:00:00Z');
    const t2 = new Date('2026-12-01T09:00:00Z');
    const ok = statusAfter(
      emptyStatus('k1', 'stable'),
      { kind: 'up-to-date', ref: 'p@1.0.0' },
      t1,
      'p@1.0.0',
    );
    const failed = statusAfter(
      ok,
      { kind: 'failed', stage: 'metadata', error: 'fetch failed' },
      t2,
      'p@1.0.0',
    );
    expect(failed).toMatchObject({
      lastSuccessAt: t1.toISOString(),
      lastPullAt: t2.toISOString(),
      lastError: 'metadata: fetch failed',
    });
    expect(safeKioskName('../Hall 1/東')).toBe('Hall-1-');
  });

  it('channelTargets skips targets whose hallpack metadata does not parse', async () => {
    await initRepo({ repo });
    await publishPack('1.0.0');
    const targets = Metadata.fromJSON(
      MetadataKind.Targets,
      JSON.parse(await readFile(join(repo, 'metadata', '2.targets.json'), 'utf8')) as never,
    );
    expect(channelTargets(targets.signed, 'stable').map((t) => t.meta.version)).toEqual(['1.0.0']);
    expect(channelTargets(targets.signed, 'beta')).toEqual([]);
  });
});
