import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, loadPrivateKey, signManifest } from '../../../../electron/node/pack/signature';
import { FolderPackError, loadFolderPack } from '../../../../electron/node/server/folder-pack';

const minimal = path.resolve(import.meta.dirname, '../../../fixtures/packs/minimal');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hall-folder-pack-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadFolderPack', () => {
  it('loads the minimal fixture pack', async () => {
    const pack = await loadFolderPack(minimal);
    expect(pack.root).toBe(minimal);
    expect(pack.manifest.id).toBe('minimal');
    expect(pack.manifest.title).toEqual({ 'zh-Hans': '最小测试内容包', en: 'Minimal test pack' });
    expect(Object.keys(pack.manifest.files).sort()).toEqual(['captions/hello.vtt', 'media/dot.png']);
  });
  it('says when pack.json is missing', async () => {
    await expect(loadFolderPack(path.join(dir, 'nothing'))).rejects.toThrow(/pack\.json: manifest\.missing/);
  });
  it('says when pack.json is not JSON', async () => {
    await writeFile(path.join(dir, 'pack.json'), '{ nope');
    await expect(loadFolderPack(dir)).rejects.toThrow(/pack\.json.*json/i);
  });
  it('says which field breaks the format', async () => {
    await writeFile(path.join(dir, 'pack.json'), JSON.stringify({ format: 'hallpack/1', id: 'X' }));
    const error = await loadFolderPack(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderPackError);
    expect((error as Error).message).toMatch(/not a pack that can be served[\s\S]*pack\.json[\s\S]*id/);
  });
  it('uses the strict parser: a duplicate key is refused, not served', async () => {
    const manifest = await readFile(path.join(minimal, 'pack.json'), 'utf8');
    // A duplicate key: JSON.parse keeps the last one silently; the strict parser refuses it.
    await writeFile(path.join(dir, 'pack.json'), manifest.replace('{', '{ "id": "other",'));
    const error = await loadFolderPack(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderPackError);
    expect((error as FolderPackError).problems.map((p) => p.code)).toContain('manifest.json-duplicate-key');
  });
  it('refuses a damaged signature even on a preview (an unknown key is only a warning there)', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'hall-folder-sig-'));
    try {
      await cp(minimal, copy, { recursive: true });
      await writeFile(path.join(copy, 'pack.sig'), '{"alg":"ed25519","keyId":"zz"}');
      const error = await loadFolderPack(copy).catch((e: unknown) => e);
      expect((error as FolderPackError).problems.map((p) => p.code)).toEqual(['sig.malformed']);
      const key = generateKeyPair();
      const priv = loadPrivateKey(key.privateKeyPem);
      if (!priv.ok) throw new Error('key');
      const bytes = await readFile(path.join(copy, 'pack.json'));
      await writeFile(path.join(copy, 'pack.sig'), signManifest(bytes, priv.value));
      await expect(loadFolderPack(copy)).resolves.toMatchObject({ manifest: { id: 'minimal' } });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
