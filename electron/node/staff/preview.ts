/**
 * "Preview" of a pack on a stick before installing it: the store's own inspector (archive
 * safety, signature against this kiosk's trust, manifest and references, every listed file's
 * size), downgrade, plus what would change for visitors against the pack on screen. The SHA-256
 * of each file is checked once, by the install that copies it. Nothing is written anywhere.
 */
import type { PackManifest } from '../../shared/pack-schema';
import { hasErrors, problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import type { StaffOk, StaffPreview } from '../../shared/staff-api';
import { isSignatureAccepted, MANIFEST_FILE } from '../pack/inspector';
import type { PackInspector, SignatureVerdict } from '../pack/inspector';
import type { SourceLimits } from '../pack/source';
import { diffManifests } from '../pack/store/diff';
import { compareSemver } from '../pack/store/semver';
import { formatPackRef } from '../pack/store/state';
import type { Accepted } from '../pack/store/state';

export type PreviewContext = {
  /** The kiosk's pack check (its store's), with the kiosk's trust. */
  inspector: PackInspector;
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

function signatureOf(verdict: SignatureVerdict): Signature {
  if (!isSignatureAccepted(verdict)) return { keyId: verdict.keyId, status: 'refused' };
  return { keyId: verdict.keyId, status: verdict.status === 'trusted' ? 'trusted' : 'accepted-unsigned' };
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

  // Sizes only: the store hashes every file once, while copying it, and refuses a mismatch
  // without changing anything; hashing here too would read the whole stick twice.
  const inspection = await ctx.inspector.inspect(path, {
    files: 'sizes',
    ...(ctx.limits ? { limits: ctx.limits } : {}),
  });
  try {
    const signature = signatureOf(inspection.signature);
    const problems = inspection.problems;
    const manifest = inspection.manifest;
    const manifestErrors = problems.filter((p) => !p.code.startsWith('files.') && !p.code.startsWith('sig.'));
    if (!manifest || hasErrors(manifestErrors)) {
      return { ...empty(problems), signature };
    }
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
    const files = Object.values(manifest.files);

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
    await inspection.close().catch(() => undefined);
  }
}
