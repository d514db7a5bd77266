/**
 * Opening and checking a pack (folder or `.hallpack`) the way `validate`, `lint`, `inspect` and
 * `sign` need it: manifest (schema and references), files index (sizes, hashes, unlisted files)
 * and signature.
 */
import type { PackManifest } from '../../shared/pack-schema';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import { verifyPackFiles } from '../pack/files-index';
import { checkManifest, MAX_MANIFEST_BYTES } from '../pack/manifest';
import { parseSignatureFile, SIGNATURE_FILE, verifyPackSignature } from '../pack/signature';
import type { TrustedKey } from '../pack/signature';
import { tryOpenPackSource } from '../pack/source';
import type { PackSource } from '../pack/source';
import { MANIFEST_FILE } from '../pack/build';

export type SignatureStatus =
  /** Verified against one of the trusted keys. */
  | { status: 'valid'; keyId: string }
  /** Present and well formed, but no trusted keys were given to check it. */
  | { status: 'unchecked'; keyId: string }
  | { status: 'invalid'; keyId?: string }
  | { status: 'unsigned' };

export type PackCheck = {
  /** Open source; the caller closes it (`closePackCheck`). Absent when the source was refused. */
  source?: PackSource;
  manifestBytes?: Uint8Array;
  manifest?: PackManifest;
  problems: PackProblem[];
  signature: SignatureStatus;
};

export type CheckOptions = {
  /** Verify the signature against these keys; when given, an unsigned pack is an error. */
  trusted?: readonly TrustedKey[];
  /** Hash every file (default); `false` checks sizes only. */
  hashes?: boolean;
  /** Skip the files index check entirely (signing a folder checks it; inspect may not). */
  files?: boolean;
};

const detail = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function readOptional(source: PackSource, path: string, maxBytes: number): Promise<Buffer | null> {
  return source.has(path) ? await source.readFile(path, maxBytes) : null;
}

/** Opens and checks a pack. Never throws: every failure is a problem. */
export async function checkPack(inputPath: string, options: CheckOptions = {}): Promise<PackCheck> {
  const opened = await tryOpenPackSource(inputPath);
  if (!opened.ok) return { problems: opened.problems, signature: { status: 'unsigned' } };
  const source = opened.source;
  const result: PackCheck = { source, problems: [], signature: { status: 'unsigned' } };

  let manifestBytes: Buffer | null;
  let sigBytes: Buffer | null;
  const manifestSize = source.sizeOf(MANIFEST_FILE);
  if (manifestSize !== undefined && manifestSize > MAX_MANIFEST_BYTES) {
    result.problems.push(
      problem('manifest.too-large', MANIFEST_FILE, { size: manifestSize, max: MAX_MANIFEST_BYTES }),
    );
    return result;
  }
  try {
    manifestBytes = await readOptional(source, MANIFEST_FILE, MAX_MANIFEST_BYTES + 1);
    sigBytes = await readOptional(source, SIGNATURE_FILE, 64 * 1024);
  } catch (e) {
    const carried = (e as { problems?: PackProblem[] }).problems;
    result.problems.push(
      ...(carried ?? [
        problem('files.read-error', MANIFEST_FILE, { path: MANIFEST_FILE, detail: detail(e) }),
      ]),
    );
    return result;
  }
  if (!manifestBytes) {
    result.problems.push(problem('manifest.missing', MANIFEST_FILE, {}));
    return result;
  }
  result.manifestBytes = manifestBytes;

  // Signature first: it is about the exact bytes, whatever they say.
  const trusted = options.trusted ?? [];
  if (trusted.length > 0) {
    const verified = verifyPackSignature(manifestBytes, sigBytes, trusted);
    if (verified.ok) result.signature = { status: 'valid', keyId: verified.keyId };
    else {
      result.problems.push(verified.problem);
      result.signature = sigBytes ? { status: 'invalid' } : { status: 'unsigned' };
    }
  } else if (sigBytes) {
    const parsed = parseSignatureFile(sigBytes);
    if (parsed.ok) result.signature = { status: 'unchecked', keyId: parsed.value.keyId };
    else {
      result.problems.push(parsed.problem);
      result.signature = { status: 'invalid' };
    }
  } else {
    result.problems.push(problem('sig.missing', SIGNATURE_FILE, {}, { severity: 'warning' }));
  }

  const checked = checkManifest(manifestBytes, MANIFEST_FILE);
  result.problems.push(...checked.problems);
  if (checked.manifest) result.manifest = checked.manifest;
  if (checked.manifest && options.files !== false) {
    result.problems.push(
      ...(await verifyPackFiles(source, checked.manifest.files, { sizesOnly: options.hashes === false })),
    );
  }
  return result;
}

/** Closes the source of a check, if any. */
export async function closePackCheck(check: PackCheck): Promise<void> {
  await check.source?.close().catch(() => undefined);
}
