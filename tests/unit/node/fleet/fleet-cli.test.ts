import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../../electron/node/cli/main';
import { startKioskFleet } from '../../../../electron/node/fleet/kiosk-fleet';
import type { KioskContent } from '../../../../electron/node/kiosk-content';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { kioskConfigSchema } from '../../../../electron/shared/config-schema';
import { makeKey, writePackFolder, zipFolder } from '../pack/store-helpers';
import type { TestKey } from '../pack/store-helpers';
import { serveFolder } from './static-server';
import type { StaticServer } from './static-server';

let key: TestKey;
let work: string;
let server: StaticServer;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(() => {
  key = makeKey();
});
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-fleet-cli-'));
  await mkdir(join(work, 'site'), { recursive: true });
  server = await serveFolder(join(work, 'site'));
});
afterEach(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('hallpack repo / pull / fleet status', () => {
  it('walks init → add → publish → list → pull as an author would', async () => {
    const site = join(work, 'site');
    await rm(site, { recursive: true, force: true });
    const init = await run('repo', 'init', site);
    expect(init.code).toBe(0);
    expect(init.out).toContain(`${site}.keys`);
    expect(init.out).toContain('1.root.json');

    const src = join(work, 'src');
    await writePackFolder(src, { id: 'test-pack', version: '1.0.0', key });
    const file = await zipFolder(src, join(work, 'test-pack.hallpack'));
    const added = await run('repo', 'add', site, file, '--activate-at', '2027-01-01 09:00');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/added test-pack@1\.0\.0/);
    expect(added.out).toMatch(/repo publish/);
    // The same version twice is refused with what to do.
    const again = await run('repo', 'add', site, file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/higher version/);

    expect((await run('repo', 'publish', site)).code).toBe(0);
    const list = await run('repo', 'list', site, '--json');
    const listed = JSON.parse(list.out) as { packs: { meta: { id: string; activateAt: string } }[] };
    expect(listed.packs.map((p) => p.meta)).toMatchObject([
      { id: 'test-pack', activateAt: '2027-01-01T09:00' },
    ]);

    const dataDir = join(work, 'kiosk');
    const pub = join(work, 'pub.pem');
    await writeFile(pub, key.publicKeyPem);
    const pulled = await run(
      'pull',
      '--from',
      server.url,
      '--root',
      join(site, 'metadata', '1.root.json'),
      '--data-dir',
      dataDir,
      '--trust',
      pub,
      '--json',
    );
    expect(pulled.code).toBe(0);
    expect(JSON.parse(pulled.out)).toMatchObject({
      ok: true,
      outcome: { kind: 'installed', ref: 'test-pack@1.0.0' },
    });
    const second = await run(
      'pull',
      '--from',
      server.url,
      '--root',
      join(site, 'metadata', '1.root.json'),
      '--data-dir',
      dataDir,
      '--trust',
      pub,
    );
    expect(second.out).toBe('up to date: test-pack@1.0.0');
  });

  it('repo add refuses an unsigned or unbuilt pack, naming the file and the fix', async () => {
    const site = join(work, 'site');
    await rm(site, { recursive: true, force: true });
    await run('repo', 'init', site);
    const src = join(work, 'unsigned');
    await writePackFolder(src, { id: 'test-pack', version: '1.0.0', key: null });
    const folder = await run('repo', 'add', site, src);
    expect(folder.code).toBe(1);
    expect(folder.err).toMatch(/built \.hallpack/);
    const file = await zipFolder(src, join(work, 'unsigned.hallpack'));
    const unsigned = await run('repo', 'add', site, file);
    expect(unsigned.code).toBe(1);
    expect(unsigned.err).toContain(file);
    expect(unsigned.err).toMatch(/not signed/);
  });

  it('a folder that is not a repository says to run repo init', async () => {
    const r = await run('repo', 'publish', join(work, 'nothing'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/repo init/);
  });

  it('fleet status reads a shared folder and reports files that are not statuses', async () => {
    const dir = join(work, 'status');
    await mkdir(dir);
    await writeFile(
      join(dir, 'hall-1.json'),
      JSON.stringify({
        kiosk: 'hall-1',
        pack: 'p@1.0.0',
        channel: 'stable',
        lastPullAt: null,
        lastSuccessAt: null,
        lastError: 'metadata: fetch failed',
        pending: null,
        pendingAt: null,
      }),
    );
    await writeFile(join(dir, 'junk.json'), '{"x":1}');
    const r = await run('fleet', 'status', dir);
    expect(r.out).toMatch(/hall-1 {2}p@1\.0\.0 .*LAST ERROR: metadata: fetch failed/);
    expect(r.err).toMatch(/junk\.json: not a kiosk status/);
    expect(r.code).toBe(1);
  });
});

describe('offline first', () => {
  it('no fleet section: nothing is started and no request is made', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const config = kioskConfigSchema.parse({});
    const content = {} as KioskContent;
    const scheduler = { rearm: () => Promise.resolve() };
    expect(startKioskFleet({ config, dataDir: work, content, scheduler, log: memoryLogger() })).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
    expect(server.requests).toEqual([]);
  });

  it('config: a fleet section is checked (http(s) URL, poll at least 30 s, channel name)', () => {
    expect(kioskConfigSchema.safeParse({ fleet: { url: 'file:///x', rootFile: 'root.json' } }).success).toBe(
      false,
    );
    expect(
      kioskConfigSchema.safeParse({ fleet: { url: 'http://h/', rootFile: 'r.json', pollSeconds: 5 } })
        .success,
    ).toBe(false);
    const ok = kioskConfigSchema.parse({
      fleet: { url: 'https://packs.example/hall', rootFile: 'root.json' },
    });
    expect(ok.fleet).toMatchObject({ pollSeconds: 300, channel: 'stable' });
  });

  it('the status file survives a torn write: a damaged one starts afresh', async () => {
    const { readStatus } = await import('../../../../electron/node/fleet/poller');
    await mkdir(join(work, 'fleet'), { recursive: true });
    await writeFile(join(work, 'fleet', 'status.json'), '{"kiosk": "a", "pa');
    expect(await readStatus(work, 'a', 'stable')).toMatchObject({ kiosk: 'a', pack: null, lastPullAt: null });
    expect(await readFile(join(work, 'fleet', 'status.json'), 'utf8')).toContain('"pa');
  });
});
