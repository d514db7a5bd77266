/**
 * `hallpack staff-pin --data-dir <dir> [--pin <digits>]` — sets the staff PIN of a kiosk (a
 * technician's task): reads the PIN from standard input (or `--pin` for scripts), hashes it with
 * scrypt and writes `staffPinHash` into the data folder's config.json atomically, keeping every
 * other setting as it is. A config.json that is not valid JSON is left alone (fix it first).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { problem } from '../../shared/problems';
import { STAFF_PIN_MAX_DIGITS, STAFF_PIN_MIN_DIGITS } from '../../shared/staff-api';
import { CONFIG_FILE } from '../config/config';
import { PRIVATE_FILE_MODE, securePrivateDataDir } from '../config/private-files';
import { replaceJsonAtomic } from '../fs/atomic';
import { errnoCode, nodeFsOps } from '../fs/fs-ops';
import { hashPin, isValidPinFormat } from '../staff/pin';
import type { OptionSpec } from './args';
import { optionValue } from './args';
import { dataDirOf, EXIT_OK, EXIT_PROBLEMS, invoke, outputOptions, printFailure, t } from './common';
import type { CliCommand, CommandIo, CommandSpec } from './common';

const options: readonly OptionSpec[] = [
  {
    name: 'data-dir',
    kind: 'string',
    valueName: 'dir',
    description: "the kiosk's data folder holding config.json (default: $HALL_DATA_DIR)",
  },
  {
    name: 'pin',
    kind: 'string',
    valueName: 'digits',
    description: 'the PIN (for scripts; otherwise it is read from standard input)',
  },
  ...outputOptions,
];

export const staffPinSpec: CommandSpec = {
  name: 'staff-pin',
  usage: 'staff-pin --data-dir <dir> [--pin <digits>]',
  summary: `Sets the PIN that opens staff mode (${STAFF_PIN_MIN_DIGITS}–${STAFF_PIN_MAX_DIGITS} digits). The PIN is read from standard input unless --pin\nis given, and only its scrypt hash is stored, in config.json (other settings are kept).`,
  options,
  positionals: { min: 0, max: 0 },
};

/** Reads all of standard input (the PIN, typed or piped; only its first line counts). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    size += buf.length;
    chunks.push(buf);
    if (size > 4096 || buf.includes(0x0a)) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readConfigObject(file: string): Promise<Record<string, unknown> | 'invalid'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return {};
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** The command, reading the PIN with `stdin` when `--pin` is absent. */
export function createStaffPinCommand(stdin: () => Promise<string> = readStdin): CliCommand {
  return async (argv: string[], io: CommandIo): Promise<number> => {
    const inv = invoke(staffPinSpec, argv, io);
    if (typeof inv === 'number') return inv;
    const dataDir = dataDirOf(staffPinSpec, inv, io);
    if (typeof dataDir === 'number') return dataDir;
    const file = path.join(dataDir, CONFIG_FILE);

    let pin = optionValue(inv.args, 'pin');
    if (pin === undefined) {
      if (!inv.json)
        io.err(t(inv.lang, 'Staff PIN (digits), then Enter:', '请输入工作人员密码（数字）并回车：'));
      pin = (await stdin()).split(/\r?\n/)[0] ?? '';
    }
    pin = pin.trim();
    const fail = (problems: ReturnType<typeof problem>[]): number => {
      printFailure(io, inv, problems, { command: 'staff-pin' }, 2);
      return EXIT_PROBLEMS;
    };
    if (!isValidPinFormat(pin)) {
      return fail([
        problem('staff.pin-format', 'PIN', { min: STAFF_PIN_MIN_DIGITS, max: STAFF_PIN_MAX_DIGITS }),
      ]);
    }

    let config: Record<string, unknown> | 'invalid';
    try {
      config = await readConfigObject(file);
    } catch (error) {
      return fail([
        problem('build.write-failed', file, { path: file, detail: errnoCode(error) ?? String(error) }),
      ]);
    }
    if (config === 'invalid') {
      return fail([problem('staff.config-invalid', file, { path: file })]);
    }
    try {
      // The data folder 0700 and config.json 0600 from the first byte: the hash is a secret.
      securePrivateDataDir(dataDir);
      await replaceJsonAtomic(
        nodeFsOps,
        file,
        { ...config, staffPinHash: await hashPin(pin) },
        { mode: PRIVATE_FILE_MODE },
      );
    } catch (error) {
      return fail([
        problem('build.write-failed', file, { path: file, detail: errnoCode(error) ?? String(error) }),
      ]);
    }
    if (inv.json) io.out(JSON.stringify({ ok: true, command: 'staff-pin', config: file }, null, 2));
    else io.out(t(inv.lang, `staff PIN set in ${file}`, `已在 ${file} 中设置工作人员密码`));
    return EXIT_OK;
  };
}

export const staffPinCommand: CliCommand = createStaffPinCommand();
