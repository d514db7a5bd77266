/**
 * A hall fleet against a real nginx from Debian, started here on a loopback port and serving a
 * TUF repository this spec publishes with the same functions `hallpack repo` runs. Kiosks are
 * the real pack store + kiosk content + fleet poller, in this process; one of them is shown in
 * Chromium through the hall server to see the new pack on screen.
 */
import { Metadata, MetadataKind, MetaFile, Timestamp } from '@tufjs/models';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKioskContent } from '../../electron/node/kiosk-content';
import type { KioskContent } from '../../electron/node/kiosk-content';
import { memoryLogger } from '../../electron/node/log/logger';
import type { MemoryLogger } from '../../electron/node/log/logger';
import { buildPack } from '../../electron/node/pack/build';
import { generateKeyPair } from '../../electron/node/pack/signature';
import { startKioskFleet } from '../../electron/node/fleet/kiosk-fleet';
import { createScheduler } from '../../electron/node/schedule/scheduler';
import { readStatus } from '../../electron/node/fleet/poller';
import { addPack, initRepo, loadSigners, publishRepo, repoPaths } from '../../electron/node/fleet/tuf-repo';
import { readFleetStatuses } from '../../electron/node/cli/fleet-commands';
import { kioskConfigSchema } from '../../electron/shared/config-schema';
import { expect, test } from './fixtures';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

let work: string;
let repo: string;
let url: string;
let nginx: ChildProcess | undefined;
let packKey: ReturnType<typeof generateKeyPair>;
let strangerKey: ReturnType<typeof generateKeyPair>;
let embedded: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A copy of the minimal fixture with its own id/version/title, built and signed. */
async function builtPack(version: string, title: string, key = packKey, folder = true): Promise<string> {
  const src = path.join(work, `src-${version}-${key.keyId}`);
  await cp(path.resolve('tests/fixtures/packs/minimal'), src, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(src, 'pack.json'), 'utf8')) as Record<string, unknown>;
  manifest['id'] = 'fleet-demo';
  manifest['version'] = version;
  manifest['title'] = { 'zh-Hans': title, en: title };
  delete manifest['files'];
  await writeFile(path.join(src, 'pack.json'), JSON.stringify(manifest, null, 2));
  await rm(path.join(src, 'pack.sig'), { force: true });
  const out = folder
    ? path.join(work, `built-${version}-${key.keyId}`)
    : path.join(work, `fleet-demo-${version}-${key.keyId}.hallpack`);
  const result = await buildPack({
    sourceDir: src,
    ...(folder ? { outDir: out } : { outFile: out }),
    privateKey: createPrivateKey(key.privateKeyPem),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return out;
}

async function publish(
  version: string,
  title: string,
  opts: { key?: typeof packKey; activateAt?: string; now?: Date } = {},
) {
  const file = await builtPack(version, title, opts.key ?? packKey, false);
  await addPack({
    repo,
    packFile: file,
    pack: { id: 'fleet-demo', version, languages: ['zh-Hans', 'en'], title },
    ...(opts.activateAt ? { activateAt: opts.activateAt } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  await publishRepo({ repo, ...(opts.now ? { now: opts.now } : {}) });
}

type Kiosk = {
  dataDir: string;
  content: KioskContent;
  log: MemoryLogger;
  stop: () => void;
  runOnce: () => Promise<unknown>;
};

async function kiosk(name: string): Promise<Kiosk> {
  const dataDir = path.join(work, name);
  await mkdir(dataDir, { recursive: true });
  const config = kioskConfigSchema.parse({
    trustedKeys: [{ name: 'fleet test', publicKeyPem: packKey.publicKeyPem }],
    trustDevelopmentKey: false,
    fleet: {
      url,
      rootFile: path.join(repo, 'metadata', '1.root.json'),
      pollSeconds: 3600,
      kioskName: name,
      statusUpload: { kind: 'put', url: `${url}/status` },
    },
  });
  await writeFile(path.join(dataDir, 'config.json'), JSON.stringify(config));
  const log = memoryLogger();
  const content = await openKioskContent({
    dataDir,
    embeddedPackRoot: embedded,
    developmentKeyPath: path.join(work, 'none.pem'),
    config,
    log,
  });
  // The kiosk's own dated-pack schedule, as the hall server and Electron run it.
  const scheduler = createScheduler({
    dataDir,
    store: content.store,
    log,
    afterSwitch: async () => void (await content.reselect()),
  });
  const stopSchedule = scheduler.start();
  const fleet = startKioskFleet({ config, dataDir, content, scheduler, log });
  if (!fleet) throw new Error('fleet not started');
  return {
    dataDir,
    content,
    log,
    stop: () => {
      fleet.stop();
      stopSchedule();
    },
    runOnce: () => fleet.runOnce(),
  };
}

const currentRef = (k: Kiosk) => k.content.onScreen()?.ref ?? null;
const errors = (k: Kiosk) =>
  k.log.entries.filter((e) => e.msg === 'fleet: pull failed').map((e) => String(e.data['error']));

test.describe('fleet over nginx', () => {
  test.skip(!NGINX, 'nginx is not installed (apt-get install nginx)');
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'hall-fleet-e2e-'));
    // nginx workers run as an unprivileged user: they must be able to read the repository and
    // write status uploads.
    await chmod(work, 0o755);
    repo = path.join(work, 'site');
    packKey = generateKeyPair();
    strangerKey = generateKeyPair();
    embedded = await builtPack('0.0.1', 'Embedded');
    await initRepo({ repo });
    for (const d of ['status', 'tmp']) {
      await mkdir(path.join(repo, d), { recursive: true });
      await chmod(path.join(repo, d), 0o777);
    }
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const conf = path.join(work, 'nginx.conf');
    await writeFile(
      conf,
      `daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${repo}/tmp;
  proxy_temp_path ${repo}/tmp; fastcgi_temp_path ${repo}/tmp; uwsgi_temp_path ${repo}/tmp; scgi_temp_path ${repo}/tmp;
  types { application/json json; application/octet-stream hallpack; }
  server {
    listen 127.0.0.1:${port};
    root ${repo};
    location /metadata/ { add_header Cache-Control "no-cache"; }
    location /status/ { dav_methods PUT; create_full_put_path off; autoindex on; autoindex_format json; client_max_body_size 64k; }
  }
}
`,
    );
    const check = spawnSync(NGINX ?? 'nginx', ['-t', '-c', conf, '-p', work], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
    nginx = spawn(NGINX ?? 'nginx', ['-c', conf, '-p', work], { stdio: 'ignore' });
    // Wait for nginx to answer (bounded): its own signal, not a sleep.
    await expect
      .poll(
        async () =>
          fetch(`${url}/metadata/root.json`)
            .then((r) => r.status)
            .catch(() => 0),
        { timeout: 10_000 },
      )
      .toBe(200);
  });

  test.afterAll(async () => {
    nginx?.kill('SIGTERM');
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('a kiosk pulls a new pack and shows it; status uploads and reads back', async ({ page, hall }) => {
    const k = await kiosk('hall-a');
    try {
      expect(currentRef(k)).toBe('fleet-demo@0.0.1');
      const server = await hall.startAnother(k.content.getActivePack);
      await page.goto(server.url);
      await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
      await expect(page.locator('body')).toContainText('Embedded');

      await publish('1.0.0', 'Winter Commemoration');
      await k.runOnce();
      expect(currentRef(k)).toBe('fleet-demo@1.0.0');
      await page.goto(server.url);
      await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
      await expect(page.locator('body')).toContainText('Winter Commemoration');

      const status = await readStatus(k.dataDir, 'hall-a', 'stable');
      expect(status).toMatchObject({ kiosk: 'hall-a', pack: 'fleet-demo@1.0.0', lastError: null });
      const read = await readFleetStatuses(`${url}/status/`);
      expect(read.problems).toEqual([]);
      expect(read.statuses.map((s) => [s.kiosk, s.pack])).toEqual([['hall-a', 'fleet-demo@1.0.0']]);
    } finally {
      k.stop();
    }
  });

  test('hostile repositories are refused with the reason logged; the current pack stays', async () => {
    const k = await kiosk('hall-b');
    try {
      await k.runOnce();
      expect(currentRef(k)).toBe('fleet-demo@1.0.0');
      const attempts: [string, RegExp, () => Promise<void>, () => Promise<void>][] = [];
      const metadata = path.join(repo, 'metadata');

      // 1. A tampered target: the bytes on the server differ from the signed hash.
      let original: { file: string; bytes: Buffer } | undefined;
      attempts.push([
        'tampered target',
        /hash|length/i,
        async () => {
          await publish('1.1.0', 'Tampered');
          const dir = path.join(repo, 'targets', 'packs', 'fleet-demo');
          const file = (await readdir(dir)).find((n) => n.endsWith('fleet-demo-1.1.0.hallpack'));
          const full = path.join(dir, file ?? '');
          const bytes = await readFile(full);
          original = { file: full, bytes: Buffer.from(bytes) };
          bytes[100] = (bytes[100] ?? 0) ^ 0xff;
          await writeFile(full, bytes);
        },
        async () => {
          if (original) await writeFile(original.file, original.bytes);
        },
      ]);
      // 2. An expired timestamp (a server nobody re-publishes).
      let saved: Buffer | undefined;
      attempts.push([
        'expired timestamp',
        /expired/i,
        async () => {
          saved = await readFile(path.join(metadata, 'timestamp.json'));
          await publishRepo({ repo, now: new Date(Date.now() - 3 * 86_400_000) });
        },
        async () => {
          await publishRepo({ repo });
        },
      ]);
      // 3. Freeze: an old, validly signed timestamp replayed after a newer one was seen.
      attempts.push([
        'freeze (old timestamp replayed)',
        /version/i,
        async () => {
          if (saved) await writeFile(path.join(metadata, 'timestamp.json'), saved);
        },
        async () => {
          await publishRepo({ repo });
        },
      ]);
      // 4. A rolled-back snapshot under a fresh timestamp (the timestamp key alone is stolen).
      attempts.push([
        'rolled-back snapshot',
        /snapshot/i,
        async () => {
          const current = Metadata.fromJSON(
            MetadataKind.Timestamp,
            JSON.parse(await readFile(path.join(metadata, 'timestamp.json'), 'utf8')) as never,
          );
          const old = await readFile(path.join(metadata, '2.snapshot.json'));
          const forged = new Metadata<Timestamp>(
            new Timestamp({
              version: current.signed.version + 1,
              specVersion: current.signed.specVersion,
              expires: current.signed.expires,
              snapshotMeta: new MetaFile({
                version: 2,
                length: old.length,
                hashes: { sha256: createHash('sha256').update(old).digest('hex') },
              }),
            }),
          );
          for (const s of await loadSigners(repoPaths(repo).keys, 'timestamp')) forged.sign(s.sign);
          await writeFile(path.join(metadata, 'timestamp.json'), JSON.stringify(forged.toJSON()));
        },
        async () => {
          await publishRepo({ repo });
        },
      ]);
      // 5. A pack signed by a key the hall does not trust (TUF itself is fine).
      attempts.push([
        'untrusted pack key',
        /pack\.sig/,
        async () => {
          await publish('1.2.0', 'Stranger', { key: strangerKey });
        },
        async () => {},
      ]);

      for (const [name, reason, attack, repair] of attempts) {
        const good = currentRef(k);
        const before = errors(k).length;
        await attack();
        await k.runOnce();
        const logged = errors(k).slice(before);
        expect(logged, name).toHaveLength(1);
        expect(logged[0], name).toMatch(reason);
        expect(currentRef(k), name).toBe(good);
        const status = await readStatus(k.dataDir, 'hall-b', 'stable');
        expect(status.lastError, name).toMatch(reason);
        // Repaired, the next round succeeds: the kiosk was never stuck.
        await repair();
        await k.runOnce();
        if (name !== 'untrusted pack key') expect(errors(k).length, `${name}, repaired`).toBe(before + 1);
      }
      // The repaired tampered pack was installed in a clean round; the stranger's never was.
      expect(currentRef(k)).toBe('fleet-demo@1.1.0');
    } finally {
      k.stop();
    }
  });

  test('two kiosks with the same activation time switch within a second of each other', async () => {
    const a = await kiosk('hall-c');
    const b = await kiosk('hall-d');
    try {
      const at = new Date(Date.now() + 6_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      const local = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
      await publish('2.0.0', 'Commemoration Day', { activateAt: local });
      await Promise.all([a.runOnce(), b.runOnce()]);
      // Installed ahead and on both schedules, not yet current.
      expect((await a.content.store.list()).some((p) => p.ref === 'fleet-demo@2.0.0')).toBe(true);
      expect(currentRef(a)).not.toBe('fleet-demo@2.0.0');
      for (const k of [a, b]) {
        const schedule = JSON.parse(await readFile(path.join(k.dataDir, 'schedule.json'), 'utf8')) as {
          entries: { ref: string; status: string }[];
        };
        expect(schedule.entries).toMatchObject([{ ref: 'fleet-demo@2.0.0', status: 'pending' }]);
      }
      const switched = async (k: Kiosk): Promise<number> => {
        await expect.poll(() => currentRef(k), { timeout: 20_000, intervals: [50] }).toBe('fleet-demo@2.0.0');
        const entry = k.log.entries.find(
          (e) => e.msg === 'schedule started' && e.data['ref'] === 'fleet-demo@2.0.0',
        );
        return entry ? Date.parse(entry.time) : Number.NaN;
      };
      const [ta, tb] = await Promise.all([switched(a), switched(b)]);
      test.info().annotations.push({ type: 'switch gap (ms)', description: String(Math.abs(ta - tb)) });
      expect(Math.abs(ta - tb)).toBeLessThan(1000);
      expect(ta).toBeGreaterThanOrEqual(at.getTime() - 1000);
    } finally {
      a.stop();
      b.stop();
    }
  });
});
