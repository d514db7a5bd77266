/**
 * `hallpack validate | lint | inspect | sign` — commands that read an existing pack (a folder or
 * a `.hallpack` file).
 */
import { createPublicKey } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PACK_FORMAT } from '../../shared/pack-schema';
import type { PackManifest } from '../../shared/pack-schema';
import type { PackProblem, ProblemLanguage } from '../../shared/problems';
import { lintPack } from '../lint/lint-pack';
import { formatLocated, locate } from '../lint/locations';
import { MANIFEST_FILE, writePackZip } from '../pack/build';
import type { ZipInput } from '../pack/build';
import { keyIdOf, SIGNATURE_FILE, signManifest } from '../pack/signature';
import { optionValue } from './args';
import { checkPack, closePackCheck } from './check-pack';
import { problemsBeyondSchema } from './lint-beyond-schema';
import type { CheckOptions, PackCheck } from './check-pack';
import {
  EXIT_OK,
  exitCodeFor,
  invoke,
  checkingTrust,
  dataDirOption,
  loadSigningKey,
  outputOptions,
  printFailure,
  strictOption,
  summary,
  t,
  trustOption,
  usageError,
  userPath,
} from './common';
import type { CommandIo, CommandSpec, Invocation } from './common';

/** Largest file the lint reads whole (media headers are probed from the bytes). */
const LINT_MAX_FILE_BYTES = 1024 ** 3;

function packLabel(check: PackCheck): string {
  return check.manifest ? `${check.manifest.id} ${check.manifest.version}` : 'pack';
}

function signatureText(check: PackCheck, lang: ProblemLanguage): string {
  const s = check.signature;
  switch (s.status) {
    case 'trusted':
      return t(lang, `signed, key ${s.keyId}, verified`, `已签名，密钥 ${s.keyId}，验证通过`);
    case 'built-in':
      return t(lang, 'the app’s built-in pack', '应用内置内容包');
    case 'working-folder':
      return t(
        lang,
        'unsigned working folder (not built): hallpack build adds the files index and signs it',
        '未签名的工作文件夹（未构建）：hallpack build 会生成文件索引并签名',
      );
    case 'untrusted':
      return t(
        lang,
        `signed with key ${s.keyId}, which is NOT trusted (hallpack trust add <pub.pem>, or --trust <pub.pem>)`,
        `使用密钥 ${s.keyId} 签名，该密钥不受信任（hallpack trust add <公钥.pem>，或 --trust <公钥.pem>）`,
      );
    case 'invalid':
      return t(lang, 'signature INVALID', '签名无效');
    case 'missing':
    case 'unsigned-allowed':
      return t(lang, 'NOT signed', '未签名');
  }
}

/** Shared ending of the checking commands: print problems and a summary, or one JSON document. */
function finish(
  io: CommandIo,
  inv: Invocation,
  command: string,
  path: string,
  check: PackCheck,
  problems: readonly PackProblem[],
  extra: Record<string, unknown> = {},
): number {
  const code = exitCodeFor(problems, inv.strict);
  // Each problem at its line of pack.json (the bytes that were checked, folder or .hallpack).
  const located = locate(
    check.manifestBytes ? Buffer.from(check.manifestBytes).toString('utf8') : null,
    problems,
  );
  if (inv.json) {
    io.out(
      JSON.stringify({
        ok: code === EXIT_OK,
        command,
        path,
        pack: check.manifest ? { id: check.manifest.id, version: check.manifest.version } : null,
        signature: check.signature,
        problems: located,
        ...extra,
      }),
    );
    return code;
  }
  for (const p of located) io.out(formatLocated(p, inv.lang));
  const mark = code === EXIT_OK ? '✓' : '✗';
  io.err(`${mark} ${packLabel(check)}: ${summary(problems, inv.lang)}; ${signatureText(check, inv.lang)}`);
  return code;
}

/**
 * Shared start of validate, lint and inspect: parse, read `--trust`, check the pack, run `body`,
 * close the pack.
 */
async function withCheckedPack(
  spec: CommandSpec,
  argv: readonly string[],
  io: CommandIo,
  checkOptions: (inv: Invocation) => CheckOptions,
  body: (inv: Invocation, path: string, check: PackCheck) => Promise<number> | number,
): Promise<number> {
  const inv = invoke(spec, argv, io);
  if (typeof inv === 'number') return inv;
  const trust = await checkingTrust(io, inv);
  if (!trust.ok) return exitCodeFor(trust.problems, false);
  const path = inv.args.positionals[0] ?? '';
  const check = await checkPack(userPath(path), { trusted: trust.value, ...checkOptions(inv) });
  try {
    return await body(inv, path, check);
  } finally {
    await closePackCheck(check);
  }
}

// --- validate -------------------------------------------------------------------------------------

export const validateSpec: CommandSpec = {
  name: 'validate',
  usage:
    'validate <dir|file.hallpack> [--trust pub.pem]… [--data-dir dir] [--quick] [--strict] [--json] [--lang zh-Hans]',
  summary:
    'Checks a pack: pack.json against the schema, every reference, every listed file (present, size, SHA-256),\nfiles not listed, and the signature, verified against the trusted keys (--trust, else the trust list of\n--data-dir / $HALL_DATA_DIR). A built pack must be signed by a trusted key; only an unbuilt working folder\n(no files index) may be unsigned.',
  options: [
    trustOption,
    dataDirOption,
    { name: 'quick', kind: 'flag', description: 'check file sizes only, not SHA-256' },
    strictOption,
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};

export async function validateCommand(argv: string[], io: CommandIo): Promise<number> {
  return withCheckedPack(
    validateSpec,
    argv,
    io,
    (inv) => ({ hashes: !inv.args.flags.has('quick') }),
    (inv, path, check) => finish(io, inv, 'validate', path, check, check.problems),
  );
}

// --- lint -----------------------------------------------------------------------------------------

export const lintSpec: CommandSpec = {
  name: 'lint',
  usage: 'lint <dir|file.hallpack> [--trust pub.pem]… [--data-dir dir] [--strict] [--json] [--lang zh-Hans]',
  summary:
    'Everything validate checks, plus pre-flight checks for the hall: codecs Chromium can play, image and video\nbudgets, glyphs of every displayed string in the bundled or pack fonts, captions that parse, unused media.',
  options: [trustOption, dataDirOption, strictOption, ...outputOptions],
  positionals: { min: 1, max: 1 },
};

export async function lintCommand(argv: string[], io: CommandIo): Promise<number> {
  return withCheckedPack(
    lintSpec,
    argv,
    io,
    () => ({}),
    async (inv, path, check) => finish(io, inv, 'lint', path, check, await lintCheckedPack(check)),
  );
}

/** Everything one lint run finds in a checked pack: the check's problems, then the pre-flight lint. */
export async function lintCheckedPack(check: PackCheck): Promise<PackProblem[]> {
  const problems = [...check.problems];
  const source = check.source;
  if (source && check.manifest) {
    problems.push(...(await runLint(check.manifest, (p) => source.readFile(p, LINT_MAX_FILE_BYTES))));
  } else if (source) {
    // The schema failed: check everything else on the valid rest, in the same run.
    problems.push(
      ...(await problemsBeyondSchema(check, (m) =>
        runLint(m, (p) => source.readFile(p, LINT_MAX_FILE_BYTES)),
      )),
    );
  }
  return problems;
}

/** The lint, with a crash turned into a problem rather than a stack trace. */
export async function runLint(
  manifest: PackManifest,
  readFile: (path: string) => Promise<Uint8Array>,
): Promise<PackProblem[]> {
  try {
    return await lintPack({ readFile }, manifest);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return [
      {
        code: 'lint.failed',
        severity: 'error',
        file: MANIFEST_FILE,
        rule: 'lint.failed',
        message: {
          en: `the pre-flight checks stopped (${detail}). Report this with the pack attached.`,
          'zh-Hans': `预检中断（${detail}）。请附上内容包报告此问题。`,
        },
      },
    ];
  }
}

// --- inspect --------------------------------------------------------------------------------------

export const inspectSpec: CommandSpec = {
  name: 'inspect',
  usage:
    'inspect <dir|file.hallpack> [--trust pub.pem]… [--data-dir dir] [--verify] [--json] [--lang zh-Hans]',
  summary:
    'Shows what a pack is: id, version, titles, languages, contents, size, signature and files.\nChecks sizes; --verify also checks every SHA-256.',
  options: [
    trustOption,
    dataDirOption,
    { name: 'verify', kind: 'flag', description: 'also check the SHA-256 of every file' },
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};

export type PackSummary = {
  format: string;
  id: string;
  version: string;
  title: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
  publisher: Record<string, string>;
  created: string;
  counts: {
    categories: number;
    places: number;
    tours: number;
    layers: number;
    timelines: number;
    events: number;
    media: number;
    stats: number;
  };
  fileCount: number;
  totalBytes: number;
  manifestBytes: number;
  files: { path: string; size: number; sha256: string }[];
};

/** What `inspect` shows about a parsed manifest. */
export function summarizePack(m: PackManifest, manifestBytes: number): PackSummary {
  const files = Object.entries(m.files)
    .map(([path, e]) => ({ path, size: e.size, sha256: e.sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    format: PACK_FORMAT,
    id: m.id,
    version: m.version,
    title: m.title,
    languages: m.languages,
    defaultLanguage: m.defaultLanguage,
    publisher: m.publisher,
    created: m.created,
    counts: {
      categories: m.categories.length,
      places: m.places.length,
      tours: m.sandTable?.tours.length ?? 0,
      layers: m.layers.length,
      timelines: m.timelines.length,
      events: m.timelines.reduce((n, tl) => n + tl.events.length, 0),
      media: Object.keys(m.media).length,
      stats: m.stats.length,
    },
    fileCount: files.length,
    totalBytes: files.reduce((n, f) => n + f.size, 0),
    manifestBytes,
    files,
  };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u] ?? ''}`;
}

export async function inspectCommand(argv: string[], io: CommandIo): Promise<number> {
  return withCheckedPack(
    inspectSpec,
    argv,
    io,
    (inv) => ({ hashes: inv.args.flags.has('verify') }),
    (inv, path, check) => {
      const info = check.manifest
        ? summarizePack(check.manifest, check.manifestBytes?.byteLength ?? 0)
        : null;
      if (!inv.json && info) {
        const { lang } = inv;
        const c = info.counts;
        const rows: [string, string][] = [
          ['id', info.id],
          ['version', info.version],
          ['format', info.format],
          ...Object.entries(info.title).map(([language, text]): [string, string] => [
            `title ${language}`,
            text,
          ]),
          [
            'languages',
            info.languages
              .map((l) => (l === info.defaultLanguage ? `${l} (${t(lang, 'default', '默认')})` : l))
              .join(', '),
          ],
          ['publisher', Object.values(info.publisher).join(' / ')],
          ['created', info.created],
          [
            'contents',
            `${c.categories} categories, ${c.places} places, ${c.tours} tours, ${c.layers} layers, ${c.timelines} timelines (${c.events} events), ${c.media} media, ${c.stats} stats`,
          ],
          [
            'size',
            `${formatBytes(info.totalBytes)} in ${info.fileCount} files (pack.json ${formatBytes(info.manifestBytes)})`,
          ],
          ['signature', signatureText(check, lang)],
        ];
        const labelWidth = Math.max(...rows.map(([label]) => label.length)) + 2;
        for (const [label, value] of rows) io.out(`${`${label}:`.padEnd(labelWidth)}${value}`);
        io.out('files:');
        const width = Math.max(0, ...info.files.map((f) => f.path.length));
        for (const f of info.files)
          io.out(`  ${f.path.padEnd(width)}  ${String(f.size).padStart(10)}  ${f.sha256.slice(0, 16)}`);
      }
      return finish(io, inv, 'inspect', path, check, check.problems, { info });
    },
  );
}

// --- sign -----------------------------------------------------------------------------------------

export const signSpec: CommandSpec = {
  name: 'sign',
  usage: 'sign <dir|file.hallpack> --key <private.pem> [--json] [--lang zh-Hans]',
  summary:
    'Signs pack.json (exactly as it is) with an Ed25519 key from hallpack keygen, after checking the pack.\nA folder gets pack.sig beside pack.json; a .hallpack file is rewritten with the new pack.sig.',
  options: [
    {
      name: 'key',
      short: 'k',
      kind: 'string',
      valueName: 'private.pem',
      description: 'Ed25519 private key (PKCS8 PEM)',
    },
    strictOption,
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};

export async function signCommand(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(signSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const keyPath = optionValue(inv.args, 'key');
  if (keyPath === undefined) {
    return usageError(io, signSpec, '--key <private.pem> is required', inv.json);
  }
  const key = await loadSigningKey(keyPath);
  if (!key.ok) {
    printFailure(io, inv, key.problems);
    return exitCodeFor(key.problems, false);
  }
  const path = inv.args.positionals[0] ?? '';
  const full = userPath(path);
  const check = await checkPack(full, { workingFolder: false });
  // The old signature (missing, stale, malformed) is what signing replaces.
  const problems = check.problems.filter((p) => !p.code.startsWith('sig.'));
  const source = check.source;
  const manifestBytes = check.manifestBytes;
  try {
    if (exitCodeFor(problems, inv.strict) !== EXIT_OK || !source || !manifestBytes) {
      return finish(io, inv, 'sign', path, check, problems);
    }
    const sigBytes = signManifest(manifestBytes, key.value);
    if (source.kind === 'folder') {
      const target = join(full, SIGNATURE_FILE);
      const tmp = join(full, `.${SIGNATURE_FILE}.tmp-${process.pid}`);
      await writeFile(tmp, sigBytes);
      await rename(tmp, target);
    } else {
      const inputs: ZipInput[] = source.entries
        .filter((e) => e.path !== MANIFEST_FILE && e.path !== SIGNATURE_FILE)
        .map((e) => ({ path: e.path, size: e.size, open: () => source.openStream(e.path) }));
      const staged = join(dirname(full), `.${basename(full)}.signed-${process.pid}`);
      try {
        await writePackZip(staged, manifestBytes, sigBytes, inputs);
        await closePackCheck(check);
        await rename(staged, full);
      } catch (e) {
        await rm(staged, { force: true });
        throw e;
      }
    }
    const keyId = keyIdOf(createPublicKey(key.value));
    check.signature = { status: 'trusted', keyId };
    return finish(io, inv, 'sign', path, check, problems, { keyId });
  } finally {
    await closePackCheck(check);
  }
}
