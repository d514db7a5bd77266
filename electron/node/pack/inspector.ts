/**
 * The one pack check. Every way a pack reaches the kiosk goes through here: `hallpack validate |
 * lint | inspect | sign`, the staff screen's preview of a USB stick, the store's install, the boot
 * selection of an installed (or the built-in) pack, and the browser folder loader.
 *
 * - The head (`pack.json` and `pack.sig`) is read once per source, size-capped.
 * - The manifest is parsed once with the strict parser (UTF-8, strict JSON, schema, unknown keys,
 *   references) and the signature judged once against the trust policy. Both are pure functions
 *   of the head's bytes and the policy, so one inspector remembers its last verdicts by the
 *   digest of those bytes: a pack previewed, installed and then selected is judged once.
 * - Files are checked as asked: not at all, sizes (boot, preview, install before copying), or
 *   every SHA-256 (`hallpack validate`); the store hashes each file once while copying it.
 * - One typed verdict with every problem, never a throw.
 *
 * Trust: a built pack needs a valid signature by a trusted key, unless the policy allows
 * unsigned packs (authoring machines). The app's built-in pack is trusted by the digest of its
 * manifest, baked into the app when it was built (`BuiltInIdentity`), whatever keys the hall
 * trusts. A working folder (an author's unbuilt source: no `files` index) may be unsigned, and
 * only where the caller asks for it (`workingFolder`).
 */
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { packPathSchema } from '../../shared/pack-schema';
import type { PackManifest } from '../../shared/pack-schema';
import { hasErrors, problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import { errnoCode } from '../fs/fs-ops';
import { mapLimit, verifyPackFiles } from './files-index';
import { checkManifestValue, MAX_MANIFEST_BYTES, parseJsonBytes } from './manifest';
import { MAX_SIGNATURE_BYTES, parseSignatureFile, SIGNATURE_FILE, verifyPackSignature } from './signature';
import type { TrustedKey } from './signature';
import { problemsOf, tryOpenPackSource } from './source';
import type { PackSource, PackSourceEntry, SourceLimits } from './source';
import { describeError } from './store/problem-error';
import { MANIFEST_FILE, readSmallFile } from './store/verify';

export { MANIFEST_FILE };
/** Largest `pack.sig` read from a source; more than MAX_SIGNATURE_BYTES is reported as malformed. */
const SIGNATURE_READ_CAP = 64 * 1024;

/** The identity of the app's built-in pack, written by the build beside the app's code. */
export type BuiltInIdentity = { id: string; version: string; manifestSha256: string };

/** How many files' metadata a folder inspection reads at once. */
const STAT_CONCURRENCY = 16;

export type TrustPolicy = {
  trustedKeys: readonly TrustedKey[];
  /** Accept packs without a (trusted) signature: authoring machines only, never a hall. */
  allowUnsigned: boolean;
  /** The built-in pack's identity; it applies only where the caller says the pack is built in. */
  builtIn?: BuiltInIdentity | null;
};

export type SignatureVerdict =
  /** Verified with one of the trusted keys. */
  | { status: 'trusted'; keyId: string }
  /** The app's own built-in pack: its manifest digest is the one the app was built with. */
  | { status: 'built-in'; keyId: null }
  /** No signature, or one by an unknown key, accepted because the policy allows unsigned packs. */
  | { status: 'unsigned-allowed'; keyId: string | null }
  /** An unbuilt working folder without a signature: fine for authoring, not installable. */
  | { status: 'working-folder'; keyId: null }
  /** Signed by a key this machine does not trust. */
  | { status: 'untrusted'; keyId: string }
  /** Present but does not verify, or is not a signature file. */
  | { status: 'invalid'; keyId: string | null }
  /** A built pack without `pack.sig`. */
  | { status: 'missing'; keyId: null };

export type PackKind = 'built' | 'working-folder';

/** The judgement of a pack's head: manifest and signature. */
export type PackHead = {
  /** No error among the problems. */
  ok: boolean;
  kind: PackKind;
  /** The parsed manifest (also when references or the signature have errors), null if it did not parse. */
  manifest: PackManifest | null;
  signature: SignatureVerdict;
  problems: PackProblem[];
};

export type HeadOptions = {
  /**
   * Accept a manifest without a `files` index as an unbuilt working folder, whose references
   * are checked against these files present in the folder.
   */
  workingFolder?: readonly PackSourceEntry[];
  /** This is the app's built-in pack: its build-time identity counts as trust. */
  builtIn?: boolean;
};

export type FileCheck = 'none' | 'sizes' | 'hashes';

export type InspectOptions = Omit<HeadOptions, 'workingFolder'> & {
  /** Accept an unbuilt working folder (a folder source without a `files` index). */
  workingFolder?: boolean;
  /** What to check of the listed files: nothing, sizes, or sizes and every SHA-256. */
  files: FileCheck;
  limits?: Partial<SourceLimits>;
};

export type Inspection = PackHead & {
  /** The open source (null when it was refused); the caller closes it with `close()`. */
  source: PackSource | null;
  manifestBytes: Buffer | null;
  sigBytes: Buffer | null;
  close(): Promise<void>;
};

/** A pack folder on disk (installed, or built in) that passed the quick check. */
export type VerifiedPack = {
  root: string;
  manifest: PackManifest;
  manifestBytes: Buffer;
  keyId: string | null;
  signature: SignatureVerdict;
  /** Warnings (unsigned on an authoring machine, missing translations …). */
  warnings: PackProblem[];
};

export type QuickVerifyResult = { ok: true; pack: VerifiedPack } | { ok: false; problems: PackProblem[] };

export type PackInspector = {
  readonly policy: TrustPolicy;
  /** Judges a head (memoised on the digest of its bytes). */
  judgeHead(manifestBytes: Uint8Array, sigBytes: Uint8Array | null, options?: HeadOptions): PackHead;
  /** Opens a folder or `.hallpack` and inspects it. Never throws. */
  inspect(path: string, options: InspectOptions): Promise<Inspection>;
  /** Inspects an open source (left open). Never throws. */
  inspectSource(source: PackSource, options: InspectOptions): Promise<Inspection>;
  /**
   * The quick check of a pack folder on disk before it is shown: head judged (no symlinks, size
   * caps), every listed file a regular file of the listed size. Never throws.
   */
  inspectFolder(root: string, options?: { builtIn?: boolean }): Promise<QuickVerifyResult>;
};

/** How many verdicts an inspector remembers (packs in play at once: on screen, previous, USB). */
const MEMO_SIZE = 8;

const digest = (bytes: Uint8Array | null): string =>
  bytes ? createHash('sha256').update(bytes).digest('hex') : '-';

export function isSignatureAccepted(s: SignatureVerdict): boolean {
  return (
    s.status === 'trusted' ||
    s.status === 'built-in' ||
    s.status === 'unsigned-allowed' ||
    s.status === 'working-folder'
  );
}

function judgeSignature(
  manifestBytes: Uint8Array,
  sigBytes: Uint8Array | null,
  policy: TrustPolicy,
  working: boolean,
  builtIn: boolean,
  manifestDigest: string,
): { signature: SignatureVerdict; problems: PackProblem[] } {
  if (builtIn && policy.builtIn && policy.builtIn.manifestSha256 === manifestDigest) {
    return { signature: { status: 'built-in', keyId: null }, problems: [] };
  }
  if (sigBytes === null) {
    if (working) return { signature: { status: 'working-folder', keyId: null }, problems: [] };
    const missing = problem('sig.missing', SIGNATURE_FILE, {});
    if (policy.allowUnsigned) {
      return {
        signature: { status: 'unsigned-allowed', keyId: null },
        problems: [{ ...missing, severity: 'warning' }],
      };
    }
    return { signature: { status: 'missing', keyId: null }, problems: [missing] };
  }
  const result = verifyPackSignature(manifestBytes, sigBytes, policy.trustedKeys);
  if (result.ok) return { signature: { status: 'trusted', keyId: result.keyId }, problems: [] };
  const parsed = parseSignatureFile(sigBytes);
  const keyId = parsed.ok ? parsed.value.keyId : null;
  if (result.problem.code === 'sig.untrusted-key' && keyId !== null) {
    if (policy.allowUnsigned) {
      return {
        signature: { status: 'unsigned-allowed', keyId },
        problems: [{ ...result.problem, severity: 'warning' }],
      };
    }
    return { signature: { status: 'untrusted', keyId }, problems: [result.problem] };
  }
  return { signature: { status: 'invalid', keyId }, problems: [result.problem] };
}

/** The head judgement itself, not memoised. */
function judgeHeadOnce(
  manifestBytes: Uint8Array,
  sigBytes: Uint8Array | null,
  policy: TrustPolicy,
  options: HeadOptions,
  manifestDigest: string,
): PackHead {
  const json = parseJsonBytes(manifestBytes, MANIFEST_FILE);
  const raw = json.ok ? json.value : undefined;
  const working =
    options.workingFolder !== undefined &&
    raw !== null &&
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    !Object.hasOwn(raw, 'files');
  // Signature first: it is about the exact bytes, whatever they say.
  const { signature, problems } = judgeSignature(
    manifestBytes,
    sigBytes,
    policy,
    working,
    options.builtIn === true,
    manifestDigest,
  );
  let manifest: PackManifest | null = null;
  if (!json.ok) problems.push(...json.problems);
  else {
    // A working folder's files index is computed by `hallpack build`; until then its references
    // are checked against the files present (sizes real, hashes not computed here).
    const present = (options.workingFolder ?? []).filter(
      (e) =>
        e.path !== MANIFEST_FILE && e.path !== SIGNATURE_FILE && packPathSchema.safeParse(e.path).success,
    );
    const files = Object.fromEntries(present.map((e) => [e.path, { size: e.size, sha256: UNHASHED }]));
    const checked = checkManifestValue(working ? { ...raw, files } : raw, MANIFEST_FILE);
    problems.push(...checked.problems);
    manifest = checked.manifest ?? null;
  }
  return {
    ok: !hasErrors(problems),
    kind: working ? 'working-folder' : 'built',
    manifest,
    signature,
    problems,
  };
}

/** The hash of a working folder's files, which are not hashed until they are built. */
const UNHASHED = '0'.repeat(64);

const copyHead = (head: PackHead): PackHead => ({ ...head, problems: [...head.problems] });

async function readHead(
  source: PackSource,
): Promise<{ manifestBytes: Buffer | null; sigBytes: Buffer | null; problems: PackProblem[] }> {
  const none = (problems: PackProblem[]) => ({ manifestBytes: null, sigBytes: null, problems });
  if (!source.has(MANIFEST_FILE)) return none([problem('manifest.missing', MANIFEST_FILE, {})]);
  const size = source.sizeOf(MANIFEST_FILE) ?? 0;
  if (size > MAX_MANIFEST_BYTES)
    return none([problem('manifest.too-large', MANIFEST_FILE, { size, max: MAX_MANIFEST_BYTES })]);
  try {
    const manifestBytes = await source.readFile(MANIFEST_FILE, MAX_MANIFEST_BYTES);
    const sigBytes = source.has(SIGNATURE_FILE)
      ? await source.readFile(SIGNATURE_FILE, SIGNATURE_READ_CAP)
      : null;
    return { manifestBytes, sigBytes, problems: [] };
  } catch (error) {
    return none(problemsOf(error, MANIFEST_FILE));
  }
}

export function createPackInspector(policy: TrustPolicy): PackInspector {
  const memo = new Map<string, PackHead>();

  function judgeHead(
    manifestBytes: Uint8Array,
    sigBytes: Uint8Array | null,
    options: HeadOptions = {},
  ): PackHead {
    const manifestDigest = digest(manifestBytes);
    const working = options.workingFolder
      ? digest(Buffer.from(options.workingFolder.map((e) => `${e.path}\0${e.size}`).join('\n')))
      : '';
    const key = `${manifestDigest}:${digest(sigBytes)}:${working}:${options.builtIn ? 'b' : ''}`;
    const known = memo.get(key);
    if (known) {
      memo.delete(key);
      memo.set(key, known);
      return copyHead(known);
    }
    const head = judgeHeadOnce(manifestBytes, sigBytes, policy, options, manifestDigest);
    memo.set(key, head);
    while (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
    return copyHead(head);
  }

  async function inspectSource(source: PackSource, options: InspectOptions): Promise<Inspection> {
    const read = await readHead(source);
    const base = {
      source,
      manifestBytes: read.manifestBytes,
      sigBytes: read.sigBytes,
      close: () => source.close(),
    };
    if (!read.manifestBytes) {
      return {
        ...base,
        ok: false,
        kind: 'built',
        manifest: null,
        signature: { status: read.sigBytes ? 'invalid' : 'missing', keyId: null },
        problems: read.problems,
      };
    }
    const head = judgeHead(read.manifestBytes, read.sigBytes, {
      ...(options.workingFolder === true && source.kind === 'folder'
        ? { workingFolder: source.entries }
        : {}),
      builtIn: options.builtIn === true,
    });
    if (head.manifest && head.kind === 'built' && options.files !== 'none') {
      // Hashing a large pack takes a while; only worth it when nothing refuses it already.
      const sizesOnly = options.files === 'sizes' || hasErrors(head.problems);
      head.problems.push(...(await verifyPackFiles(source, head.manifest.files, { sizesOnly })));
      head.ok = !hasErrors(head.problems);
    }
    return { ...base, ...head };
  }

  async function inspect(path: string, options: InspectOptions): Promise<Inspection> {
    const opened = await tryOpenPackSource(path, options.limits ?? {});
    if (!opened.ok) {
      return {
        ok: false,
        kind: 'built',
        manifest: null,
        signature: { status: 'missing', keyId: null },
        problems: opened.problems,
        source: null,
        manifestBytes: null,
        sigBytes: null,
        close: () => Promise.resolve(),
      };
    }
    return inspectSource(opened.source, options);
  }

  async function inspectFolder(
    root: string,
    options: { builtIn?: boolean } = {},
  ): Promise<QuickVerifyResult> {
    try {
      const manifestBytes = await readSmallFile(join(root, MANIFEST_FILE), MAX_MANIFEST_BYTES);
      if (!manifestBytes) return { ok: false, problems: [problem('manifest.missing', MANIFEST_FILE, {})] };
      const sigBytes = (await readSmallFile(join(root, SIGNATURE_FILE), MAX_SIGNATURE_BYTES)) ?? null;
      const head = judgeHead(manifestBytes, sigBytes, { builtIn: options.builtIn === true });
      if (!head.ok || !head.manifest) return { ok: false, problems: head.problems };
      // One lstat per listed file, several in flight (one after another, the 200 files of the default
      // pack held a cold start's first pack request ~20 ms); problems in the manifest's file order.
      const found = await mapLimit(
        Object.entries(head.manifest.files),
        STAT_CONCURRENCY,
        async ([path, entry]) => {
          try {
            const st = await lstat(join(root, path));
            if (!st.isFile()) return problem('files.special', path, { path });
            if (st.size !== entry.size) {
              return problem('files.size-mismatch', path, { path, expected: entry.size, actual: st.size });
            }
            return null;
          } catch (error) {
            if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') {
              return problem('files.missing', path, { path });
            }
            return problem('files.read-error', path, { path, detail: describeError(error) });
          }
        },
      );
      const problems = found.filter((p): p is PackProblem => p !== null).slice(0, 20);
      if (hasErrors(problems)) return { ok: false, problems };
      return {
        ok: true,
        pack: {
          root,
          manifest: head.manifest,
          manifestBytes,
          keyId: head.signature.keyId,
          signature: head.signature,
          warnings: head.problems,
        },
      };
    } catch (error) {
      return {
        ok: false,
        problems: [problem('files.read-error', MANIFEST_FILE, { path: root, detail: describeError(error) })],
      };
    }
  }

  return { policy, judgeHead, inspect, inspectSource, inspectFolder };
}
