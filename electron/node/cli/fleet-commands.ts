/**
 * `hallpack repo init|add|publish|sign|list`, `hallpack pull`, `hallpack fleet status`: publishing
 * packs to a fleet of kiosks through a TUF repository on any static web server, and pulling by
 * hand on one kiosk.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localize } from '../../shared/pack-schema';
import { formatProblem } from '../../shared/problems';
import { fleetStatusSchema } from '../fleet/fleet-schema';
import type { FleetStatus } from '../fleet/fleet-schema';
import { pullOnce } from '../fleet/pull';
import { addPack, initRepo, listRepoPacks, publishRepo, RepoError, ROLES, signRole } from '../fleet/tuf-repo';
import type { Expiries, RoleName } from '../fleet/tuf-repo';
import { checkManifest } from '../pack/manifest';
import { SIGNATURE_FILE } from '../pack/signature';
import { tryOpenPackSource } from '../pack/source';
import { optionValue } from './args';
import type { OptionSpec } from './args';
import {
  EXIT_OK,
  EXIT_PROBLEMS,
  EXIT_USAGE,
  helpOption,
  invoke,
  jsonOption,
  outputOptions,
  usageError,
  userPath,
} from './common';
import type { CommandIo, CommandSpec, Invocation } from './common';
import { openStoreForCommand, storeOptions } from './store-commands';

const keysOption: OptionSpec = {
  name: 'keys',
  kind: 'string',
  valueName: 'dir',
  description: 'folder of the private keys (default: <repo>.keys beside the repository; keep it offline)',
};
const expiryOptions: OptionSpec[] = (['timestamp', 'snapshot', 'targets'] as const).map((role) => ({
  name: `${role}-days`,
  kind: 'string',
  valueName: 'days',
  description: `days the new ${role} metadata stays valid`,
}));

function expiriesOf(inv: Invocation): Partial<Expiries> | string {
  const out: Partial<Expiries> = {};
  for (const role of ['timestamp', 'snapshot', 'targets'] as const) {
    const v = optionValue(inv.args, `${role}-days`);
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 3650)
      return `--${role}-days must be a whole number of days from 1 to 3650`;
    out[role] = n;
  }
  return out;
}

function failed(io: CommandIo, inv: Invocation, command: string, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  if (inv.json) io.out(JSON.stringify({ ok: false, command, error: message }, null, 2));
  else io.err(`hallpack ${command}: ${message}`);
  return EXIT_PROBLEMS;
}

// --- repo -------------------------------------------------------------------------------------

const repoInitSpec: CommandSpec = {
  name: 'repo init',
  usage: 'repo init <dir> [--keys <dir>] [--root-keys N --root-threshold M]',
  summary:
    'Creates a fleet repository (The Update Framework: root, targets, snapshot and timestamp roles) in\n<dir>, to be served as it is by any static web server. Private keys go to <dir>.keys (or --keys):\nnever serve that folder; keep the root and targets keys offline. Give kiosks <dir>/metadata/1.root.json.',
  options: [
    keysOption,
    { name: 'root-keys', kind: 'string', valueName: 'N', description: 'root keys to make (default 1)' },
    {
      name: 'root-threshold',
      kind: 'string',
      valueName: 'M',
      description: 'root signatures required (default 1)',
    },
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};

const repoAddSpec: CommandSpec = {
  name: 'repo add',
  usage: 'repo add <dir> <pack.hallpack> [--channel stable] [--activate-at "YYYY-MM-DD HH:MM"]',
  summary:
    'Adds a built, signed pack to the repository as a target, with its id, version and languages, and\noptionally a local time at which every kiosk switches to it. Run "repo publish" afterwards.',
  options: [
    keysOption,
    {
      name: 'channel',
      kind: 'string',
      valueName: 'name',
      description: 'channel kiosks follow (default stable)',
    },
    {
      name: 'activate-at',
      kind: 'string',
      valueName: 'local time',
      description: 'kiosks switch at this local time, all together (default: at their next idle moment)',
    },
    expiryOptions[2] as OptionSpec,
    ...outputOptions,
  ],
  positionals: { min: 2, max: 2 },
};

const repoPublishSpec: CommandSpec = {
  name: 'repo publish',
  usage: 'repo publish <dir> [--timestamp-days 1] [--snapshot-days 7]',
  summary:
    'Signs a new snapshot and timestamp so kiosks see the newest targets. Run it after "repo add", and\nat least once a day from a timer: kiosks refuse an expired timestamp (that is how a frozen server\nis noticed).',
  options: [keysOption, expiryOptions[0] as OptionSpec, expiryOptions[1] as OptionSpec, ...outputOptions],
  positionals: { min: 1, max: 1 },
};

const repoSignSpec: CommandSpec = {
  name: 'repo sign',
  usage: 'repo sign <dir> --role root|targets|snapshot|timestamp --key <file.key.pem>',
  summary:
    "Adds one more signature to a role's newest metadata: for thresholds, where keys are held by different people.",
  options: [
    { name: 'role', kind: 'string', valueName: 'role', description: 'root, targets, snapshot or timestamp' },
    { name: 'key', kind: 'string', valueName: 'file', description: 'the private key (PKCS#8 PEM)' },
    ...outputOptions,
  ],
  positionals: { min: 1, max: 1 },
};

const repoListSpec: CommandSpec = {
  name: 'repo list',
  usage: 'repo list <dir> [--json]',
  summary: 'Lists the packs in the repository, newest first.',
  options: [...outputOptions],
  positionals: { min: 1, max: 1 },
};

async function packIdentity(
  file: string,
): Promise<{ id: string; version: string; languages: string[]; title?: string } | string> {
  const opened = await tryOpenPackSource(file);
  if (!opened.ok) return opened.problems.map((p) => formatProblem(p)).join('\n');
  try {
    const source = opened.source;
    if (source.kind !== 'archive')
      return `${file}: give the built .hallpack file ("hallpack build … -o pack.hallpack")`;
    if (!source.has(SIGNATURE_FILE)) {
      return `${file}: not signed; kiosks refuse it. Build it with --key, or sign it with "hallpack sign"`;
    }
    const checked = checkManifest(await source.readFile('pack.json'));
    if (!checked.ok) return checked.problems.map((p) => formatProblem(p)).join('\n');
    const m = checked.manifest;
    return {
      id: m.id,
      version: m.version,
      languages: [...m.languages],
      title: localize(m.title, m.defaultLanguage, m.defaultLanguage),
    };
  } finally {
    await opened.source.close();
  }
}

async function repoCommand(argv: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  const specs: Record<string, CommandSpec> = {
    init: repoInitSpec,
    add: repoAddSpec,
    publish: repoPublishSpec,
    sign: repoSignSpec,
    list: repoListSpec,
  };
  const spec = sub !== undefined ? specs[sub] : undefined;
  if (!spec) {
    const lines = Object.values(specs).map((s) => `  hallpack ${s.usage}`);
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.out(['Usage:', ...lines].join('\n'));
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    }
    return usageError(
      io,
      undefined,
      `unknown repo command ${JSON.stringify(sub)}; one of: ${Object.keys(specs).join(', ')}`,
    );
  }
  const inv = invoke(spec, rest, io);
  if (typeof inv === 'number') return inv;
  const repo = userPath(inv.args.positionals[0] ?? '');
  const keysValue = optionValue(inv.args, 'keys');
  const keys = keysValue !== undefined ? userPath(keysValue) : undefined;
  const out = (result: Record<string, unknown>, lines: string[]): number => {
    if (inv.json) io.out(JSON.stringify({ ok: true, command: spec.name, ...result }, null, 2));
    else for (const l of lines) io.out(l);
    return EXIT_OK;
  };
  try {
    switch (sub) {
      case 'init': {
        const rootKeys = Number(optionValue(inv.args, 'root-keys') ?? '1');
        const rootThreshold = Number(optionValue(inv.args, 'root-threshold') ?? '1');
        const r = await initRepo({ repo, ...(keys ? { keys } : {}), rootKeys, rootThreshold });
        return out({ repo, keys: r.paths.keys, keyIds: r.keyIds }, [
          `created the fleet repository ${repo}`,
          `private keys: ${r.paths.keys} (never serve this folder; keep root and targets keys offline)`,
          `give each kiosk ${join(repo, 'metadata', '1.root.json')} and set "fleet.rootFile" to it`,
          `serve ${repo} with any static web server; see README "Running a fleet"`,
        ]);
      }
      case 'add': {
        const file = userPath(inv.args.positionals[1] ?? '');
        const identity = await packIdentity(file);
        if (typeof identity === 'string') return failed(io, inv, spec.name, identity);
        const expiries = expiriesOf(inv);
        if (typeof expiries === 'string') return usageError(io, spec, expiries, inv.json);
        const channel = optionValue(inv.args, 'channel');
        const activateAt = optionValue(inv.args, 'activate-at');
        const r = await addPack({
          repo,
          ...(keys ? { keys } : {}),
          packFile: file,
          pack: identity,
          ...(channel !== undefined ? { channel } : {}),
          ...(activateAt !== undefined ? { activateAt } : {}),
          expiries,
        });
        return out({ ...r, pack: identity }, [
          `added ${identity.id}@${identity.version} as ${r.targetPath} (targets version ${r.targetsVersion})`,
          `now run: hallpack repo publish ${inv.args.positionals[0] ?? repo}`,
        ]);
      }
      case 'publish': {
        const expiries = expiriesOf(inv);
        if (typeof expiries === 'string') return usageError(io, spec, expiries, inv.json);
        const r = await publishRepo({ repo, ...(keys ? { keys } : {}), expiries });
        return out(r, [`published: targets ${r.targets}, snapshot ${r.snapshot}, timestamp ${r.timestamp}`]);
      }
      case 'sign': {
        const role = optionValue(inv.args, 'role');
        const keyFile = optionValue(inv.args, 'key');
        if (role === undefined || !(ROLES as readonly string[]).includes(role) || keyFile === undefined) {
          return usageError(
            io,
            spec,
            'give --role (root, targets, snapshot or timestamp) and --key <file>',
            inv.json,
          );
        }
        const file = await signRole({
          repo,
          role: role as RoleName,
          keyPem: await readFile(userPath(keyFile), 'utf8'),
        });
        return out({ file }, [`signed ${file}`]);
      }
      case 'list': {
        const packs = await listRepoPacks(repo);
        return out(
          { packs },
          packs.length === 0
            ? ['no packs yet']
            : packs.map((p) => {
                const m = p.meta;
                const when = m.activateAt ? `, activates ${m.activateAt.replace('T', ' ')}` : '';
                return `${m.id ?? '?'}@${m.version ?? '?'}  channel ${m.channel ?? '?'}${when}  ${p.length >= 1024 * 1024 ? `${(p.length / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(p.length / 1024)} KiB`}  ${p.path}`;
              }),
        );
      }
      case undefined:
      default:
        break;
    }
  } catch (error) {
    if (error instanceof RepoError || error instanceof Error) return failed(io, inv, spec.name, error);
    throw error;
  }
  return EXIT_USAGE;
}

// --- pull ---------------------------------------------------------------------------------------

const pullSpec: CommandSpec = {
  name: 'pull',
  usage: 'pull --from <url> --root <root.json> --data-dir <dir> [--channel stable] [--activate]',
  summary:
    "One round of what a fleet kiosk does by itself: refresh the TUF metadata from <url>, download the\nchannel's newest pack, check it (TUF and the pack's own signature against the kiosk's trusted keys)\nand install it. --activate makes it current at once (else the running kiosk's schedule does).",
  options: [
    {
      name: 'from',
      kind: 'string',
      valueName: 'url',
      description: 'the repository URL (serves metadata/ and targets/)',
    },
    {
      name: 'root',
      kind: 'string',
      valueName: 'root.json',
      description: "the fleet's trusted root (1.root.json)",
    },
    { name: 'channel', kind: 'string', valueName: 'name', description: 'channel to follow (default stable)' },
    { name: 'activate', kind: 'flag', description: 'activate the new pack at once' },
    ...storeOptions,
  ],
  positionals: { min: 0, max: 0 },
};

async function pullCommand(argv: string[], io: CommandIo): Promise<number> {
  const opened = await openStoreForCommand(pullSpec, argv, io);
  if (typeof opened === 'number') return opened;
  const { store, inv, dataDir } = opened;
  const url = optionValue(inv.args, 'from');
  const root = optionValue(inv.args, 'root');
  if (url === undefined || root === undefined)
    return usageError(io, pullSpec, 'give --from <url> and --root <root.json>', inv.json);
  const outcome = await pullOnce({
    url,
    rootFile: userPath(root),
    dataDir,
    channel: optionValue(inv.args, 'channel') ?? 'stable',
    store,
  });
  let activated: string | null = null;
  if (outcome.kind === 'installed' && inv.args.flags.has('activate')) {
    const r = await store.activate(outcome.ref);
    if (!r.ok) return failed(io, inv, 'pull', r.problems.map((p) => formatProblem(p, inv.lang)).join('; '));
    activated = outcome.ref;
  }
  if (inv.json) {
    io.out(JSON.stringify({ ok: outcome.kind !== 'failed', command: 'pull', outcome, activated }, null, 2));
  } else if (outcome.kind === 'failed') {
    io.err(`hallpack pull: ${outcome.stage}: ${outcome.error}`);
  } else if (outcome.kind === 'up-to-date') {
    io.out(outcome.ref ? `up to date: ${outcome.ref}` : 'up to date: the channel offers nothing newer');
  } else {
    io.out(
      `installed ${outcome.ref}${outcome.activateAt ? `, to activate at ${outcome.activateAt.toLocaleString()}` : ''}`,
    );
    if (activated) io.out(`activated ${activated}`);
  }
  return outcome.kind === 'failed' ? EXIT_PROBLEMS : EXIT_OK;
}

// --- fleet status -------------------------------------------------------------------------------

const fleetStatusSpec: CommandSpec = {
  name: 'fleet status',
  usage: 'fleet status <folder|url> [--json]',
  summary:
    "Reads the status files kiosks upload (pack, version, last pull, last error): a shared folder, or\nthe repository's status/ URL served with a JSON directory index (nginx autoindex_format json).",
  options: [jsonOption, helpOption],
  positionals: { min: 1, max: 1 },
};

/** Status documents from a folder or a URL with a JSON index; unreadable ones are reported. */
export async function readFleetStatuses(
  where: string,
): Promise<{ statuses: FleetStatus[]; problems: string[] }> {
  const statuses: FleetStatus[] = [];
  const problems: string[] = [];
  const take = (name: string, text: string): void => {
    try {
      const parsed = fleetStatusSchema.safeParse(JSON.parse(text));
      if (parsed.success) statuses.push(parsed.data);
      else problems.push(`${name}: not a kiosk status (${parsed.error.issues[0]?.message ?? 'bad shape'})`);
    } catch {
      problems.push(`${name}: not JSON`);
    }
  };
  if (/^https?:\/\//.test(where)) {
    const base = where.endsWith('/') ? where : `${where}/`;
    const index = await fetch(base, { signal: AbortSignal.timeout(30_000) });
    if (!index.ok) throw new Error(`${base}: HTTP ${index.status}`);
    const entries: unknown = await index.json().catch(() => {
      throw new Error(`${base}: not a JSON directory index (nginx: autoindex on; autoindex_format json;)`);
    });
    const names = Array.isArray(entries)
      ? entries.flatMap((e: unknown) =>
          typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string'
            ? [(e as { name: string }).name]
            : [],
        )
      : [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const res = await fetch(new URL(encodeURIComponent(name), base), {
        signal: AbortSignal.timeout(30_000),
      });
      if (res.ok) take(name, await res.text());
      else problems.push(`${name}: HTTP ${res.status}`);
    }
  } else {
    for (const name of (await readdir(where)).filter((n) => n.endsWith('.json')).sort()) {
      take(name, await readFile(join(where, name), 'utf8'));
    }
  }
  statuses.sort((a, b) => a.kiosk.localeCompare(b.kiosk));
  return { statuses, problems };
}

async function fleetCommand(argv: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'status') {
    if (sub === '--help' || sub === '-h') {
      io.out(`Usage: hallpack ${fleetStatusSpec.usage}`);
      return EXIT_OK;
    }
    return usageError(
      io,
      fleetStatusSpec,
      `unknown fleet command ${JSON.stringify(sub ?? '')}; try "fleet status"`,
    );
  }
  const inv = invoke(fleetStatusSpec, rest, io);
  if (typeof inv === 'number') return inv;
  const where = inv.args.positionals[0] ?? '';
  try {
    const { statuses, problems } = await readFleetStatuses(
      /^https?:\/\//.test(where) ? where : userPath(where),
    );
    if (inv.json) {
      io.out(
        JSON.stringify({ ok: problems.length === 0, command: 'fleet status', statuses, problems }, null, 2),
      );
    } else {
      if (statuses.length === 0) io.out('no kiosk status files found');
      for (const s of statuses) {
        const pending = s.pending ? `  next ${s.pending} at ${s.pendingAt ?? '?'}` : '';
        const error = s.lastError ? `  LAST ERROR: ${s.lastError}` : '';
        io.out(
          `${s.kiosk}  ${s.pack ?? '(no pack)'}  channel ${s.channel}  pulled ${s.lastPullAt ?? 'never'}  ok ${s.lastSuccessAt ?? 'never'}${pending}${error}`,
        );
      }
      for (const p of problems) io.err(`hallpack fleet status: ${p}`);
    }
    return problems.length === 0 ? EXIT_OK : EXIT_PROBLEMS;
  } catch (error) {
    return failed(io, inv, 'fleet status', error);
  }
}

export { repoCommand, pullCommand, fleetCommand };
