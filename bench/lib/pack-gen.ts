/** Signed benchmark packs of random files, generated into a scratch folder (nothing committed). */
import { createHash, randomFillSync } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPrivateKey, signManifest } from '../../electron/node/pack/signature';
import type { PackManifestInput } from '../../electron/shared/pack-schema';
import { MiB } from './units';

/** Writes `count` files of `size` random bytes; returns the files index. */
export async function generateFiles(
  dir: string,
  count: number,
  size: number,
): Promise<PackManifestInput['files']> {
  const files: PackManifestInput['files'] = {};
  const block = Buffer.allocUnsafe(4 * MiB);
  await mkdir(join(dir, 'media'), { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const path = `media/clip-${String(i).padStart(2, '0')}.mp4`;
    const handle = await open(join(dir, path), 'w');
    const hash = createHash('sha256');
    try {
      for (let written = 0; written < size; written += block.length) {
        const chunk = block.subarray(0, Math.min(block.length, size - written));
        randomFillSync(chunk);
        hash.update(chunk);
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    files[path] = { size, sha256: hash.digest('hex') };
  }
  return files;
}

export async function writePack(
  dir: string,
  version: string,
  files: PackManifestInput['files'],
  keyPem: string,
) {
  const manifest: PackManifestInput = {
    format: 'hallpack/1',
    id: 'bench',
    version,
    title: { 'zh-Hans': '基准', en: 'Bench' },
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: { 'zh-Hans': '基准', en: 'Bench' },
    created: '2026-01-01',
    files,
  };
  const bytes = Buffer.from(JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'pack.json'), bytes);
  const key = loadPrivateKey(keyPem);
  if (!key.ok) throw new Error('bench key');
  await writeFile(join(dir, 'pack.sig'), signManifest(bytes, key.value));
}
