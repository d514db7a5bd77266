import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPackStore, freeSpaceMargin } from '../../../../electron/node/pack/store';
import { nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import type { PackStore, PackStoreOptions } from '../../../../electron/node/pack/store';
import { compareSemver } from '../../../../electron/node/pack/store/semver';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { buildZip } from '../../../fixtures/hostile/zip-writer';
import { listTree, makeKey, writePackFolder, zipFolder } from './store-helpers';
import type { TestKey, TestPackSpec } from './store-helpers';

let key: TestKey;
let otherKey: TestKey;
let work: string;
let dataDir: string;

beforeAll(() => {
  key = makeKey();
  otherKey = makeKey();
});
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'hall-store-'));
  dataDir = join(work, 'data');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

let packCounter = 0;
async function pack(
  spec: Partial<TestPackSpec> & { version: string },
  opts: { zip?: boolean } = {},
): Promise<string> {
  packCounter += 1;
  const dir = join(work, `src-${packCounter}`);
  await writePackFolder(dir, { key, ...spec });
  if (!opts.zip) return dir;
  return zipFolder(dir, join(work, `src-${packCounter}.hallpack`));
}

function store(overrides: Partial<PackStoreOptions> = {}): PackStore {
  return createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false, ...overrides });
}

const codes = (r: { ok: boolean; problems?: { code: string }[] }) =>
  r.ok ? [] : (r.problems ?? []).map((p) => p.code);

async function installActivateCommit(s: PackStore, source: string): Promise<string> {
  const installed = await s.install(source);
  if (!installed.ok) throw new Error(JSON.stringify(installed.problems));
  const activated = await s.activate(installed.ref);
  if (!activated.ok) throw new Error(JSON.stringify(activated.problems));
  const committed = await s.commit(installed.ref);
  if (!committed.ok) throw new Error(JSON.stringify(committed.problems));
  return installed.ref;
}

/** The store's folder holds nothing half-done: no staging or trash entries, no temporary files. */
async function expectClean(): Promise<void> {
  const tree = await listTree(dataDir);
  expect(tree.filter((p) => /^(staging|trash)\/./.test(p))).toEqual([]);
  expect(tree.filter((p) => /\.tmp-/.test(p))).toEqual([]);
  expect(tree).not.toContain('store.lock');
}

describe('free-space margin', () => {
  it('is a tenth of the pack, at least 64 MiB, or the hall’s own figure', () => {
    const MiB = 1024 * 1024;
    expect(freeSpaceMargin(10 * MiB)).toBe(64 * MiB);
    expect(freeSpaceMargin(4096 * MiB)).toBe(Math.ceil(409.6 * MiB));
    expect(freeSpaceMargin(4096 * MiB, 0)).toBe(0);
    expect(freeSpaceMargin(10 * MiB, 500)).toBe(500 * MiB);
  });

  it('refuses an install that would leave less than the margin free, and says how much', async () => {
    const source = await pack({ version: '1.0.0' });
    const tight = { ...nodeFsOps, freeBytes: () => Promise.resolve(32 * 1024 * 1024) };
    const refused = await store({ fsOps: tight }).install(source);
    expect(codes(refused)).toEqual(['store.no-space']);
    if (!refused.ok) expect(refused.problems[0]?.message.en).toMatch(/kept free/);
    // A hall that set its own margin of 16 MiB installs the same pack on the same disk.
    const ok = await store({ fsOps: tight, freeSpaceMarginMb: 16 }).install(source);
    expect(ok.ok).toBe(true);
  });
});

describe('install', () => {
  it('installs a signed folder: listed files, exact pack.json and pack.sig, nothing else', async () => {
    const source = await pack({ version: '1.0.0', unlisted: { 'notes/secret.txt': 'not listed' } });
    const s = store();
    const result = await s.install(source);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ref).toBe('test-pack@1.0.0');
    expect(result.warnings.map((w) => w.code)).toContain('files.unlisted');
    const root = join(dataDir, 'packs', 'test-pack@1.0.0');
    expect(await listTree(root)).toEqual([
      'media/',
      'media/a.png',
      'media/b.webp',
      'media/captions/',
      'media/captions/b.zh.vtt',
      'pack.json',
      'pack.sig',
    ]);
    expect(await readFile(join(root, 'pack.json'))).toEqual(await readFile(join(source, 'pack.json')));
    expect(JSON.parse(await readFile(join(dataDir, 'accepted.json'), 'utf8'))).toEqual({
      'test-pack': '1.0.0',
    });
    expect(result.diff).toEqual({
      from: null,
      places: { added: 2, removed: 0, changed: 0 },
      events: { added: 0, removed: 0, changed: 0 },
      media: { added: 1, removed: 0, changed: 0 },
    });
    await expectClean();
    expect(await s.state()).toBeNull();
  });

  it('installs a .hallpack archive', async () => {
    const source = await pack({ version: '1.0.0' }, { zip: true });
    const result = await store().install(source);
    expect(result.ok).toBe(true);
    const list = await store().list();
    expect(list.map((p) => [p.ref, p.files, p.role])).toEqual([['test-pack@1.0.0', 3, null]]);
  });

  it('reports what changes against the current pack', async () => {
    const s = store();
    await installActivateCommit(s, await pack({ version: '1.0.0', places: 3 }));
    const result = await s.install(
      await pack({
        version: '1.1.0',
        places: 4,
        files: { 'media/a.png': 'a new picture' },
        edit: (m) => {
          m.places![0]!.summary = { 'zh-Hans': '改', en: 'changed' };
        },
      }),
    );
    expect(result.ok && result.diff).toEqual({
      from: 'test-pack@1.0.0',
      places: { added: 1, removed: 0, changed: 3 },
      events: { added: 0, removed: 0, changed: 0 },
      media: { added: 0, removed: 0, changed: 1 },
    });
  });

  it('refuses hostile archives before writing anything', async () => {
    const evil = join(work, 'evil.hallpack');
    await writeFile(
      evil,
      buildZip([
        { name: 'pack.json', data: Buffer.from('{}') },
        { name: '../../etc/x', data: Buffer.from('x') },
      ]),
    );
    const s = store();
    const result = await s.install(evil);
    expect(codes(result)).toEqual(['archive.traversal']);
    expect(await listTree(join(dataDir, 'packs'))).toEqual([]);
    await expectClean();
  });

  it('refuses a source without pack.json, or that does not exist', async () => {
    const empty = join(work, 'empty');
    await mkdir(empty);
    expect(codes(await store().install(empty))).toEqual(['manifest.missing']);
    expect(codes(await store().install(join(work, 'nope')))).toEqual(['source.not-found']);
  });

  for (const zip of [false, true]) {
    const kind = zip ? 'archive' : 'folder';
    it(`refuses modified, resized and missing files (${kind}) and leaves the store unchanged`, async () => {
      const s = store();
      await installActivateCommit(s, await pack({ version: '1.0.0' }));
      const before = await listTree(dataDir);

      const modified = join(work, `modified-${kind}`);
      await writePackFolder(modified, { key, version: '2.0.0' });
      const data = await readFile(join(modified, 'media/a.png'));
      data[5] = data[5]! ^ 1;
      await writeFile(join(modified, 'media/a.png'), data);
      const modifiedSource = zip ? await zipFolder(modified, `${modified}.hallpack`) : modified;
      expect(codes(await s.install(modifiedSource))).toEqual(['files.hash-mismatch']);

      const resized = join(work, `resized-${kind}`);
      await writePackFolder(resized, { key, version: '2.0.0' });
      await writeFile(join(resized, 'media/b.webp'), 'longer than it was');
      const resizedSource = zip ? await zipFolder(resized, `${resized}.hallpack`) : resized;
      expect(codes(await s.install(resizedSource))).toEqual(['files.size-mismatch']);

      const missing = join(work, `missing-${kind}`);
      await writePackFolder(missing, { key, version: '2.0.0' });
      await unlink(join(missing, 'media/captions/b.zh.vtt'));
      const missingSource = zip ? await zipFolder(missing, `${missing}.hallpack`) : missing;
      expect(codes(await s.install(missingSource))).toEqual(['files.missing']);

      expect(await listTree(dataDir)).toEqual(before);
      expect((await s.state())?.current).toBe('test-pack@1.0.0');
    });
  }

  it('refuses a file that grows while it is copied (hash checked on the copied bytes)', async () => {
    const dir = await pack({
      version: '1.0.0',
      files: { 'media/big.bin': Buffer.alloc(3 * 1024 * 1024, 1) },
    });
    await writeFile(join(dir, 'media/big.bin'), Buffer.alloc(3 * 1024 * 1024, 2));
    expect(codes(await store().install(dir))).toEqual(['files.hash-mismatch']);
    await expectClean();
  });
});

describe('signatures through install', () => {
  it('refuses a flipped byte in pack.json', async () => {
    const dir = await pack({ version: '1.0.0' });
    const bytes = await readFile(join(dir, 'pack.json'));
    const at = bytes.indexOf(Buffer.from('Test Hall'));
    bytes[at] = 'B'.charCodeAt(0);
    await writeFile(join(dir, 'pack.json'), bytes);
    expect(codes(await store().install(dir))).toEqual(['sig.invalid']);
    await expectClean();
  });

  it('refuses a flipped byte in the signature', async () => {
    const dir = await pack({ version: '1.0.0' });
    const sig = JSON.parse(await readFile(join(dir, 'pack.sig'), 'utf8')) as { sig: string };
    const raw = Buffer.from(sig.sig, 'base64');
    raw[10] = raw[10]! ^ 0x40;
    await writeFile(join(dir, 'pack.sig'), JSON.stringify({ ...sig, sig: raw.toString('base64') }));
    expect(codes(await store().install(dir))).toEqual(['sig.invalid']);
  });

  it('refuses a truncated signature', async () => {
    const dir = await pack({ version: '1.0.0' });
    const sig = await readFile(join(dir, 'pack.sig'));
    await writeFile(join(dir, 'pack.sig'), sig.subarray(0, 60));
    expect(codes(await store().install(dir))).toEqual(['sig.truncated']);
  });

  it('refuses a pack signed by a key this kiosk does not trust', async () => {
    const dir = await pack({ version: '1.0.0', key: otherKey });
    expect(codes(await store().install(dir))).toEqual(['sig.untrusted-key']);
  });

  it('refuses an unsigned pack unless unsigned packs are allowed', async () => {
    const dir = await pack({ version: '1.0.0', key: null });
    expect(codes(await store().install(dir))).toEqual(['sig.missing']);
    const allowed = await store({ allowUnsigned: true }).install(dir);
    expect(allowed.ok).toBe(true);
    expect(allowed.ok && allowed.warnings.map((w) => [w.code, w.severity])).toContainEqual([
      'sig.missing',
      'warning',
    ]);
  });

  it('still refuses a forged signature when unsigned packs are allowed', async () => {
    const dir = await pack({ version: '1.0.0' });
    const bytes = await readFile(join(dir, 'pack.json'));
    await writeFile(join(dir, 'pack.json'), Buffer.concat([bytes, Buffer.from(' ')]));
    expect(codes(await store({ allowUnsigned: true }).install(dir))).toEqual(['sig.invalid']);
  });
});

describe('downgrade and replay', () => {
  it('refuses older and equal versions, persisted across store instances', async () => {
    const v1 = await pack({ version: '1.0.0' });
    const v2 = await pack({ version: '2.0.0' });
    await installActivateCommit(store(), v2);
    // Replay of an older signed version: valid signature, still refused.
    expect(codes(await store().install(v1))).toEqual(['store.downgrade']);
    // The same version again.
    expect(codes(await store().install(v2))).toEqual(['store.downgrade']);
    // Even after the installed copy is gone, the accepted version stays.
    await installActivateCommit(store(), await pack({ version: '2.1.0' }));
    await installActivateCommit(store(), await pack({ version: '2.2.0' }));
    expect((await store().list()).map((p) => p.ref)).toEqual(['test-pack@2.2.0', 'test-pack@2.1.0']);
    expect(codes(await store().install(await pack({ version: '2.0.5' })))).toEqual(['store.downgrade']);
    const problem = (await store().install(v1)) as {
      problems: { message: { en: string; 'zh-Hans': string } }[];
    };
    expect(problem.problems[0]!.message.en).toContain('2.2.0');
  });

  it('orders pre-releases below their release', async () => {
    await installActivateCommit(store(), await pack({ version: '2.0.0-rc.1' }));
    expect((await store().install(await pack({ version: '2.0.0-beta.9' }))).ok).toBe(false);
    expect((await store().install(await pack({ version: '2.0.0-rc.2' }))).ok).toBe(true);
    expect((await store().install(await pack({ version: '2.0.0' }))).ok).toBe(true);
    expect(codes(await store().install(await pack({ version: '2.0.0-rc.3' })))).toEqual(['store.downgrade']);
  });

  it('keeps versions per pack id', async () => {
    await installActivateCommit(store(), await pack({ version: '5.0.0', id: 'alpha' }));
    expect((await store().install(await pack({ version: '1.0.0', id: 'beta' }))).ok).toBe(true);
  });

  it('lets staff roll back explicitly to an installed lower version', async () => {
    const s = store();
    await installActivateCommit(s, await pack({ version: '1.0.0' }));
    await installActivateCommit(s, await pack({ version: '2.0.0' }));
    const rolled = await s.rollback();
    expect(rolled.ok && rolled.state).toEqual({
      current: 'test-pack@1.0.0',
      previous: 'test-pack@2.0.0',
      committed: false,
      boots: 0,
    });
    expect((await store().selectAtBoot()).pack?.ref).toBe('test-pack@1.0.0');
  });
});

describe('activate, commit, rollback, remove, list', () => {
  it('switches the pointer, keeps the previous pack, collects garbage only on commit', async () => {
    const s = store();
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    const r2 = (await s.install(await pack({ version: '2.0.0' }))) as { ref: string };
    const r3 = (await s.install(await pack({ version: '3.0.0' }))) as { ref: string };
    expect(await s.activate(r2.ref)).toMatchObject({
      ok: true,
      state: { current: r2.ref, previous: r1, committed: false },
    });
    expect((await s.list()).map((p) => [p.ref, p.role])).toEqual([
      [r3.ref, null],
      [r2.ref, 'current'],
      [r1, 'previous'],
    ]);
    // Nothing removed before commit.
    expect(await listTree(join(dataDir, 'packs'))).toContain('test-pack@1.0.0/');
    const committed = await s.commit();
    // 3.0.0 is a pending upgrade of the current pack: kept.
    expect(committed).toMatchObject({ ok: true, removed: [], state: { committed: true } });
    await s.activate(r3.ref);
    const again = await s.commit(r3.ref);
    expect(again).toMatchObject({ ok: true, removed: [r1] });
    expect((await s.list()).map((p) => p.ref)).toEqual([r3.ref, r2.ref]);
    await expectClean();
  });

  it('activation is idempotent and refuses what is not installed', async () => {
    const s = store();
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    expect(await s.activate(r1)).toMatchObject({ ok: true, state: { current: r1, committed: true } });
    expect(codes(await s.activate('test-pack@9.9.9'))).toEqual(['store.not-installed']);
    expect(codes(await s.activate('../../etc@1.0.0'))).toEqual(['store.not-installed']);
  });

  it('never removes the current or previous pack', async () => {
    const s = store();
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    const r2 = await installActivateCommit(s, await pack({ version: '2.0.0' }));
    expect(codes(await s.remove(r1))).toEqual(['store.in-use']);
    expect(codes(await s.remove(r2))).toEqual(['store.in-use']);
    expect(codes(await s.remove('test-pack@7.0.0'))).toEqual(['store.not-installed']);
    const r3 = (await s.install(await pack({ version: '3.0.0' }))) as { ref: string };
    expect(await s.remove(r3.ref)).toEqual({ ok: true });
    expect((await s.list()).map((p) => p.ref)).toEqual([r2, r1]);
  });

  it('has nothing to roll back to or commit on a fresh store', async () => {
    expect(codes(await store().rollback())).toEqual(['store.no-previous']);
    // The app commits whatever it rendered; with nothing activated that is a no-op.
    expect(await store().commit()).toEqual({ ok: true, state: null, removed: [], problems: [] });
  });

  it('commit for a pack that is not current changes nothing', async () => {
    const s = store();
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    const r2 = (await s.install(await pack({ version: '2.0.0' }))) as { ref: string };
    await s.activate(r2.ref);
    const result = await s.commit(r1);
    expect(result).toEqual({
      ok: true,
      removed: [],
      problems: [],
      state: { current: r2.ref, previous: r1, committed: false, boots: 0 },
    });
  });
});

describe('boot selection', () => {
  let defaultDir: string;
  beforeEach(async () => {
    defaultDir = join(work, 'default');
    await writePackFolder(defaultDir, { key, version: '0.1.0', id: 'default-pack' });
  });

  it('picks the active pack, else the previous, else the embedded default, and says why', async () => {
    const log = memoryLogger();
    const s = store({ embeddedDefault: defaultDir, log });
    expect(await s.selectAtBoot()).toMatchObject({
      pack: { source: 'default', ref: 'default-pack@0.1.0', root: defaultDir },
    });
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    const r2 = await installActivateCommit(s, await pack({ version: '2.0.0' }));
    const boot = await store({ embeddedDefault: defaultDir }).selectAtBoot();
    expect(boot.pack).toMatchObject({ ref: r2, source: 'active', root: join(dataDir, 'packs', r2) });
    expect(boot.pack?.manifest.version).toBe('2.0.0');
    expect(boot.problems).toEqual([]);

    await unlink(join(dataDir, 'packs', r2, 'media/b.webp'));
    const fallback = await store({ embeddedDefault: defaultDir }).selectAtBoot();
    expect(fallback.pack).toMatchObject({ ref: r1, source: 'previous' });
    expect(fallback.problems.map((p) => p.code)).toEqual(['files.missing', 'store.boot-fallback']);

    await writeFile(join(dataDir, 'packs', r1, 'media/a.png'), 'truncated');
    const last = await store({ embeddedDefault: defaultDir }).selectAtBoot();
    expect(last.pack).toMatchObject({ source: 'default' });
    expect(last.problems.map((p) => p.code)).toContain('files.size-mismatch');

    expect(await store().selectAtBoot()).toMatchObject({ pack: null });
    expect(log.entries.some((e) => e.msg.includes('boot selected'))).toBe(true);
  });

  it('names the first 20 damaged files of a pack in its manifest order (the files are checked in parallel)', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `media/f${String(i).padStart(2, '0')}.png`);
    const many = join(work, 'many');
    await writePackFolder(many, {
      key,
      version: '0.2.0',
      id: 'default-pack',
      files: Object.fromEntries(names.map((n) => [n, `bytes of ${n}`])),
    });
    for (const n of names.slice(5)) await unlink(join(many, n));
    await writeFile(join(many, names[2]!), 'longer than it was listed');
    const boot = await store({ embeddedDefault: many }).selectAtBoot();
    expect(boot.pack).toBeNull();
    const files = boot.problems.filter((p) => p.code.startsWith('files.'));
    expect(files.map((p) => p.code)).toEqual([
      'files.size-mismatch',
      ...names.slice(5, 24).map(() => 'files.missing'),
    ]);
    expect(files.map((p) => p.file)).toEqual([names[2], ...names.slice(5, 24)]);
  });

  it('re-checks signatures at boot: a key removed from the trusted list falls back', async () => {
    const s = store({ trustedKeys: [key.trusted, otherKey.trusted] });
    await installActivateCommit(s, await pack({ version: '1.0.0' }));
    await installActivateCommit(s, await pack({ version: '2.0.0', key: otherKey }));
    const boot = await store().selectAtBoot();
    expect(boot.pack?.ref).toBe('test-pack@1.0.0');
    expect(boot.problems.map((p) => p.code)).toContain('sig.untrusted-key');
  });

  it('a tampered installed pack.json fails the signature check at boot', async () => {
    const s = store({ embeddedDefault: defaultDir });
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    const path = join(dataDir, 'packs', r1, 'pack.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('Test Hall', 'Evil Hall'));
    const boot = await store({ embeddedDefault: defaultDir }).selectAtBoot();
    expect(boot.pack?.source).toBe('default');
    expect(boot.problems.map((p) => p.code)).toContain('sig.invalid');
  });

  it('rolls back a pack that never confirms rendering after three boots', async () => {
    const s = store();
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    const r2 = (await s.install(await pack({ version: '2.0.0' }))) as { ref: string };
    await s.activate(r2.ref);
    for (let boot = 1; boot <= 3; boot += 1) {
      expect((await store().selectAtBoot()).pack?.ref).toBe(r2.ref);
    }
    const fourth = await store().selectAtBoot();
    expect(fourth.pack?.ref).toBe(r1);
    expect(fourth.problems.map((p) => p.code)).toContain('store.uncommitted-boots');
    expect(await store().state()).toMatchObject({
      current: r1,
      previous: r2.ref,
      committed: false,
      boots: 0,
    });
  });

  it('cleans leftovers of crashed installs at start-up', async () => {
    const s = store();
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    await mkdir(join(dataDir, 'staging', 'abc', 'media'), { recursive: true });
    await writeFile(join(dataDir, 'staging', 'abc', 'media', 'half.png'), 'half');
    await mkdir(join(dataDir, 'trash', 'def'), { recursive: true });
    await writeFile(join(dataDir, 'active.json.tmp-0123456789ab'), '{"current":');
    // A pack folder renamed into place but never recorded in accepted.json: interrupted install.
    await cp(join(dataDir, 'packs', r1), join(dataDir, 'packs', 'test-pack@2.0.0'), { recursive: true });
    const boot = await store().selectAtBoot();
    expect(boot.pack?.ref).toBe(r1);
    await expectClean();
    expect(await listTree(join(dataDir, 'packs'))).not.toContain('test-pack@2.0.0/');
    // And the interrupted version can be installed for real.
    expect((await store().install(await pack({ version: '2.0.0' }))).ok).toBe(true);
  });

  it('survives a corrupt active.json by showing the default and saying so', async () => {
    const s = store({ embeddedDefault: defaultDir });
    await installActivateCommit(s, await pack({ version: '1.0.0' }));
    await writeFile(join(dataDir, 'active.json'), '{"current": 12');
    const boot = await store({ embeddedDefault: defaultDir }).selectAtBoot();
    expect(boot.pack?.source).toBe('default');
    expect(boot.problems.map((p) => p.code)).toContain('store.corrupt-state');
  });

  it('rebuilds a lost accepted.json from the installed packs', async () => {
    const s = store();
    await installActivateCommit(s, await pack({ version: '3.0.0' }));
    await unlink(join(dataDir, 'accepted.json'));
    await store().selectAtBoot();
    expect(codes(await store().install(await pack({ version: '2.0.0' })))).toEqual(['store.downgrade']);
  });
});

describe('full verification', () => {
  it('finds a changed byte that the quick check cannot see', async () => {
    const s = store();
    const r1 = await installActivateCommit(s, await pack({ version: '1.0.0' }));
    expect(await s.verifyFull(r1)).toMatchObject({ ok: true, problems: [], files: 3 });
    const path = join(dataDir, 'packs', r1, 'media/a.png');
    const data = await readFile(path);
    data[0] = data[0]! ^ 1;
    await writeFile(path, data);
    expect((await store().selectAtBoot()).pack?.ref).toBe(r1);
    const full = await s.verifyFull(r1, { concurrency: 2 });
    expect(full.ok).toBe(false);
    expect(full.problems.map((p) => [p.code, p.file])).toEqual([['files.hash-mismatch', 'media/a.png']]);
  });
});

describe('store lock', () => {
  it('refuses while another live process holds the lock, takes over a dead one', async () => {
    const s = store();
    await installActivateCommit(s, await pack({ version: '1.0.0' }));
    const sleeper = spawn('sleep', ['30']);
    try {
      await writeFile(join(dataDir, 'store.lock'), `${sleeper.pid}\n`);
      expect(codes(await s.install(await pack({ version: '2.0.0' })))).toEqual(['store.busy']);
      // Boot still selects (read-only) while someone else installs.
      expect((await store().selectAtBoot()).pack?.ref).toBe('test-pack@1.0.0');
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((resolve) => sleeper.once('exit', resolve));
    }
    expect((await s.install(await pack({ version: '2.0.0' }))).ok).toBe(true);
    await expect(stat(join(dataDir, 'store.lock'))).rejects.toThrow();
  });
});

describe('semver', () => {
  it('follows semver precedence', () => {
    const ordered = [
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
      '10.0.0',
      '99999999999999999999.0.0',
    ];
    for (let i = 0; i < ordered.length; i += 1) {
      for (let j = 0; j < ordered.length; j += 1) {
        expect(compareSemver(ordered[i]!, ordered[j]!)).toBe(Math.sign(i - j));
      }
    }
  });
});
