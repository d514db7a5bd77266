import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    await expect(loadFolderPack(path.join(dir, 'nothing'))).rejects.toThrow(/no pack\.json/);
  });
  it('says when pack.json is not JSON', async () => {
    await writeFile(path.join(dir, 'pack.json'), '{ nope');
    await expect(loadFolderPack(dir)).rejects.toThrow(/not valid JSON/);
  });
  it('says which field breaks the format', async () => {
    await writeFile(path.join(dir, 'pack.json'), JSON.stringify({ format: 'hallpack/1', id: 'X' }));
    const error = await loadFolderPack(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderPackError);
    expect((error as Error).message).toMatch(/does not match the pack format[\s\S]*id/);
  });
});
