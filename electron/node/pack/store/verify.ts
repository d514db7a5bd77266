/**
 * Reading a pack that is already on disk (installed, or the built-in one): small files without
 * following links, and the full check in the background (every byte hashed against the
 * manifest). The quick check before showing a pack is the inspector's (`../inspector.ts`).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackManifest } from '../../../shared/pack-schema';
import { hasErrors, problem } from '../../../shared/problems';
import type { PackProblem } from '../../../shared/problems';
import { errnoCode } from '../../fs/fs-ops';
import { describeError } from './problem-error';

export const MANIFEST_FILE = 'pack.json';

const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Reads a small regular file (no symlinks), refusing more than `max` bytes. undefined if missing. */
export async function readSmallFile(path: string, max: number): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    if (st.size > max) throw new Error(`${path} is ${st.size} bytes, over ${max}`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

const HASH_CHUNK = 4 * 1024 * 1024;

/**
 * SHA-256 and size of a regular file (no symlinks), reading at most `limit + 1` bytes, through
 * `buffer` (a caller that hashes many files passes one and reuses it).
 */
export async function hashFile(
  path: string,
  limit = Number.MAX_SAFE_INTEGER,
  buffer: Buffer = Buffer.allocUnsafe(HASH_CHUNK),
): Promise<{ size: number; sha256: string }> {
  const handle = await open(path, READ_FLAGS);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
      if (size > limit) break;
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

export type FullVerifyResult = { ok: boolean; problems: PackProblem[]; files: number; bytes: number };

/**
 * Hashes every listed file against the manifest. `concurrency` files at a time (1 keeps a
 * background check gentle on a kiosk; more uses more cores). Never throws.
 */
export async function fullVerifyPackDir(
  root: string,
  manifest: PackManifest,
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<FullVerifyResult> {
  const entries = Object.entries(manifest.files);
  const problems: PackProblem[] = [];
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      if (options.signal?.aborted) return;
      const [path, expected] = entries[next]!;
      next += 1;
      try {
        const actual = await hashFile(join(root, path), expected.size);
        bytes += actual.size;
        if (actual.size !== expected.size) {
          problems.push(
            problem('files.size-mismatch', path, { path, expected: expected.size, actual: actual.size }),
          );
        } else if (actual.sha256 !== expected.sha256) {
          problems.push(problem('files.hash-mismatch', path, { path }));
        }
      } catch (error) {
        problems.push(
          errnoCode(error) === 'ENOENT'
            ? problem('files.missing', path, { path })
            : problem('files.read-error', path, { path, detail: describeError(error) }),
        );
      }
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 1, entries.length));
  await Promise.all(Array.from({ length: n }, worker));
  return { ok: !hasErrors(problems), problems, files: entries.length, bytes };
}
