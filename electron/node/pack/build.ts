/**
 * `hallpack build`: an author's folder → a checked, optionally signed pack, as a `.hallpack`
 * zip and/or a built folder.
 *
 * The author's `pack.json` may omit `files`; build computes the index and writes it into the
 * OUTPUT `pack.json` (the source folder is only rewritten with `inPlace`). Nothing is written
 * unless the manifest, its references and the files pass. Outputs are written beside their final
 * name and renamed into place, so a failed build never leaves a half-written pack. The zip is
 * deterministic: fixed order (pack.json, pack.sig, files by path), fixed timestamps and modes,
 * already-compressed media stored, text deflated.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ZipFile } from 'yazl';
import type { FileEntry, PackManifest } from '../../shared/pack-schema';
import { fileExtension } from '../../shared/pack-references';
import { hasErrors, problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import { indexPackFolder, verifyPackFiles } from './files-index';
import { checkManifest, parseJsonBytes, validateManifestValue } from './manifest';
import { keyIdOf, SIGNATURE_FILE, signManifest } from './signature';
import { tryOpenPackSource } from './source';

export const MANIFEST_FILE = 'pack.json';

/** Extensions whose content is already compressed: stored, not deflated. */
const STORED_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'webp',
  'avif',
  'mp4',
  'webm',
  'ogg',
  'opus',
  'mp3',
  'm4a',
  'aac',
  'woff2',
]);

/** Timestamp of every zip entry (local DOS time, no extended UTC field): builds are reproducible. */
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

export type BuildOptions = {
  sourceDir: string;
  /** Write a `.hallpack` zip here. */
  outFile?: string;
  /** Write a built folder here (replaced if it already holds a built pack). */
  outDir?: string;
  /** Also write the computed `pack.json` (and `pack.sig`) back into the source folder. */
  inPlace?: boolean;
  /** Ed25519 private key: sign the output. */
  privateKey?: KeyObject;
  /** Re-read every output and check it against the index (default true). */
  verify?: boolean;
  /** Refuse (write nothing) when there are warnings too. */
  failOnWarnings?: boolean;
  /**
   * Extra checks on the checked manifest before anything is written (the CLI runs the lint here);
   * `readFile` reads a file of the source folder by pack path.
   */
  preflight?: (
    manifest: PackManifest,
    readFile: (path: string) => Promise<Uint8Array>,
  ) => Promise<PackProblem[]>;
};

export type BuildResult =
  | {
      ok: true;
      manifest: PackManifest;
      manifestBytes: Uint8Array;
      keyId?: string;
      outputs: string[];
      fileCount: number;
      totalBytes: number;
      /** Warnings (missing translations …) and notes; the build still succeeded. */
      problems: PackProblem[];
    }
  | { ok: false; problems: PackProblem[] };

/** A file to put in a zip: its path in the pack, size and a way to read it. */
export type ZipInput = { path: string; size: number; open: () => Readable };

/** Serialises the author's manifest object with the computed index in place of (or after) theirs. */
export function withFilesIndex(
  authored: Record<string, unknown>,
  files: Record<string, FileEntry>,
): Uint8Array {
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [key, value] of Object.entries(authored)) {
    if (key === 'files') {
      out['files'] = files;
      placed = true;
    } else out[key] = value;
  }
  if (!placed) out['files'] = files;
  return new TextEncoder().encode(JSON.stringify(out, null, 2) + '\n');
}

/** Writes a deterministic `.hallpack` zip: pack.json, pack.sig, then `inputs` in the given order. */
export async function writePackZip(
  target: string,
  manifestBytes: Uint8Array,
  sigBytes: Uint8Array | undefined,
  inputs: readonly ZipInput[],
): Promise<void> {
  const zip = new ZipFile();
  const common = { mtime: FIXED_MTIME, mode: FILE_MODE, forceDosTimestamp: true };
  zip.addBuffer(Buffer.from(manifestBytes), MANIFEST_FILE, { ...common, compress: true });
  if (sigBytes) zip.addBuffer(Buffer.from(sigBytes), SIGNATURE_FILE, { ...common, compress: false });
  for (const input of inputs) {
    zip.addReadStreamLazy(
      input.path,
      { ...common, size: input.size, compress: !STORED_EXTENSIONS.has(fileExtension(input.path)) },
      (cb) => {
        try {
          cb(null, input.open());
        } catch (e) {
          cb(e, createReadStream(''));
        }
      },
    );
  }
  zip.end();
  await writeAtomically(target, async (tmp) => {
    await pipeline(zip.outputStream, createWriteStream(tmp, { flags: 'wx' }));
  });
}

/** Writes via `<target>.tmp-<pid>` and renames into place; removes the temporary on failure. */
async function writeAtomically(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await write(tmp);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}

/** True when `dir` is absent, empty, or holds a built pack (has pack.json): safe to replace. */
async function replaceableDir(dir: string): Promise<boolean> {
  try {
    const names = await readdir(dir);
    return names.length === 0 || names.includes(MANIFEST_FILE);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

async function writePackDir(
  target: string,
  sourceDir: string,
  manifestBytes: Uint8Array,
  sigBytes: Uint8Array | undefined,
  files: readonly string[],
): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, MANIFEST_FILE), manifestBytes);
    if (sigBytes) await writeFile(join(tmp, SIGNATURE_FILE), sigBytes);
    const dirs = new Set(files.map((f) => dirname(f)).filter((d) => d !== '.'));
    for (const d of [...dirs].sort()) await mkdir(join(tmp, d), { recursive: true });
    for (const f of files) await copyFile(join(sourceDir, f), join(tmp, f));
    let hadOld = false;
    try {
      await rename(target, old);
      hadOld = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    await rename(tmp, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}

const ioProblem = (file: string, e: unknown): PackProblem =>
  problem('files.read-error', file, { path: file, detail: e instanceof Error ? e.message : String(e) });

/** Reads an author's folder, checks it, and writes the requested outputs. Never throws. */
export async function buildPack(options: BuildOptions): Promise<BuildResult> {
  const { sourceDir } = options;
  let authoredBytes: Uint8Array;
  try {
    authoredBytes = await readFile(join(sourceDir, MANIFEST_FILE));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problems: [
        code === 'ENOENT' ? problem('manifest.missing', MANIFEST_FILE, {}) : ioProblem(MANIFEST_FILE, e),
      ],
    };
  }
  const json = parseJsonBytes(authoredBytes, MANIFEST_FILE);
  if (!json.ok) return json;
  if (json.value === null || typeof json.value !== 'object' || Array.isArray(json.value)) {
    const schema = validateManifestValue(json.value, MANIFEST_FILE);
    return { ok: false, problems: schema.ok ? [] : schema.problems };
  }

  const index = await indexPackFolder(sourceDir);
  if (!index.ok) return index;

  const manifestBytes = withFilesIndex(json.value as Record<string, unknown>, index.files);
  const checked = checkManifest(manifestBytes, MANIFEST_FILE);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const problems = [...checked.problems];
  if (options.preflight) {
    try {
      const readIndexed = (p: string): Promise<Uint8Array> =>
        Object.hasOwn(index.files, p)
          ? readFile(join(sourceDir, p))
          : Promise.reject(new Error(`${p} is not in the files index`));
      problems.push(...(await options.preflight(checked.manifest, readIndexed)));
    } catch (e) {
      problems.push(
        problem('manifest.internal', MANIFEST_FILE, { detail: `pre-flight check failed: ${String(e)}` }),
      );
    }
  }
  if (hasErrors(problems) || (options.failOnWarnings && problems.length > 0)) return { ok: false, problems };

  let sigBytes: Uint8Array | undefined;
  let keyId: string | undefined;
  if (options.privateKey) {
    sigBytes = signManifest(manifestBytes, options.privateKey);
    keyId = keyIdOf(createPublicKey(options.privateKey));
  }

  const paths = Object.keys(index.files);
  // Refuse before writing anything, so a failed build leaves no output at all.
  if (options.outDir !== undefined && !(await replaceableDir(options.outDir))) {
    return {
      ok: false,
      problems: [problem('build.out-dir-in-use', options.outDir, { path: options.outDir })],
    };
  }
  const outputs: string[] = [];
  try {
    if (options.outFile !== undefined) {
      const inputs: ZipInput[] = paths.map((p) => ({
        path: p,
        size: index.files[p]?.size ?? 0,
        open: () => createReadStream(join(sourceDir, p), { highWaterMark: 1 << 20 }),
      }));
      await writePackZip(options.outFile, manifestBytes, sigBytes, inputs);
      outputs.push(options.outFile);
      if (options.verify !== false) {
        const opened = await tryOpenPackSource(options.outFile);
        if (!opened.ok) return { ok: false, problems: opened.problems };
        try {
          const verified = await verifyPackFiles(opened.source, index.files);
          if (hasErrors(verified)) return { ok: false, problems: verified };
        } finally {
          await opened.source.close();
        }
      }
    }
    if (options.outDir !== undefined) {
      await writePackDir(options.outDir, sourceDir, manifestBytes, sigBytes, paths);
      outputs.push(options.outDir);
      if (options.verify !== false) {
        const verified = await verifyPackFiles(await folderListing(options.outDir), index.files);
        if (hasErrors(verified)) return { ok: false, problems: verified };
      }
    }
    if (options.inPlace) {
      await writeAtomically(join(sourceDir, MANIFEST_FILE), (tmp) =>
        writeFile(tmp, manifestBytes, { flag: 'wx' }),
      );
      if (sigBytes) {
        const sig = sigBytes;
        await writeAtomically(join(sourceDir, SIGNATURE_FILE), (tmp) => writeFile(tmp, sig, { flag: 'wx' }));
      } else {
        // The old signature covered the old manifest: it can only be wrong now.
        await rm(join(sourceDir, SIGNATURE_FILE), { force: true });
      }
      outputs.push(join(sourceDir, MANIFEST_FILE));
    }
  } catch (e) {
    return {
      ok: false,
      problems: [
        problem('build.write-failed', options.outFile ?? options.outDir ?? sourceDir, {
          path: options.outFile ?? options.outDir ?? sourceDir,
          detail: e instanceof Error ? e.message : String(e),
        }),
      ],
    };
  }

  const result: BuildResult = {
    ok: true,
    manifest: checked.manifest,
    manifestBytes,
    outputs,
    fileCount: paths.length,
    totalBytes: index.totalBytes,
    problems,
  };
  if (keyId !== undefined) result.keyId = keyId;
  return result;
}

/** Minimal folder listing for verification of a freshly written built folder. */
async function folderListing(
  root: string,
): Promise<{ entries: { path: string; size: number }[]; openStream(p: string): Readable }> {
  const entries: { path: string; size: number }[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const d of await readdir(rel === '' ? root : join(root, rel), { withFileTypes: true })) {
      const p = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) await walk(p);
      else if (d.isFile()) entries.push({ path: p, size: (await stat(join(root, p))).size });
    }
  };
  await walk('');
  return { entries, openStream: (p) => createReadStream(join(root, p), { highWaterMark: 1 << 20 }) };
}
