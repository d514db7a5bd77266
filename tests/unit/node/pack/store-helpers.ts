/**
 * Test packs for the store: small, valid, signed with a throw-away Ed25519 key by the real
 * signature module, as folders or `.hallpack` zips.
 */
import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import yazl from 'yazl';
import type { PackManifestInput } from '../../../../electron/shared/pack-schema';
import {
  generateKeyPair,
  loadPrivateKey,
  loadTrustedKey,
  signManifest,
} from '../../../../electron/node/pack/signature';
import type { TrustedKey } from '../../../../electron/node/pack/signature';
import { nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import type { FsOps } from '../../../../electron/node/fs/fs-ops';

/**
 * A RAM-backed temp folder where there is one (/dev/shm): the fault and crash loops run hundreds
 * of installs, and fsync on a real disk would dominate their time without testing anything more
 * (a SIGKILL or an injected error does not depend on the medium).
 */
export function fastTmpRoot(): string {
  try {
    accessSync('/dev/shm', fsConstants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

export type TestKey = {
  privateKey: KeyObject;
  trusted: TrustedKey;
  privateKeyPem: string;
  publicKeyPem: string;
};

export function makeKey(): TestKey {
  const pair = generateKeyPair();
  const priv = loadPrivateKey(pair.privateKeyPem);
  const pub = loadTrustedKey(pair.publicKeyPem);
  if (!priv.ok || !pub.ok) throw new Error('test key generation failed');
  return {
    privateKey: priv.value,
    trusted: pub.value,
    privateKeyPem: pair.privateKeyPem,
    publicKeyPem: pair.publicKeyPem,
  };
}

export type TestPackSpec = {
  id?: string;
  version: string;
  /** Pack-relative path → content. Default: two small images and a caption. */
  files?: Record<string, string | Buffer>;
  /** Number of places (for diffs). */
  places?: number;
  /** Sign with this key; null writes no pack.sig. */
  key: TestKey | null;
  /** Change the manifest before it is written (after the files index is computed). */
  edit?: (m: PackManifestInput) => void;
  /** Files written to the folder but not listed in the manifest. */
  unlisted?: Record<string, string | Buffer>;
};

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export function defaultFiles(tag: string): Record<string, Buffer> {
  return {
    'media/a.png': Buffer.from(`png-${tag}-`.repeat(40)),
    'media/b.webp': Buffer.from(`webp-${tag}`),
    'media/captions/b.zh.vtt': Buffer.from(`WEBVTT\n\n00:00.000 --> 00:01.000\n${tag}\n`),
  };
}

export function buildManifest(spec: TestPackSpec, files: Record<string, Buffer>): PackManifestInput {
  const places = Array.from({ length: spec.places ?? 2 }, (_, i) => ({
    id: `p${i}`,
    category: 'site',
    position: { lon: 116 + i / 10, lat: 39.9 },
    name: { 'zh-Hans': `地点${i}`, en: `Place ${i}` },
    summary: { 'zh-Hans': `简介${i}`, en: `Summary ${i} of ${spec.version}` },
    media: Object.keys(files).some((f) => f === 'media/a.png') ? ['a'] : [],
  }));
  const manifest: PackManifestInput = {
    format: 'hallpack/1',
    id: spec.id ?? 'test-pack',
    version: spec.version,
    title: { 'zh-Hans': '测试', en: 'Test' },
    languages: ['zh-Hans', 'en'],
    defaultLanguage: 'zh-Hans',
    publisher: { 'zh-Hans': '测试馆', en: 'Test Hall' },
    created: '2026-01-01',
    categories: [{ id: 'site', name: { 'zh-Hans': '旧址', en: 'Sites' }, color: '#b3261e' }],
    places,
    media: Object.keys(files).some((f) => f === 'media/a.png')
      ? { a: { kind: 'image', src: 'media/a.png', alt: { 'zh-Hans': '图', en: 'Image' } } }
      : {},
    files: Object.fromEntries(
      Object.entries(files).map(([path, data]) => [path, { size: data.length, sha256: sha256(data) }]),
    ),
  };
  spec.edit?.(manifest);
  return manifest;
}

/** Writes a pack folder; returns the exact manifest bytes. */
export async function writePackFolder(
  dir: string,
  spec: TestPackSpec,
): Promise<{ dir: string; manifestBytes: Buffer }> {
  const files = Object.fromEntries(
    Object.entries(spec.files ?? defaultFiles(spec.version)).map(([p, d]) => [p, Buffer.from(d)]),
  );
  for (const [path, data] of Object.entries({ ...files, ...(spec.unlisted ?? {}) })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), data);
  }
  const manifestBytes = Buffer.from(`${JSON.stringify(buildManifest(spec, files), null, 2)}\n`);
  await writeFile(join(dir, 'pack.json'), manifestBytes);
  if (spec.key) await writeFile(join(dir, 'pack.sig'), signManifest(manifestBytes, spec.key.privateKey));
  return { dir, manifestBytes };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

/** Zips a folder into a `.hallpack` with yazl. */
export async function zipFolder(dir: string, outFile: string): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const full of (await walk(dir)).sort()) {
    zip.addBuffer(await readFile(full), relative(dir, full).split('\\').join('/'));
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(outFile);
    zip.outputStream.pipe(out).on('finish', resolve).on('error', reject);
  });
  return outFile;
}

/** Every file under `dir` (relative), for asserting that nothing was left behind. */
export async function listTree(dir: string): Promise<string[]> {
  try {
    await stat(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  const visit = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      out.push(`${relative(dir, full)}${entry.isDirectory() ? '/' : ''}`);
      if (entry.isDirectory()) await visit(full);
    }
  };
  await visit(dir);
  return out.sort();
}

/**
 * Bundles a child-process script (`entry`, beside the tests) into one CommonJS file in `dir`, so
 * each of the many children a crash or race test spawns starts in tens of milliseconds.
 */
export async function bundleChild(entry: string, dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = join(dir, `${basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

const { copyFile: _kernelCopy, ...throughBuffers } = nodeFsOps;
/**
 * The two ways the store copies a folder source's files: by the kernel (`FsOps.copyFile`, Linux)
 * and through its own buffers (elsewhere, or file operations without `copyFile`).
 */
export const FOLDER_COPY_PATHS: [string, FsOps][] = [
  ...(process.platform === 'linux' ? [['by the kernel', nodeFsOps] as [string, FsOps]] : []),
  ['through buffers', throughBuffers],
];
