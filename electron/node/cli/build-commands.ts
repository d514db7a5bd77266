/**
 * `hallpack build | keygen | schema` — commands that make things: packs, keys, the JSON Schema.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildPack } from '../pack/build';
import { generateKeyPair } from '../pack/signature';
import { optionValue } from './args';
import {
  EXIT_OK,
  EXIT_PROBLEMS,
  exitCodeFor,
  helpOption,
  invoke,
  loadSigningKey,
  outputOptions,
  printFailure,
  printProblems,
  strictOption,
  summary,
  t,
  usageError,
  userPath,
} from './common';
import type { CommandIo, CommandSpec } from './common';
import { packJsonSchemaText } from './json-schema';
import { packReferenceMarkdown } from './pack-reference';
import { runLint } from './pack-commands';

// --- build ----------------------------------------------------------------------------------------

export const buildSpec: CommandSpec = {
  name: 'build',
  usage:
    'build <dir> (-o <file.hallpack> | --out-dir <folder> | --in-place) [--key <private.pem>] [--lint] [--strict] [--json]',
  summary:
    'Builds a pack from an author\'s folder: computes the files index (pack.json may omit "files"), checks\nschema, references and file types, signs with --key, and writes a .hallpack zip and/or a built folder.\nThe source folder is left untouched unless --in-place. Nothing is written when a check fails.',
  options: [
    {
      name: 'out',
      short: 'o',
      kind: 'string',
      valueName: 'file.hallpack',
      description: 'write a .hallpack zip',
    },
    {
      name: 'out-dir',
      kind: 'string',
      valueName: 'folder',
      description: 'write a built folder (replaced if it holds a built pack)',
    },
    { name: 'in-place', kind: 'flag', description: 'write the computed pack.json (and pack.sig) into <dir>' },
    {
      name: 'key',
      short: 'k',
      kind: 'string',
      valueName: 'private.pem',
      description: 'sign with this Ed25519 private key',
    },
    { name: 'lint', kind: 'flag', description: 'also run the pre-flight lint before writing' },
    { name: 'no-verify', kind: 'flag', description: 'do not re-read the outputs to check them' },
    strictOption,
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};

export async function buildCommand(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(buildSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const { args, lang } = inv;
  const outFile = optionValue(args, 'out');
  const outDir = optionValue(args, 'out-dir');
  const inPlace = args.flags.has('in-place');
  if (outFile === undefined && outDir === undefined && !inPlace) {
    return usageError(
      io,
      buildSpec,
      'say where to write: -o <file.hallpack>, --out-dir <folder> or --in-place',
      inv.json,
    );
  }
  const keyPath = optionValue(args, 'key');
  let privateKey;
  if (keyPath !== undefined) {
    const key = await loadSigningKey(keyPath);
    if (!key.ok) {
      printFailure(io, inv, key.problems, { command: 'build' });
      return EXIT_PROBLEMS;
    }
    privateKey = key.value;
  }
  const sourceDir = userPath(args.positionals[0] ?? '');
  const result = await buildPack({
    sourceDir,
    ...(outFile !== undefined ? { outFile: userPath(outFile) } : {}),
    ...(outDir !== undefined ? { outDir: userPath(outDir) } : {}),
    ...(privateKey ? { privateKey } : {}),
    ...(args.flags.has('lint') ? { preflight: runLint } : {}),
    inPlace,
    verify: !args.flags.has('no-verify'),
    failOnWarnings: inv.strict,
  });
  const code = result.ok ? exitCodeFor(result.problems, inv.strict) : EXIT_PROBLEMS;
  if (inv.json) {
    io.out(
      JSON.stringify(
        result.ok
          ? {
              ok: code === EXIT_OK,
              command: 'build',
              pack: { id: result.manifest.id, version: result.manifest.version },
              keyId: result.keyId ?? null,
              outputs: result.outputs,
              fileCount: result.fileCount,
              totalBytes: result.totalBytes,
              problems: result.problems,
            }
          : { ok: false, command: 'build', problems: result.problems },
      ),
    );
    return code;
  }
  printProblems(io, result.problems, lang);
  if (!result.ok) {
    io.err(`✗ ${t(lang, 'nothing written', '未写入任何文件')}: ${summary(result.problems, lang)}`);
    return code;
  }
  const signed = result.keyId
    ? t(lang, `signed with key ${result.keyId}`, `已用密钥 ${result.keyId} 签名`)
    : t(lang, 'unsigned', '未签名');
  io.err(
    `✓ ${result.manifest.id} ${result.manifest.version}: ${result.fileCount} files, ${result.totalBytes} bytes, ${signed}; ${summary(result.problems, lang)}`,
  );
  for (const out of result.outputs) io.out(out);
  return code;
}

// --- keygen ---------------------------------------------------------------------------------------

export const keygenSpec: CommandSpec = {
  name: 'keygen',
  usage: 'keygen [--out <prefix>] [--force] [--json]',
  summary:
    'Makes an Ed25519 signing key: <prefix>.key.pem (private, PKCS8, mode 0600 — keep it off the kiosk) and\n<prefix>.pub.pem (public, SPKI — kiosks trust it). Prints the key id. The default prefix is "hallpack".',
  options: [
    {
      name: 'out',
      short: 'o',
      kind: 'string',
      valueName: 'prefix',
      description: 'path prefix of the two key files',
    },
    { name: 'force', kind: 'flag', description: 'overwrite existing key files' },
    ...outputOptions,
  ],
  positionals: { min: 0, max: 0 },
};

export async function keygenCommand(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(keygenSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const prefix = userPath(optionValue(inv.args, 'out') ?? 'hallpack');
  const privatePath = `${prefix}.key.pem`;
  const publicPath = `${prefix}.pub.pem`;
  const flag = inv.args.flags.has('force') ? 'w' : 'wx';
  const pair = generateKeyPair();
  try {
    await mkdir(dirname(prefix), { recursive: true });
    await writeFile(privatePath, pair.privateKeyPem, { mode: 0o600, flag });
    // `mode` applies only when the file is created; an overwritten key gets it here.
    await chmod(privatePath, 0o600);
    await writeFile(publicPath, pair.publicKeyPem, { mode: 0o644, flag });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'EEXIST'
        ? t(
            inv.lang,
            'a key file already exists there; use --force to replace it',
            '该位置已有密钥文件；如需替换请加 --force',
          )
        : String(e);
    return usageError(io, keygenSpec, message, inv.json);
  }
  if (inv.json)
    io.out(
      JSON.stringify({
        ok: true,
        command: 'keygen',
        keyId: pair.keyId,
        privateKey: privatePath,
        publicKey: publicPath,
      }),
    );
  else {
    io.out(`key id:      ${pair.keyId}`);
    io.out(
      `private key: ${privatePath}  (${t(inv.lang, 'keep secret; never copy to a kiosk', '请妥善保管，切勿复制到展机')})`,
    );
    io.out(
      `public key:  ${publicPath}  (${t(inv.lang, `on each kiosk: hallpack trust add ${publicPath} --data-dir <its data folder>`, `在每台展机上：hallpack trust add ${publicPath} --data-dir <数据文件夹>`)})`,
    );
  }
  return EXIT_OK;
}

// --- schema ---------------------------------------------------------------------------------------

export const schemaSpec: CommandSpec = {
  name: 'schema',
  usage: 'schema [--markdown] [-o <file>]',
  summary:
    'Prints the JSON Schema of pack.json (generated from the zod schema), or with --markdown the field\nreference (docs/pack-reference.md: every field, its type, meaning and an example); -o writes it to a file.',
  options: [
    { name: 'markdown', kind: 'flag', description: 'the field reference as Markdown instead of JSON Schema' },
    {
      name: 'out',
      short: 'o',
      kind: 'string',
      valueName: 'file',
      description: 'write to this file instead of stdout',
    },
    helpOption,
  ],
  positionals: { min: 0, max: 0 },
};

export async function schemaCommand(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(schemaSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const out = optionValue(inv.args, 'out');
  const text = inv.args.flags.has('markdown') ? packReferenceMarkdown() : packJsonSchemaText();
  if (out === undefined) io.out(text.trimEnd());
  else await writeFile(userPath(out), text);
  return EXIT_OK;
}
