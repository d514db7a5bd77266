/**
 * Builds a throw-away hall on disk for handler and server tests:
 *
 *   <base>/renderer/        index.html, assets/index-B1x_9QaZ.js, icon.svg, ..foo.txt, links
 *   <base>/renderer-evil/   sibling-prefix folder with a secret
 *   <base>/pack/            pack.json listing some files, plus unlisted and symlinked files
 *   <base>/outside/         secret.txt that no request may reach
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packManifestSchema } from '../../../../electron/shared/pack-schema';
import type { PackManifest, PackManifestInput } from '../../../../electron/shared/pack-schema';
import type { ActivePack } from '../../../../electron/node/http/handler';

export type HallFixture = {
  base: string;
  rendererRoot: string;
  packRoot: string;
  pack: ActivePack;
  /** Bytes of `pack/media/clip.webm` (1000 bytes, byte i = i % 251). */
  clip: Buffer;
  cleanup(): Promise<void>;
};

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function baseManifest(files: PackManifestInput['files']): PackManifest {
  return packManifestSchema.parse({
    format: 'hallpack/1',
    id: 'fixture',
    version: '1.0.0',
    title: { 'zh-Hans': '测试', en: 'Test' },
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: { 'zh-Hans': '测试', en: 'Test' },
    created: '2025-01-01',
    files,
  } satisfies PackManifestInput);
}

async function put(file: string, data: Buffer | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
}

export async function createHallFixture(): Promise<HallFixture> {
  const base = await mkdtemp(path.join(tmpdir(), 'hall-fixture-'));
  const rendererRoot = path.join(base, 'renderer');
  const packRoot = path.join(base, 'pack');
  const r = (p: string): string => path.join(rendererRoot, p);
  const k = (p: string): string => path.join(packRoot, p);

  await put(path.join(base, 'outside', 'secret.txt'), 'outside secret');
  await put(path.join(base, 'renderer-evil', 'secret.txt'), 'sibling secret');
  await put(path.join(base, 'pack-evil', 'secret.txt'), 'pack sibling secret');

  await put(r('index.html'), '<!doctype html><html><body>hall</body></html>');
  await put(r('assets/index-B1x_9QaZ.js'), 'export const x = 1;');
  await put(r('assets/style.css'), 'body{}');
  await put(r('icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await put(r('..foo.txt'), 'dot dot foo');
  await put(r('sub/inner.txt'), 'inner');
  await symlink(path.join(base, 'outside', 'secret.txt'), r('escape.txt'));
  await symlink(path.join(base, 'outside'), r('escape-dir'));
  await symlink(path.join(base, 'renderer-evil'), r('evil'));
  await symlink(r('sub/inner.txt'), r('inner-link.txt'));

  const clip = Buffer.alloc(1000);
  for (let i = 0; i < clip.length; i++) clip[i] = i % 251;
  const listed: Record<string, Buffer | string> = {
    'media/clip.webm': clip,
    'media/photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
    'media/drawing.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'captions/clip.en.vtt': 'WEBVTT\n',
    'data/..foo.json': '{"ok":true}',
    'page.html': '<script>alert(1)</script>',
  };
  for (const [p, data] of Object.entries(listed)) await put(k(p), data);
  await put(k('media/unlisted.webm'), 'not in the manifest');
  await put(k('pack.sig'), 'signature bytes');
  await symlink(path.join(base, 'outside', 'secret.txt'), k('media/escape.webm'));
  await symlink(path.join(base, 'pack-evil', 'secret.txt'), k('media/sibling.webm'));
  await put(k('media/wrong-size.webm'), 'twelve bytes');

  const files: Record<string, { size: number; sha256: string }> = {};
  for (const [p, data] of Object.entries(listed)) {
    files[p] = { size: Buffer.byteLength(data), sha256: sha256(data) };
  }
  files['media/escape.webm'] = { size: 14, sha256: sha256('outside secret') };
  files['media/sibling.webm'] = { size: 19, sha256: sha256('pack sibling secret') };
  files['media/wrong-size.webm'] = { size: 999, sha256: sha256('twelve bytes') };
  files['media/missing.webm'] = { size: 1, sha256: sha256('x') };
  const manifest = baseManifest(files);
  await put(k('pack.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  return {
    base,
    rendererRoot,
    packRoot,
    pack: { root: packRoot, manifest },
    clip,
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}
