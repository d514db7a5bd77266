/**
 * What every hallpack subcommand shares: the command contract, common options, reading of
 * keys and paths, and output of problems for people (`file: rule: message`) or machines (`--json`).
 *
 * Contract: a command is `(argv, io) => Promise<exit code>`; `argv` is what follows the command
 * name; it parses its own options. Exit codes: 0 ok, 1 pack problems, 2 usage.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/config';
import { kioskTrust } from '../trust/trusted-keys';
import { countProblems, formatProblem, hasErrors, problem } from '../../shared/problems';
import type { PackProblem, ProblemLanguage } from '../../shared/problems';
import { formatOptions, optionValue, optionValues, parseArgs } from './args';
import type { OptionSpec, ParsedArgs } from './args';
import { loadPrivateKey, loadTrustedKey } from '../pack/signature';
import type { TrustedKey } from '../pack/signature';
import type { KeyObject } from 'node:crypto';

/** Output of a command: `out` is stdout (results, problems), `err` is stderr (progress, summaries). */
export type CommandIo = {
  out(s: string): void;
  err(s: string): void;
  /** The machine's clock; tests that mock the kiosk's clock pass the same one here. */
  now?: () => Date;
};

export type CliCommand = (argv: string[], io: CommandIo) => Promise<number>;

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export const jsonOption: OptionSpec = {
  name: 'json',
  kind: 'flag',
  description: 'print one JSON document on stdout',
};
export const langOption: OptionSpec = {
  name: 'lang',
  kind: 'string',
  valueName: 'en|zh-Hans',
  description: 'language of messages (default en)',
};
export const strictOption: OptionSpec = {
  name: 'strict',
  kind: 'flag',
  description: 'treat warnings as problems (exit 1)',
};
export const helpOption: OptionSpec = {
  name: 'help',
  short: 'h',
  kind: 'flag',
  description: 'show this help',
};
/** The options every reporting command ends with: `--json`, `--lang`, `--help`. */
export const outputOptions = [jsonOption, langOption, helpOption] as const;
export const trustOption: OptionSpec = {
  name: 'trust',
  kind: 'strings',
  valueName: 'pub.pem',
  description: 'trusted public key (repeatable); the signature must verify against one',
};

/** Resolves a user-given path against the directory the user ran the command in. */
export function userPath(p: string): string {
  // `npm run hallpack` runs in the package root; INIT_CWD is where the user typed the command.
  const base = process.env['INIT_CWD'] ?? process.cwd();
  return isAbsolute(p) ? p : resolve(base, p);
}

export type CommandSpec = {
  name: string;
  usage: string;
  summary: string;
  options: readonly OptionSpec[];
  /** Allowed number of positional arguments. */
  positionals: { min: number; max: number };
};

export type Invocation = {
  args: ParsedArgs;
  json: boolean;
  lang: ProblemLanguage;
  strict: boolean;
};

export function helpText(spec: CommandSpec): string {
  return `Usage: hallpack ${spec.usage}\n\n${spec.summary}\n\nOptions:\n${formatOptions(spec.options)}\n\nExit codes: 0 ok, 1 pack problems, 2 usage.`;
}

/**
 * Parses argv against a command spec. Returns the invocation, or the exit code when it printed
 * help (0) or a usage error (2).
 */
export function invoke(spec: CommandSpec, argv: readonly string[], io: CommandIo): Invocation | number {
  const parsed = parseArgs(argv, spec.options);
  if (!parsed.ok) return usageError(io, spec, parsed.error, argv.includes('--json'));
  const { args } = parsed;
  if (args.flags.has('help')) {
    io.out(helpText(spec));
    return EXIT_OK;
  }
  const json = args.flags.has('json');
  const langValue = optionValue(args, 'lang') ?? 'en';
  if (langValue !== 'en' && langValue !== 'zh-Hans') {
    return usageError(io, spec, `--lang must be en or zh-Hans, not ${JSON.stringify(langValue)}`, json);
  }
  const n = args.positionals.length;
  if (n < spec.positionals.min) return usageError(io, spec, 'missing argument', json);
  if (n > spec.positionals.max) {
    return usageError(
      io,
      spec,
      `unexpected argument ${JSON.stringify(args.positionals[spec.positionals.max])}`,
      json,
    );
  }
  return { args, json, lang: langValue, strict: args.flags.has('strict') };
}

export function usageError(
  io: CommandIo,
  spec: CommandSpec | undefined,
  message: string,
  json = false,
): number {
  if (json) io.out(JSON.stringify({ ok: false, usage: message }));
  else {
    io.err(`hallpack: ${message}`);
    if (spec) io.err(`Usage: hallpack ${spec.usage}\nRun "hallpack ${spec.name} --help" for the options.`);
  }
  return EXIT_USAGE;
}

/** `--data-dir` (else `$HALL_DATA_DIR`) resolved; a number is the exit code of the usage error. */
export function dataDirOf(spec: CommandSpec, inv: Invocation, io: CommandIo): string | number {
  const given = optionValue(inv.args, 'data-dir') ?? process.env['HALL_DATA_DIR'];
  if (given === undefined || given === '') {
    return usageError(io, spec, '--data-dir is required (or set HALL_DATA_DIR)', inv.json);
  }
  return userPath(given);
}

/**
 * Prints problems that stop a command before it does anything: one JSON document
 * `{ ok: false, ...fields, problems }` (indented by `indent`), or one line per problem.
 */
export function printFailure(
  io: CommandIo,
  inv: Invocation,
  problems: readonly PackProblem[],
  fields: Record<string, unknown> = {},
  indent = 0,
): void {
  if (inv.json) io.out(JSON.stringify({ ok: false, ...fields, problems }, null, indent));
  else printProblems(io, problems, inv.lang);
}

/** 1 when any error (or any warning with --strict), else 0. */
export function exitCodeFor(problems: readonly PackProblem[], strict: boolean): number {
  if (hasErrors(problems)) return EXIT_PROBLEMS;
  if (strict && problems.length > 0) return EXIT_PROBLEMS;
  return EXIT_OK;
}

/** Prints each problem on one line in the chosen language. */
export function printProblems(io: CommandIo, problems: readonly PackProblem[], lang: ProblemLanguage): void {
  for (const p of problems) io.out(formatProblem(p, lang));
}

/** "2 errors, 1 warning" in the chosen language. */
export function summary(problems: readonly PackProblem[], lang: ProblemLanguage): string {
  const { errors, warnings } = countProblems(problems);
  if (lang === 'zh-Hans') return `${errors} 个错误，${warnings} 个警告`;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** Picks the text of the chosen language. */
export const t = (lang: ProblemLanguage, en: string, zh: string): string => (lang === 'zh-Hans' ? zh : en);

export type KeyLoad<T> = { ok: true; value: T } | { ok: false; problems: PackProblem[] };

async function readKeyFile(
  path: string,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; problems: PackProblem[] }> {
  try {
    return { ok: true, bytes: await readFile(userPath(path)) };
  } catch (e) {
    const detail = (e as NodeJS.ErrnoException).code ?? String(e);
    return {
      ok: false,
      problems: [problem('sig.bad-key', path, { detail: `cannot read ${path}: ${detail}` })],
    };
  }
}

export const dataDirOption: OptionSpec = {
  name: 'data-dir',
  kind: 'string',
  valueName: 'dir',
  description: "the kiosk's data folder (pack store, trust list; default: $HALL_DATA_DIR)",
};

/** This checkout's development public key, if there is one (`.dev-keys/`, from the sources or the bundle). */
function developmentKeyPem(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const root of [resolve(here, '../../..'), resolve(here, '..')]) {
    try {
      return readFileSync(join(root, '.dev-keys', 'dev-public.pem'), 'utf8');
    } catch {
      // Not a development checkout, or no key generated yet.
    }
  }
  return undefined;
}

/**
 * The keys a kiosk with this data folder trusts — exactly what the kiosk itself reads
 * (trust list, config.json's keys, the development key if its configuration says so).
 * Problems with the configuration or list are printed to stderr; the command goes on.
 */
export function kioskTrustFor(dataDir: string, io: CommandIo): TrustedKey[] {
  const loaded = loadConfig(dataDir);
  if (loaded.problem) io.err(`hallpack: ${loaded.problem}`);
  const dev = loaded.config.trustDevelopmentKey ? developmentKeyPem() : undefined;
  const trust = kioskTrust(dataDir, loaded.config, dev);
  for (const warning of trust.warnings) io.err(`hallpack: ${warning}`);
  return trust.keys;
}

/**
 * The keys `validate`, `lint` and `inspect` check a signature against: `--trust` keys when given,
 * else the trust list of `--data-dir` (or $HALL_DATA_DIR), else none — and then a signed pack is
 * reported as signed by an untrusted key, with its fingerprint.
 */
export async function checkingTrust(io: CommandIo, inv: Invocation): Promise<KeyLoad<TrustedKey[]>> {
  const paths = optionValues(inv.args, 'trust');
  if (paths.length > 0) {
    const trust = await loadTrustedKeys(paths);
    if (!trust.ok) printFailure(io, inv, trust.problems);
    return trust;
  }
  const dataDir = optionValue(inv.args, 'data-dir') ?? process.env['HALL_DATA_DIR'];
  if (dataDir === undefined || dataDir === '') return { ok: true, value: [] };
  return { ok: true, value: kioskTrustFor(userPath(dataDir), io) };
}

/** Reads `--trust` public keys. */
export async function loadTrustedKeys(paths: readonly string[]): Promise<KeyLoad<TrustedKey[]>> {
  const keys: TrustedKey[] = [];
  for (const path of paths) {
    const read = await readKeyFile(path);
    if (!read.ok) return read;
    const key = loadTrustedKey(read.bytes, path);
    if (!key.ok) return { ok: false, problems: [key.problem] };
    keys.push(key.value);
  }
  return { ok: true, value: keys };
}

/** Reads a `--key` private key. */
export async function loadSigningKey(path: string): Promise<KeyLoad<KeyObject>> {
  const read = await readKeyFile(path);
  if (!read.ok) return read;
  const key = loadPrivateKey(read.bytes, path);
  return key.ok ? { ok: true, value: key.value } : { ok: false, problems: [key.problem] };
}
