/**
 * `hallpack install | list | activate | rollback | remove | commit` — the pack store from the
 * command line, for technicians on a kiosk (or an authoring machine's preview store).
 *
 * Every command takes `--data-dir <dir>` (or `HALL_DATA_DIR`). Trusted keys come from `--trust`
 * (repeatable) or else the kiosk's `config.json` in that folder; `--allow-unsigned` (or the
 * configuration's `allowUnsignedPacks`) accepts unsigned packs.
 */
import { loadConfig } from '../config/config';
import { createPackStore } from '../pack/store';
import type { InstalledPack, PackDiff, PackStore } from '../pack/store';
import type { TrustedKey } from '../pack/signature';
import { localize } from '../../shared/pack-schema';
import type { PackProblem, ProblemLanguage } from '../../shared/problems';
import type { OptionSpec } from './args';
import { optionValues } from './args';
import {
  dataDirOf,
  EXIT_OK,
  EXIT_PROBLEMS,
  exitCodeFor,
  dataDirOption,
  invoke,
  kioskTrustFor,
  loadTrustedKeys,
  outputOptions,
  printProblems,
  summary,
  t,
  trustOption,
  userPath,
} from './common';
import type { CommandIo, CommandSpec, Invocation } from './common';

const allowUnsignedOption: OptionSpec = {
  name: 'allow-unsigned',
  kind: 'flag',
  description: 'accept packs without a trusted signature (authoring machines only)',
};
const activateOption: OptionSpec = {
  name: 'activate',
  kind: 'flag',
  description: 'activate the pack once installed',
};

const common = [dataDirOption, trustOption, allowUnsignedOption, ...outputOptions] as const;
/** The options of every command that opens a kiosk's store (for commands defined elsewhere). */
export const storeOptions = common;

/** Options and positional-argument count of a store command taking only the common options. */
const plain = (min: number, max: number) => ({ options: common, positionals: { min, max } });

export const installSpec: CommandSpec = {
  name: 'install',
  usage: 'install <dir|file.hallpack> --data-dir <dir> [--trust pub.pem]… [--activate]',
  summary:
    'Installs a pack into a kiosk store: refuses unsafe archives, untrusted signatures, downgrades\nand any file that does not match pack.json; nothing changes unless everything checks out.',
  options: [...common, activateOption],
  positionals: { min: 1, max: 1 },
};
export const listSpec: CommandSpec = {
  name: 'list',
  usage: 'list --data-dir <dir>',
  summary: 'Lists the installed packs and which is current and previous.',
  ...plain(0, 0),
};
export const activateSpec: CommandSpec = {
  name: 'activate',
  usage: 'activate <id@version> --data-dir <dir>',
  summary: 'Makes an installed pack the current one (the old one becomes the previous).',
  ...plain(1, 1),
};
export const rollbackSpec: CommandSpec = {
  name: 'rollback',
  usage: 'rollback --data-dir <dir>',
  summary: 'Goes back to the previous pack.',
  ...plain(0, 0),
};
export const removeSpec: CommandSpec = {
  name: 'remove',
  usage: 'remove <id@version> --data-dir <dir>',
  summary: 'Deletes an installed pack (never the current or previous one).',
  ...plain(1, 1),
};
export const commitSpec: CommandSpec = {
  name: 'commit',
  usage: 'commit [id@version] --data-dir <dir>',
  summary:
    'Confirms the current pack shows correctly (as the app does after rendering it), then deletes\npacks that are neither current nor previous.',
  ...plain(0, 1),
};

export type Opened = { store: PackStore; inv: Invocation; dataDir: string };

/** Parses arguments and opens the store; a number is the exit code of a usage error or help. */
export async function openStoreForCommand(
  spec: CommandSpec,
  argv: readonly string[],
  io: CommandIo,
): Promise<Opened | number> {
  const inv = invoke(spec, argv, io);
  if (typeof inv === 'number') return inv;
  const dataDir = dataDirOf(spec, inv, io);
  if (typeof dataDir === 'number') return dataDir;
  const config = loadConfig(dataDir);

  // The same keys the kiosk on this data folder trusts, unless --trust names others.
  let trustedKeys: TrustedKey[];
  const trustPaths = optionValues(inv.args, 'trust');
  if (trustPaths.length > 0) {
    const loaded = await loadTrustedKeys(trustPaths);
    if (!loaded.ok) return report(io, inv, spec.name, loaded.problems, {});
    trustedKeys = loaded.value;
  } else trustedKeys = kioskTrustFor(dataDir, io);
  const allowUnsigned = inv.args.flags.has('allow-unsigned') || config.config.allowUnsignedPacks;
  const margin = config.config.installFreeSpaceMarginMb;
  const store = createPackStore({
    dataDir,
    trustedKeys,
    allowUnsigned,
    ...(margin !== undefined ? { freeSpaceMarginMb: margin } : {}),
  });
  return { store, inv, dataDir };
}

/** Prints problems (people) or one JSON document (machines); returns the exit code. */
function report(
  io: CommandIo,
  inv: Invocation,
  command: string,
  problems: readonly PackProblem[],
  result: Record<string, unknown>,
  lines: readonly string[] = [],
): number {
  const code = exitCodeFor(problems, false);
  if (inv.json) {
    io.out(JSON.stringify({ ok: code === EXIT_OK, command, ...result, problems }, null, 2));
    return code;
  }
  for (const line of lines) io.out(line);
  printProblems(io, problems, inv.lang);
  if (problems.length > 0) io.err(summary(problems, inv.lang));
  return code;
}

function diffText(diff: PackDiff, lang: ProblemLanguage): string {
  const part = (en: string, zh: string, c: { added: number; removed: number; changed: number }) =>
    t(
      lang,
      `${en} +${c.added} −${c.removed} ~${c.changed}`,
      `${zh} 新增 ${c.added} 删除 ${c.removed} 修改 ${c.changed}`,
    );
  const from = diff.from ?? t(lang, 'nothing active', '无当前内容包');
  return `${t(lang, 'compared with', '与')} ${from}${t(lang, ':', ' 相比：')} ${[
    part('places', '地点', diff.places),
    part('events', '事件', diff.events),
    part('media', '媒体', diff.media),
  ].join(t(lang, ', ', '；'))}`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(0)} KB`;
}

export async function installCommand(argv: string[], io: CommandIo): Promise<number> {
  const opened = await openStoreForCommand(installSpec, argv, io);
  if (typeof opened === 'number') return opened;
  const { store, inv } = opened;
  const source = userPath(inv.args.positionals[0] ?? '');
  if (!inv.json) io.err(t(inv.lang, `Checking and installing ${source} …`, `正在检查并安装 ${source} …`));
  // With --activate, install and activation happen under one hold of the store lock: no other
  // process can take it in between and leave the pack installed but not current.
  const activate = inv.args.flags.has('activate');
  const result = await store.install(source, { activate });
  if (!result.ok) return report(io, inv, 'install', result.problems, { source });
  const lines = [
    t(inv.lang, `installed ${result.ref}`, `已安装 ${result.ref}`),
    diffText(result.diff, inv.lang),
  ];
  const state = result.state ?? null;
  if (state) lines.push(t(inv.lang, `activated ${result.ref}`, `已启用 ${result.ref}`));
  return report(
    io,
    inv,
    'install',
    result.warnings,
    { source, ref: result.ref, diff: result.diff, state },
    lines,
  );
}

function packLine(p: InstalledPack, lang: ProblemLanguage): string {
  const role =
    p.role === 'current'
      ? t(lang, 'current ', '当前    ')
      : p.role === 'previous'
        ? t(lang, 'previous', '上一个  ')
        : '        ';
  const title = p.manifest
    ? localize(p.manifest.title, lang, p.manifest.defaultLanguage)
    : t(lang, '(unreadable)', '（无法读取）');
  return `${role}  ${p.ref.padEnd(32)}  ${String(p.files).padStart(6)} ${t(lang, 'files', '个文件')}  ${formatSize(p.bytes).padStart(9)}  ${title}`;
}

export async function listCommand(argv: string[], io: CommandIo): Promise<number> {
  const opened = await openStoreForCommand(listSpec, argv, io);
  if (typeof opened === 'number') return opened;
  const { store, inv } = opened;
  const packs = await store.list();
  const state = await store.state();
  const problems = packs.flatMap((p) => p.problems);
  const lines =
    packs.length === 0
      ? [t(inv.lang, 'no packs installed', '没有已安装的内容包')]
      : [
          ...packs.map((p) => packLine(p, inv.lang)),
          ...(state && !state.committed
            ? [
                t(
                  inv.lang,
                  `${state.current} is not yet confirmed (commit)`,
                  `${state.current} 尚未确认显示（commit）`,
                ),
              ]
            : []),
        ];
  const json = packs.map((p) => ({
    ref: p.ref,
    id: p.id,
    version: p.version,
    role: p.role,
    files: p.files,
    bytes: p.bytes,
    title: p.manifest?.title ?? null,
  }));
  return report(io, inv, 'list', problems, { packs: json, state }, lines);
}

export async function activateCommand(argv: string[], io: CommandIo): Promise<number> {
  const opened = await openStoreForCommand(activateSpec, argv, io);
  if (typeof opened === 'number') return opened;
  const { store, inv } = opened;
  const ref = inv.args.positionals[0] ?? '';
  const result = await store.activate(ref);
  if (!result.ok) return report(io, inv, 'activate', result.problems, { ref });
  return report(io, inv, 'activate', [], { ref, state: result.state }, [
    t(inv.lang, `activated ${ref}`, `已启用 ${ref}`),
    ...(result.state.previous
      ? [t(inv.lang, `previous: ${result.state.previous}`, `上一个：${result.state.previous}`)]
      : []),
  ]);
}

export async function rollbackCommand(argv: string[], io: CommandIo): Promise<number> {
  const opened = await openStoreForCommand(rollbackSpec, argv, io);
  if (typeof opened === 'number') return opened;
  const { store, inv } = opened;
  const result = await store.rollback();
  if (!result.ok) return report(io, inv, 'rollback', result.problems, {});
  return report(io, inv, 'rollback', [], { state: result.state }, [
    t(inv.lang, `rolled back to ${result.state.current}`, `已回滚到 ${result.state.current}`),
  ]);
}

export async function removeCommand(argv: string[], io: CommandIo): Promise<number> {
  const opened = await openStoreForCommand(removeSpec, argv, io);
  if (typeof opened === 'number') return opened;
  const { store, inv } = opened;
  const ref = inv.args.positionals[0] ?? '';
  const result = await store.remove(ref);
  if (!result.ok) return report(io, inv, 'remove', result.problems, { ref });
  return report(io, inv, 'remove', [], { ref }, [t(inv.lang, `removed ${ref}`, `已删除 ${ref}`)]);
}

export async function commitCommand(argv: string[], io: CommandIo): Promise<number> {
  const opened = await openStoreForCommand(commitSpec, argv, io);
  if (typeof opened === 'number') return opened;
  const { store, inv } = opened;
  const ref = inv.args.positionals[0];
  const result = await store.commit(ref);
  if (!result.ok) return report(io, inv, 'commit', result.problems, {});
  const current = result.state?.current ?? null;
  if (current === null || (ref !== undefined && ref !== current)) {
    const message =
      current === null
        ? t(inv.lang, 'no pack has been activated; nothing to commit', '尚未启用任何内容包，无需确认')
        : t(
            inv.lang,
            `${ref} is not the current pack (${current}); nothing was committed`,
            `${ref} 不是当前内容包（${current}），未做确认`,
          );
    if (inv.json)
      io.out(JSON.stringify({ ok: false, command: 'commit', state: result.state, message, problems: [] }));
    else io.err(`hallpack: ${message}`);
    return EXIT_PROBLEMS;
  }
  return report(io, inv, 'commit', result.problems, { state: result.state, removed: result.removed }, [
    t(inv.lang, `committed ${current}`, `已确认 ${current}`),
    ...result.removed.map((r) => t(inv.lang, `removed ${r}`, `已删除 ${r}`)),
  ]);
}

/** The names the store brief used; same functions. */
export const cmdInstall = installCommand;
export const cmdList = listCommand;
export const cmdActivate = activateCommand;
export const cmdRollback = rollbackCommand;
export const cmdRemove = removeCommand;
export const cmdCommit = commitCommand;
