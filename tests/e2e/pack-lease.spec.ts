/**
 * Install + commit while serving → no 404s, with a real page. A hall server on a real pack store
 * (as `npm run serve -- --data-dir` runs it) shows pack 0.1.0; a technician's `hallpack install
 * --activate` of 0.2.0 and 0.3.0 and `hallpack commit` run in their own processes, and their
 * clean-up must not delete 0.1.0 while the page shows it: every request of the page for 0.1.0's
 * files answers 200, also after the kiosk followed the store to 0.3.0, until the page reloads at
 * its idle moment (attract) and shows 0.3.0. Then 0.1.0 is collected. The page's clock is a test
 * clock, so its 15 s status poll passes without waiting for it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../electron/node/config/config';
import { createKioskCalls } from '../../electron/node/kiosk/kiosk-calls';
import { openKioskContent } from '../../electron/node/kiosk-content';
import { buildPack } from '../../electron/node/pack/build';
import { createPackStore } from '../../electron/node/pack/store';
import { generateKeyPair, loadPrivateKey, loadTrustedKey } from '../../electron/node/pack/signature';
import { startHallServer } from '../../electron/node/server/hall-server';
import { createKioskHttpHandler } from '../../electron/node/server/kiosk-http';
import { expect, test } from './fixtures';

const FIXTURE = path.resolve('tests/fixtures/packs/minimal');
const TITLES: Record<string, string> = {
  '0.1.0': '最小测试内容包',
  '0.2.0': '第二版展览',
  '0.3.0': '第三版展览',
};

/** `hallpack <args>` in its own process; resolves to its JSON output. */
function hallpack(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('bin/hallpack.mjs'), ...args, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as Record<string, unknown>);
      else reject(new Error(`hallpack ${args[0]} exited ${String(code)}: ${out}${err}`));
    });
  });
}

test('install + commit while serving: no 404s until the page switched, then the old pack is collected', async ({
  page,
  hall,
}) => {
  const work = await mkdtemp(path.join(tmpdir(), 'hall-e2e-lease-'));
  const dataDir = path.join(work, 'data');
  await mkdir(dataDir, { recursive: true });
  const pair = generateKeyPair();
  const privateKey = loadPrivateKey(pair.privateKeyPem);
  const trusted = loadTrustedKey(pair.publicKeyPem);
  if (!privateKey.ok || !trusted.ok) throw new Error('test key');
  const pub = path.join(work, 'pub.pem');
  await writeFile(pub, pair.publicKeyPem);
  await writeFile(
    path.join(dataDir, 'config.json'),
    JSON.stringify({ trustedKeys: [{ name: 'e2e', publicKeyPem: pair.publicKeyPem }] }),
    { mode: 0o600 },
  );
  const built: Record<string, string> = {};
  for (const version of Object.keys(TITLES)) {
    const src = path.join(work, `src-${version}`);
    await cp(FIXTURE, src, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(src, 'pack.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    manifest['version'] = version;
    manifest['title'] = { 'zh-Hans': TITLES[version], en: `Edition ${version}` };
    await writeFile(path.join(src, 'pack.json'), JSON.stringify(manifest));
    built[version] = path.join(work, `built-${version}`);
    const result = await buildPack({ sourceDir: src, outDir: built[version], privateKey: privateKey.value });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
  }
  const store = createPackStore({ dataDir, trustedKeys: [trusted.value], allowUnsigned: false });
  expect((await store.install(built['0.1.0']!, { activate: true })).ok).toBe(true);
  expect((await store.commit()).ok).toBe(true);
  const v1Dir = path.join(dataDir, 'packs', 'minimal@0.1.0');

  const content = await openKioskContent({
    dataDir,
    embeddedPackRoot: FIXTURE,
    developmentKeyPath: path.join(work, 'no-development-key.pem'),
    config: loadConfig(dataDir).config,
    log: hall.log,
    followMs: 200,
  });
  const server = await startHallServer({
    port: 0,
    rendererRoot: hall.rendererRoot,
    getActivePack: content.getActivePack,
    log: hall.log,
    kioskApi: createKioskHttpHandler({
      calls: createKioskCalls({ config: () => null, activePack: content.activePackInfo }),
      log: hall.log,
    }),
  });

  // Every answer the page gets for a pack file.
  const packAnswers: { url: string; status: number }[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/pack/'))
      packAnswers.push({ url: r.url(), status: r.status() });
  });
  const v1Files = Object.keys(
    (JSON.parse(await readFile(path.join(built['0.1.0']!, 'pack.json'), 'utf8')) as { files: object }).files,
  );
  /** The page asks for each of 0.1.0's files, as it would when a visitor opens them. */
  const pageFetchesV1 = () =>
    page.evaluate(
      (files) =>
        Promise.all(
          files.map((f) => fetch(`pack/${f}`, { cache: 'no-store' }).then((r) => `${f} ${r.status}`)),
        ),
      v1Files,
    );
  const allOk = v1Files.map((f) => `${f} 200`);

  try {
    await page.clock.install();
    await page.goto(server.url);
    await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('pack-title')).toHaveText(TITLES['0.1.0']!);
    expect(await pageFetchesV1()).toEqual(allOk);

    // The technician, in other processes.
    const trust = ['--data-dir', dataDir, '--trust', pub];
    await hallpack(['install', built['0.2.0']!, '--activate', ...trust]);
    expect(await pageFetchesV1()).toEqual(allOk);
    await hallpack(['install', built['0.3.0']!, '--activate', ...trust]);
    const commit = await hallpack(['commit', ...trust]);
    expect(commit['removed']).toEqual([]);
    expect(existsSync(v1Dir)).toBe(true);
    expect(await pageFetchesV1()).toEqual(allOk);

    // The kiosk follows the store; the page, still on 0.1.0, is still served 0.1.0.
    await expect.poll(() => content.activePackInfo()?.version).toBe('0.3.0');
    expect(await pageFetchesV1()).toEqual(allOk);
    await expect(page.getByTestId('pack-title')).toHaveText(TITLES['0.1.0']!);
    await expect(page.locator('html')).toHaveAttribute('data-screen', 'attract');

    // Its status poll comes round: on attract, an idle moment, it reloads and shows 0.3.0.
    await page.clock.fastForward(16_000);
    await expect(page.getByTestId('pack-title')).toHaveText(TITLES['0.3.0']!, { timeout: 20_000 });
    await expect.poll(() => existsSync(v1Dir), { timeout: 10_000 }).toBe(false);
    expect(existsSync(path.join(dataDir, 'packs', 'minimal@0.2.0'))).toBe(true); // the previous pack stays

    expect(packAnswers.length).toBeGreaterThan(v1Files.length * 4);
    expect(packAnswers.filter((a) => a.status >= 400)).toEqual([]);
  } finally {
    await server.close();
    await content.close();
    await rm(work, { recursive: true, force: true, maxRetries: 5 });
  }
});
