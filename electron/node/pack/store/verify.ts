/**
 * Checking a pack that is already on disk (installed, or the embedded default).
 *
 * Quick (at boot, before anything is shown): `pack.json` parses and passes the reference
 * checks, its signature verifies against the trusted keys, and every listed file is a regular
 * file of the listed size. Full (in the background): every byte hashed against the manifest.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackManifest } from '../../../shared/pack-schema';
import { hasErrors, problem } from '../../../shared/problems';
import type { PackProblem } from '../../../shared/problems';
import { errnoCode } from '../../fs/fs-ops';
import { checkManifest, MAX_MANIFEST_BYTES } from '../manifest';
import { MAX_SIGNATURE_BYTES, SIGNATURE_FILE, verifyPackSignature } from '../signature';
import type { TrustedKey } from '../signature';
import { describeError } from './problem-error';

export const MANIFEST_FILE = 'pack.json';

export type TrustPolicy = { trustedKeys: readonly TrustedKey[]; allowUnsigned: boolean };

export type SignatureVerdict =
  { ok: true; keyId: string | null; warnings: PackProblem[] } | { ok: false; problems: PackProblem[] };

/**
 * The signature policy: a trusted, valid signature is required unless `allowUnsigned`. With
 * `allowUnsigned`, a missing signature or one by a key this machine does not know is accepted
 * with a warning; a signature that is present but wrong (forged, damaged, truncated) never is.
 */
export function judgeSignature(
  manifestBytes: Uint8Array,
  sigBytes: Uint8Array | undefined,
  policy: TrustPolicy,
): SignatureVerdict {
  const result = verifyPackSignature(manifestBytes, sigBytes, policy.trustedKeys);
  if (result.ok) return { ok: true, keyId: result.keyId, warnings: [] };
  const code = result.problem.code;
  if (policy.allowUnsigned && (code === 'sig.missing' || code === 'sig.untrusted-key')) {
    return { ok: true, keyId: null, warnings: [{ ...result.problem, severity: 'warning' }] };
  }
  return { ok: false, problems: [result.problem] };
}

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

export type VerifiedPack = {
  root: string;
  manifest: PackManifest;
  manifestBytes: Buffer;
  keyId: string | null;
  /** Warnings (e.g. unsigned on an authoring machine, missing translations). */
  warnings: PackProblem[];
};

export type QuickVerifyResult = { ok: true; pack: VerifiedPack } | { ok: false; problems: PackProblem[] };

/** The quick check of a pack folder. Never throws. */
export async function quickVerifyPackDir(root: string, policy: TrustPolicy): Promise<QuickVerifyResult> {
  try {
    const manifestBytes = await readSmallFile(join(root, MANIFEST_FILE), MAX_MANIFEST_BYTES);
    if (!manifestBytes) return { ok: false, problems: [problem('manifest.missing', MANIFEST_FILE, {})] };
    const sigBytes = await readSmallFile(join(root, SIGNATURE_FILE), MAX_SIGNATURE_BYTES);
    const signature = judgeSignature(manifestBytes, sigBytes, policy);
    if (!signature.ok) return signature;
    const checked = checkManifest(manifestBytes, MANIFEST_FILE);
    if (!checked.ok) return { ok: false, problems: checked.problems };
    const problems: PackProblem[] = [];
    for (const [path, entry] of Object.entries(checked.manifest.files)) {
      try {
        const st = await lstat(join(root, path));
        if (!st.isFile()) problems.push(problem('files.special', path, { path }));
        else if (st.size !== entry.size) {
          problems.push(
            problem('files.size-mismatch', path, { path, expected: entry.size, actual: st.size }),
          );
        }
      } catch (error) {
        if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') {
          problems.push(problem('files.missing', path, { path }));
        } else {
          problems.push(problem('files.read-error', path, { path, detail: describeError(error) }));
        }
      }
      if (problems.length >= 20) break;
    }
    if (hasErrors(problems)) return { ok: false, problems };
    return {
      ok: true,
      pack: {
        root,
        manifest: checked.manifest,
        manifestBytes,
        keyId: signature.keyId,
        warnings: [...signature.warnings, ...checked.problems],
      },
    };
  } catch (error) {
    return {
      ok: false,
      problems: [problem('files.read-error', MANIFEST_FILE, { path: root, detail: describeError(error) })],
    };
  }
}

const HASH_CHUNK = 4 * 1024 * 1024;

/** SHA-256 and size of a regular file (no symlinks), reading at most `limit + 1` bytes. */
export async function hashFile(
  path: string,
  limit = Number.MAX_SAFE_INTEGER,
): Promise<{ size: number; sha256: string }> {
  const handle = await open(path, READ_FLAGS);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(HASH_CHUNK);
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
