/**
 * `hallpack config check [--data-dir <dir>] [--json]` — what a kiosk will make of its config.json:
 * the effective configuration (every field, defaults filled in, the PIN hash only as "set") and
 * one warning per field that is invalid (at its default) or unknown, plus a config.json that
 * others can read. Reads only; exit 1 when there is anything to fix.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { formatConfigWarning } from '../../shared/config-parse';
import type { ConfigWarning } from '../../shared/config-parse';
import type { KioskConfig } from '../../shared/config-schema';
import { loadConfig } from '../config/config';
import { parsePinHash } from '../staff/pin';
import type { OptionSpec } from './args';
import { optionValue } from './args';
import { EXIT_OK, EXIT_PROBLEMS, invoke, outputOptions, t, usageError, userPath } from './common';
import type { CliCommand, CommandSpec } from './common';

const options: readonly OptionSpec[] = [
  {
    name: 'data-dir',
    kind: 'string',
    valueName: 'dir',
    description: "the kiosk's data folder (default: $HALL_DATA_DIR, else .hall-data here)",
  },
  ...outputOptions,
];

export const configCheckSpec: CommandSpec = {
  name: 'config',
  usage: 'config check [--data-dir <dir>] [--json]',
  summary:
    "Prints the configuration a kiosk runs with, read from its data folder's config.json field by field:\n" +
    'an invalid field is at its default and named with its value, an unknown one is named, the other\n' +
    'fields (trusted keys above all) stay in force. Exit 1 when there is a warning.',
  options,
  positionals: { min: 1, max: 1 },
};

/** The configuration as printed: the PIN hash is a secret, so only whether one is set. */
function printable(config: KioskConfig): Record<string, unknown> {
  const { staffPinHash, ...rest } = config;
  return { ...rest, staffPinHash: staffPinHash === undefined ? '(not set)' : '(set)' };
}

/** A config.json that group or others may read: the PIN hash falls to an offline search. */
function permissionWarning(file: string): ConfigWarning | null {
  if (process.platform === 'win32') return null;
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return null;
  }
  if ((mode & 0o077) === 0) return null;
  return {
    field: '(file)',
    value: '',
    message: `readable by others (mode ${mode.toString(8).padStart(4, '0')}); chmod 600 it (the kiosk does at start)`,
  };
}

export const configCommand: CliCommand = (argv, io) => {
  const inv = invoke(configCheckSpec, argv, io);
  if (typeof inv === 'number') return Promise.resolve(inv);
  const action = inv.args.positionals[0];
  if (action !== 'check')
    return Promise.resolve(
      usageError(io, configCheckSpec, `unknown action ${JSON.stringify(action)}`, inv.json),
    );
  const given = optionValue(inv.args, 'data-dir') ?? process.env['HALL_DATA_DIR'];
  const dataDir = given !== undefined && given !== '' ? userPath(given) : path.resolve('.hall-data');

  const loaded = loadConfig(dataDir);
  const perms = permissionWarning(loaded.file);
  const warnings = perms ? [perms, ...loaded.warnings] : [...loaded.warnings];
  const hash = loaded.config.staffPinHash;
  if (hash !== undefined && parsePinHash(hash) === null)
    warnings.push({
      field: 'staffPinHash',
      value: '(hidden)',
      message: 'damaged: staff mode stays closed; set the PIN again with hallpack staff-pin',
    });
  let exists = true;
  try {
    statSync(loaded.file);
  } catch {
    exists = false;
  }
  const config = printable(loaded.config);
  if (inv.json) {
    io.out(
      JSON.stringify(
        { ok: warnings.length === 0, command: 'config check', file: loaded.file, exists, warnings, config },
        null,
        2,
      ),
    );
  } else {
    io.out(
      exists
        ? t(inv.lang, `config: ${loaded.file}`, `配置文件：${loaded.file}`)
        : t(
            inv.lang,
            `config: ${loaded.file} (missing: every setting at its default)`,
            `配置文件：${loaded.file}（不存在：全部使用默认值）`,
          ),
    );
    for (const w of warnings) io.out(`${loaded.file}: ${formatConfigWarning(w)}`);
    io.out(
      warnings.length === 0
        ? t(inv.lang, 'no warnings', '没有警告')
        : t(inv.lang, `${warnings.length} warning(s)`, `${warnings.length} 条警告`),
    );
    io.out(t(inv.lang, 'effective configuration:', '生效的配置：'));
    io.out(JSON.stringify(config, null, 2));
  }
  return Promise.resolve(warnings.length === 0 ? EXIT_OK : EXIT_PROBLEMS);
};
