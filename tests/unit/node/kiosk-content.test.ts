import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from '../../../electron/node/pack/signature';
import { addTrustedKey, removeTrustedKey } from '../../../electron/node/trust/trusted-keys';
import { memoryLogger } from '../../../electron/node/log/logger';
import { kioskConfigSchema } from '../../../electron/shared/config-schema';
import type { PackManifest } from '../../../electron/shared/pack-schema';
import type { BootSelection, PackStoreOptions } from '../../../electron/node/pack/store';
import { openKioskContent } from '../../../electron/node/kiosk-content';

const store = vi.hoisted(() => ({
  options: null as PackStoreOptions | null,
  selection: null as BootSelection | null,
  selectError: null as Error | null,
  /** Selections returned before `selection`, one per call. */
  queue: [] as BootSelection[],
  current: null as string | null,
  collect: vi.fn(() => Promise.resolve({ ok: true as const, state: null, removed: [], problems: [] })),
  commit: vi.fn((_ref?: string) =>
    Promise.resolve({ ok: true as const, state: {}, removed: ['old@1.0.0'], problems: [] }),
  ),
}));

vi.mock('../../../electron/node/pack/store', () => ({
  createPackStore: (options: PackStoreOptions) => {
    store.options = options;
    return {
      selectAtBoot: () =>
        store.selectError
          ? Promise.reject(store.selectError)
          : Promise.resolve(store.queue.shift() ?? store.selection),
      commit: store.commit,
      state: () =>
        Promise.resolve(
          store.current === null
            ? null
            : { current: store.current, previous: null, committed: true, boots: 0 },
        ),
      collect: store.collect,
    };
  },
}));

const work = mkdtempSync(path.join(tmpdir(), 'kiosk-content-'));
const dataDir = path.join(work, 'data');
mkdirSync(dataDir);
const devKeyPair = generateKeyPair();
const devKey = path.join(work, 'dev-public.pem');
writeFileSync(devKey, devKeyPair.publicKeyPem);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const builtIn = { id: 'default', version: '1.0.0', manifestSha256: 'a'.repeat(64) };
const manifest = { id: 'hall', version: '2.0.0' } as PackManifest;

function open(configInput: Record<string, unknown> = {}, developmentKeyPath = devKey) {
  const log = memoryLogger();
  const content = openKioskContent({
    dataDir,
    embeddedPackRoot: '/app/packs/default',
    builtIn,
    developmentKeyPath,
    config: kioskConfigSchema.parse(configInput),
    log,
  });
  return { content, log };
}

beforeEach(() => {
  store.options = null;
  store.selectError = null;
  store.selection = {
    pack: { root: '/data/packs/hall@2.0.0', manifest, ref: 'hall@2.0.0', source: 'active' },
    problems: [],
  };
  store.commit.mockClear();
  store.collect.mockClear();
  store.queue = [];
  store.current = null;
});

describe('openKioskContent', () => {
  it('opens the store on the data dir with the built-in pack trusted by its identity, and no key', async () => {
    const { content } = open();
    const c = await content;
    expect(store.options).toMatchObject({
      dataDir,
      embeddedDefault: '/app/packs/default',
      builtIn,
      allowUnsigned: false,
    });
    // A fresh kiosk trusts no key at all, not even the development key.
    expect(store.options?.trustedKeys).toEqual([]);
    await expect(c.getActivePack()).resolves.toEqual({ root: '/data/packs/hall@2.0.0', manifest });
    expect(c.activePackInfo()).toEqual({ id: 'hall', version: '2.0.0' });
  });

  it('trusts the development key only when the configuration says so', async () => {
    await open({ trustDevelopmentKey: true }).content;
    expect(store.options?.trustedKeys.map((k) => k.id)).toEqual([devKeyPair.keyId]);
  });

  it('trusts the keys of the data folder’s trust list (the one hallpack trust manages)', async () => {
    const hall = generateKeyPair();
    expect(await addTrustedKey(dataDir, hall.publicKeyPem, { name: 'hall' })).toMatchObject({ ok: true });
    try {
      await open().content;
      expect(store.options?.trustedKeys.map((k) => k.id)).toEqual([hall.keyId]);
    } finally {
      await removeTrustedKey(dataDir, 'hall');
    }
  });

  it('carries on without the development key file, with a log line', async () => {
    const { content, log } = open({ trustDevelopmentKey: true }, '/nowhere/dev-public.pem');
    await content;
    expect(store.options?.trustedKeys).toEqual([]);
    expect(log.find('development key not found')).toHaveLength(1);
  });

  it('refuses a configured key that is not an Ed25519 public key, and says so', async () => {
    const { content, log } = open({
      trustedKeys: [
        { name: 'bad', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' },
      ],
    });
    await content;
    expect(store.options?.trustedKeys).toHaveLength(0);
    expect(log.find('trusted key refused')).toHaveLength(1);
  });

  it('allows unsigned packs only when configured', async () => {
    await open({ allowUnsignedPacks: true }).content;
    expect(store.options?.allowUnsigned).toBe(true);
  });

  it('logs boot problems and shows nothing rather than crash when selection fails', async () => {
    store.selection = {
      pack: null,
      problems: [
        {
          code: 'store.no-pack',
          severity: 'error',
          file: '/data',
          rule: 'boot',
          message: { 'zh-Hans': '无', en: 'nothing to show' },
        },
      ],
    };
    const { content, log } = open();
    const c = await content;
    expect(c.activePackInfo()).toBeNull();
    await expect(c.getActivePack()).resolves.toBeNull();
    expect(log.find('nothing to show')).toHaveLength(1);

    store.selectError = new Error('disk gone');
    const broken = open();
    expect((await broken.content).activePackInfo()).toBeNull();
    expect(broken.log.find('pack selection failed')).toHaveLength(1);
  });

  it('commits the shown pack once', async () => {
    const c = await open().content;
    await c.confirmShown();
    await c.confirmShown();
    expect(store.commit).toHaveBeenCalledTimes(1);
    expect(store.commit).toHaveBeenCalledWith('hall@2.0.0');
  });

  it('follows the store: the page keeps the pack it loaded until it loads the manifest again; both leased meanwhile', async () => {
    const v2 = path.join(dataDir, 'packs', 'hall@2.0.0');
    const v3 = path.join(dataDir, 'packs', 'hall@3.0.0');
    for (const dir of [v2, v3]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'pack.json'), '{}');
    }
    const m3 = { id: 'hall', version: '3.0.0' } as PackManifest;
    store.current = 'hall@2.0.0';
    store.selection = { pack: { root: v2, manifest, ref: 'hall@2.0.0', source: 'active' }, problems: [] };
    const c = await open().content;
    try {
      await expect(c.getActivePack({ manifest: true })).resolves.toEqual({ root: v2, manifest });
      expect(c.leased()).toEqual(['hall@2.0.0']);
      expect(await c.follow()).toBe(false); // nothing changed

      store.current = 'hall@3.0.0';
      store.selection = {
        pack: { root: v3, manifest: m3, ref: 'hall@3.0.0', source: 'active' },
        problems: [],
      };
      expect(await c.follow()).toBe(true);
      expect(c.activePackInfo()).toEqual({ id: 'hall', version: '3.0.0' }); // kiosk:status names it
      expect(c.leased()).toEqual(['hall@2.0.0', 'hall@3.0.0']);
      await expect(c.getActivePack({ manifest: false })).resolves.toEqual({ root: v2, manifest });
      expect(store.collect).not.toHaveBeenCalled();

      await expect(c.getActivePack({ manifest: true })).resolves.toEqual({ root: v3, manifest: m3 });
      await vi.waitFor(() => expect(store.collect).toHaveBeenCalledTimes(1));
      expect(c.leased()).toEqual(['hall@3.0.0']);
    } finally {
      await c.close();
      rmSync(path.join(dataDir, 'packs'), { recursive: true, force: true });
    }
  });

  it('selects again when the pack it chose was collected before its lease was written', async () => {
    const gone = path.join(dataDir, 'packs', 'hall@2.0.0');
    const there = path.join(dataDir, 'packs', 'hall@3.0.0');
    mkdirSync(there, { recursive: true });
    writeFileSync(path.join(there, 'pack.json'), '{}');
    const m3 = { id: 'hall', version: '3.0.0' } as PackManifest;
    store.queue = [{ pack: { root: gone, manifest, ref: 'hall@2.0.0', source: 'active' }, problems: [] }];
    store.selection = {
      pack: { root: there, manifest: m3, ref: 'hall@3.0.0', source: 'active' },
      problems: [],
    };
    const { content, log } = open();
    const c = await content;
    try {
      expect(c.activePackInfo()).toEqual({ id: 'hall', version: '3.0.0' });
      expect(c.leased()).toEqual(['hall@3.0.0']);
      expect(log.find('removed while it was being selected')).toHaveLength(1);
    } finally {
      await c.close();
      rmSync(path.join(dataDir, 'packs'), { recursive: true, force: true });
    }
  });

  it('never commits the embedded default (nothing to confirm)', async () => {
    store.selection = {
      pack: { root: '/app/packs/default', manifest, ref: 'default@1.0.0', source: 'default' },
      problems: [],
    };
    const c = await open().content;
    await c.confirmShown();
    expect(store.commit).not.toHaveBeenCalled();
  });
});
