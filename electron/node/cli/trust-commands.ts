/**
 * `hallpack trust add <public-key.pem> [--name N] | list [--json] | remove <name-or-fingerprint>`:
 * the keys a kiosk trusts, kept in its data folder (`trusted-keys.json`). The kiosk and every
 * hallpack command that judges a pack read this same list.
 */
import { readFile } from 'node:fs/promises';
import { optionValue } from './args';
import type { OptionSpec } from './args';
import {
  dataDirOf,
  dataDirOption,
  EXIT_OK,
  EXIT_PROBLEMS,
  invoke,
  outputOptions,
  t,
  usageError,
  userPath,
} from './common';
import type { CommandIo, CommandSpec, Invocation } from './common';
import { loadConfig } from '../config/config';
import { addTrustedKey, kioskTrust, readTrustList, removeTrustedKey } from '../trust/trusted-keys';
import type { TrustChange } from '../trust/trusted-keys';

const nameOption: OptionSpec = {
  name: 'name',
  kind: 'string',
  valueName: 'name',
  description: 'a label for people, e.g. "Changzhou museum 2026" (default: the fingerprint)',
};

export const trustSpec: CommandSpec = {
  name: 'trust',
  usage:
    'trust add <public-key.pem> [--name N] | trust list [--json] | trust remove <name-or-fingerprint>   (--data-dir <dir>)',
  summary:
    "Manages the keys a kiosk trusts, in its data folder (trusted-keys.json). The kiosk, install, validate,\nlint and inspect all read this list. A pack signed by any other key is refused, naming the key's fingerprint.",
  options: [dataDirOption, nameOption, ...outputOptions],
  positionals: { min: 1, max: 2 },
};

function changed(io: CommandIo, inv: Invocation, action: string, change: TrustChange, done: string): number {
  if (!change.ok) {
    if (inv.json) io.out(JSON.stringify({ ok: false, command: `trust ${action}`, message: change.message }));
    else io.err(`hallpack trust ${action}: ${change.message}`);
    return EXIT_PROBLEMS;
  }
  if (inv.json) io.out(JSON.stringify({ ok: true, command: `trust ${action}`, key: change.entry }));
  else io.out(done);
  return EXIT_OK;
}

export async function trustCommand(argv: string[], io: CommandIo): Promise<number> {
  const inv = invoke(trustSpec, argv, io);
  if (typeof inv === 'number') return inv;
  const [action, arg] = inv.args.positionals;
  const dataDir = dataDirOf(trustSpec, inv, io);
  if (typeof dataDir === 'number') return dataDir;
  const { lang } = inv;

  if (action === 'add') {
    if (arg === undefined) return usageError(io, trustSpec, 'trust add needs a public key file', inv.json);
    let pem: Buffer;
    try {
      pem = await readFile(userPath(arg));
    } catch (error) {
      return changed(
        io,
        inv,
        'add',
        { ok: false, message: `cannot read ${arg}: ${(error as Error).message}` },
        '',
      );
    }
    const name = optionValue(inv.args, 'name');
    const change = await addTrustedKey(dataDir, pem, { file: arg, ...(name !== undefined ? { name } : {}) });
    const key = change.ok ? change.entry : null;
    return changed(
      io,
      inv,
      'add',
      change,
      key
        ? t(
            lang,
            `trusted key ${key.fingerprint} (${key.name}); packs it signs are accepted from now on (a running kiosk: after its next restart)`,
            `已信任密钥 ${key.fingerprint}（${key.name}）；此后接受其签名的内容包（运行中的展机：下次重启后生效）`,
          )
        : '',
    );
  }
  if (action === 'remove') {
    if (arg === undefined)
      return usageError(io, trustSpec, 'trust remove needs a name or fingerprint', inv.json);
    const change = await removeTrustedKey(dataDir, arg);
    const key = change.ok ? change.entry : null;
    return changed(
      io,
      inv,
      'remove',
      change,
      key
        ? t(
            lang,
            `no longer trusted: ${key.fingerprint} (${key.name})`,
            `已不再信任：${key.fingerprint}（${key.name}）`,
          )
        : '',
    );
  }
  if (action === 'list') {
    if (arg !== undefined)
      return usageError(io, trustSpec, `unexpected argument ${JSON.stringify(arg)}`, inv.json);
    const list = readTrustList(dataDir);
    // Everything the kiosk trusts, with where each key comes from.
    const effective = kioskTrust(dataDir, loadConfig(dataDir).config);
    const keys = effective.keys.map((k) => {
      const entry = list.entries.find((e) => e.fingerprint === k.id);
      return { name: k.name, fingerprint: k.id, origin: k.origin, added: entry?.added ?? null };
    });
    if (inv.json) {
      io.out(
        JSON.stringify(
          { ok: true, command: 'trust list', file: list.file, keys, warnings: effective.warnings },
          null,
          2,
        ),
      );
    } else {
      for (const w of effective.warnings) io.err(`hallpack: ${w}`);
      if (keys.length === 0) {
        io.out(
          t(
            lang,
            'no trusted keys: only the built-in pack is shown. Add one with: hallpack trust add <pub.pem>',
            '没有受信任的密钥：只显示内置内容包。添加：hallpack trust add <公钥.pem>',
          ),
        );
      }
      for (const k of keys)
        io.out(`${k.fingerprint}  ${k.name}  (${k.origin}${k.added ? `, ${k.added}` : ''})`);
    }
    return EXIT_OK;
  }
  return usageError(io, trustSpec, `unknown action ${JSON.stringify(action)}: add, list or remove`, inv.json);
}
