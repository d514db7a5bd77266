/**
 * Opening and checking a pack (folder or `.hallpack`) the way `validate`, `lint`, `inspect` and
 * `sign` need it: the pack inspector (manifest, files index, signature against the trust given),
 * with its source left open for the command (`closePackCheck`).
 */
import type { PackManifest } from '../../shared/pack-schema';
import type { PackProblem } from '../../shared/problems';
import { createPackInspector } from '../pack/inspector';
import type { PackKind, SignatureVerdict } from '../pack/inspector';
import type { TrustedKey } from '../pack/signature';
import type { PackSource } from '../pack/source';

export type PackCheck = {
  /** Open source; the caller closes it (`closePackCheck`). Absent when the source was refused. */
  source?: PackSource;
  manifestBytes?: Uint8Array;
  manifest?: PackManifest;
  kind: PackKind;
  problems: PackProblem[];
  signature: SignatureVerdict;
};

export type CheckOptions = {
  /** The keys the signature must verify against (the kiosk's trust list, or `--trust`). */
  trusted?: readonly TrustedKey[];
  /** Hash every file (default); `false` checks sizes only. */
  hashes?: boolean;
  /** Skip the files index check entirely. */
  files?: boolean;
  /** Accept an unbuilt working folder (no files index), unsigned; default true. */
  workingFolder?: boolean;
};

/** Opens and checks a pack. Never throws: every failure is a problem. */
export async function checkPack(inputPath: string, options: CheckOptions = {}): Promise<PackCheck> {
  // Never unsigned: a command judging a built pack says exactly what a kiosk would say.
  const inspector = createPackInspector({ trustedKeys: options.trusted ?? [], allowUnsigned: false });
  const inspection = await inspector.inspect(inputPath, {
    files: options.files === false ? 'none' : options.hashes === false ? 'sizes' : 'hashes',
    workingFolder: options.workingFolder ?? true,
  });
  return {
    ...(inspection.source ? { source: inspection.source } : {}),
    ...(inspection.manifestBytes ? { manifestBytes: inspection.manifestBytes } : {}),
    ...(inspection.manifest ? { manifest: inspection.manifest } : {}),
    kind: inspection.kind,
    problems: inspection.problems,
    signature: inspection.signature,
  };
}

/** Closes the source of a check, if any. */
export async function closePackCheck(check: PackCheck): Promise<void> {
  await check.source?.close().catch(() => undefined);
}
