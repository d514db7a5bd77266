/**
 * "Preview" of a pack on a stick before installing it: the same judgement the store's install
 * makes — archive safety, signature against this kiosk's trust, manifest and references,
 * downgrade, every listed file's size and SHA-256 — plus what would change for visitors against
 * the pack on screen. Nothing is written anywhere.
 */
import type { PackManifest } from '../../shared/pack-schema';
import { hasErrors, problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import type { StaffOk, StaffPreview } from '../../shared/staff-api';
import { verifyPackFiles } from '../pack/files-index';
import { checkManifest, MAX_MANIFEST_BYTES } from '../pack/manifest';
import { MAX_SIGNATURE_BYTES, parseSignatureFile, SIGNATURE_FILE } from '../pack/signature';
import { problemsOf, tryOpenPackSource } from '../pack/source';
import type { PackSource, SourceLimits } from '../pack/source';
import { diffManifests } from '../pack/store/diff';
import { compareSemver } from '../pack/store/semver';
import { formatPackRef } from '../pack/store/state';
import type { Accepted } from '../pack/store/state';
import { judgeSignature, MANIFEST_FILE } from '../pack/store/verify';
import type { TrustPolicy } from '../pack/store/verify';

export type PreviewContext = {
  trust: TrustPolicy;
  /** Highest accepted version per pack id (downgrade protection), null when none yet. */
  accepted: Accepted | null;
  /** Refs already installed. */
  installed: ReadonlySet<string>;
  /** The pack visitors see now. */
  onScreen: { ref: string; manifest: PackManifest } | null;
  limits?: Partial<SourceLimits>;
};

type Preview = StaffOk<StaffPreview>;
type Signature = Preview['signature'];

function versionChange(
  onScreen: PreviewContext['onScreen'],
  manifest: PackManifest | null,
): Preview['version'] {
  const to = manifest?.version ?? null;
  if (!onScreen) return { from: null, to, change: 'first' };
  const from = onScreen.manifest.version;
  if (!manifest || manifest.id !== onScreen.manifest.id) return { from, to, change: 'other-pack' };
  const c = compareSemver(manifest.version, from);
  return { from, to, change: c > 0 ? 'upgrade' : c < 0 ? 'downgrade' : 'same' };
}

async function readParts(
  source: PackSource,
  path: string,
): Promise<{ manifestBytes: Buffer; sigBytes: Buffer | undefined } | PackProblem[]> {
  if (!source.has(MANIFEST_FILE)) return [problem('manifest.missing', MANIFEST_FILE, {})];
  const size = source.sizeOf(MANIFEST_FILE) ?? 0;
  if (size > MAX_MANIFEST_BYTES) {
    return [problem('manifest.too-large', MANIFEST_FILE, { size, max: MAX_MANIFEST_BYTES })];
  }
  try {
    const manifestBytes = await source.readFile(MANIFEST_FILE, MAX_MANIFEST_BYTES);
    const sigBytes = source.has(SIGNATURE_FILE)
      ? await source.readFile(SIGNATURE_FILE, MAX_SIGNATURE_BYTES)
      : undefined;
    return { manifestBytes, sigBytes };
  } catch (error) {
    return problemsOf(error, path);
  }
}

function judge(
  manifestBytes: Buffer,
  sigBytes: Buffer | undefined,
  trust: TrustPolicy,
): { signature: Signature; problems: PackProblem[] } {
  const verdict = judgeSignature(manifestBytes, sigBytes, trust);
  if (verdict.ok) {
    return {
      signature: { keyId: verdict.keyId, status: verdict.keyId ? 'trusted' : 'accepted-unsigned' },
      problems: verdict.warnings,
    };
  }
  const parsed = sigBytes ? parseSignatureFile(sigBytes) : null;
  return {
    signature: { keyId: parsed?.ok ? parsed.value.keyId : null, status: 'refused' },
    problems: verdict.problems,
  };
}

/** Previews the pack at `path` (folder or `.hallpack`). Never throws. */
export async function previewPack(path: string, ctx: PreviewContext): Promise<Preview> {
  const refused: Signature = { keyId: null, status: 'refused' };
  const empty = (problems: PackProblem[]): Preview => ({
    ok: true,
    path,
    canInstall: false,
    pack: null,
    signature: refused,
    version: versionChange(ctx.onScreen, null),
    diff: null,
    problems,
  });

  const opened = await tryOpenPackSource(path, ctx.limits ?? {});
  if (!opened.ok) return empty(opened.problems);
  const source = opened.source;
  try {
    const parts = await readParts(source, path);
    if (Array.isArray(parts)) return empty(parts);
    const { signature, problems } = judge(parts.manifestBytes, parts.sigBytes, ctx.trust);
    const checked = checkManifest(parts.manifestBytes, MANIFEST_FILE);
    problems.push(...checked.problems);
    if (!checked.ok) return { ...empty(problems), signature };
    const manifest = checked.manifest;
    const ref = formatPackRef(manifest.id, manifest.version);

    const highest = ctx.accepted?.[manifest.id];
    if (ctx.installed.has(ref)) problems.push(problem('store.already-installed', MANIFEST_FILE, { ref }));
    else if (highest !== undefined && compareSemver(manifest.version, highest) <= 0) {
      problems.push(
        problem('store.downgrade', MANIFEST_FILE, {
          id: manifest.id,
          version: manifest.version,
          accepted: highest,
        }),
      );
    }
    // Hashing a large pack takes a while; only worth it when nothing else refuses it already.
    const files = Object.values(manifest.files);
    problems.push(...(await verifyPackFiles(source, manifest.files, { sizesOnly: hasErrors(problems) })));

    return {
      ok: true,
      path,
      canInstall: !hasErrors(problems),
      pack: {
        id: manifest.id,
        version: manifest.version,
        title: manifest.title,
        files: files.length,
        bytes: files.reduce((sum, f) => sum + f.size, 0),
      },
      signature,
      version: versionChange(ctx.onScreen, manifest),
      diff: diffManifests(ctx.onScreen?.manifest ?? null, ctx.onScreen?.ref ?? null, manifest),
      problems,
    };
  } finally {
    await source.close().catch(() => undefined);
  }
}
