/**
 * The publisher's side of a hall fleet: a repository of The Update Framework (TUF) that any static
 * web server can serve. Metadata objects come from @tufjs/models (the same classes the tuf-js
 * client verifies with), so canonical JSON and signature layout are never written by hand here.
 *
 * Layout (consistent snapshots, so a half-uploaded publish is never seen by a kiosk):
 *
 *   <repo>/metadata/1.root.json, root.json      root, every version kept (clients walk the chain)
 *   <repo>/metadata/N.targets.json              the packs, with hallpack custom metadata
 *   <repo>/metadata/N.snapshot.json             the versions of targets
 *   <repo>/metadata/timestamp.json              the newest snapshot; short expiry
 *   <repo>/targets/<sha256>.<name>.hallpack     the pack files
 *   <keys>/<role>-<n>.key.pem                   private keys: never under <repo>, kept offline
 *
 * Every role's metadata is signed with every key of that role found in the keys folder; fewer than
 * the role's threshold is refused with the count, so a root held by several people is supported
 * (`signRole` adds one signature at a time).
 */
import {
  Metadata,
  MetadataKind,
  MetaFile,
  Root,
  Snapshot,
  TargetFile,
  Targets,
  Timestamp,
} from '@tufjs/models';
import type { Key } from '@tufjs/models';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { replaceJsonAtomic } from '../fs/atomic';
import { nodeFsOps } from '../fs/fs-ops';
import { generateTufPrivateKeyPem, signerFromPem } from './tuf-keys';
import type { TufSigner } from './tuf-keys';
import type { z } from 'zod';
import { formatLocalDateTime, parseLocalDateTime } from '../../shared/schedule';
import { fleetTargetMetaSchema } from './fleet-schema';
import type { FleetTargetMeta } from './fleet-schema';

export const SPEC_VERSION = '1.0.31';
export const ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;
export type RoleName = (typeof ROLES)[number];

/** Days each role's metadata stays valid; the timestamp is short so a freeze is noticed. */
export type Expiries = Record<RoleName, number>;
export const defaultExpiries: Expiries = { root: 365, targets: 90, snapshot: 7, timestamp: 1 };

export class RepoError extends Error {}

export type RepoPaths = { repo: string; keys: string; metadata: string; targets: string };

/** Default keys folder: a sibling of the repository, so serving the repository never serves keys. */
export function repoPaths(repo: string, keys?: string): RepoPaths {
  return {
    repo,
    keys: keys ?? `${repo.replace(/[/\\]+$/, '')}.keys`,
    metadata: join(repo, 'metadata'),
    targets: join(repo, 'targets'),
  };
}

const DAY_MS = 86_400_000;
/** TUF wants `YYYY-MM-DDTHH:MM:SSZ` (no milliseconds). */
export function expiryIn(days: number, now: Date): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Metadata is written durably (temp, fsync, rename, fsync dir) with the store's own helper. */
const writeJson = (path: string, value: unknown): Promise<void> => replaceJsonAtomic(nodeFsOps, path, value);

async function readJsonObject(path: string): Promise<Record<string, unknown>> {
  const value: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RepoError(`${path}: not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Highest N of `N.<role>.json` in the metadata folder (0 when none). */
async function latestVersion(metadataDir: string, role: RoleName): Promise<number> {
  const names = await readdir(metadataDir).catch(() => [] as string[]);
  let best = 0;
  for (const name of names) {
    const m = /^(\d+)\.([a-z]+)\.json$/.exec(name);
    if (m && m[2] === role) best = Math.max(best, Number(m[1]));
  }
  return best;
}

/** Signers of a role from the keys folder (`<role>-<n>.key.pem`). */
export async function loadSigners(keysDir: string, role: RoleName): Promise<TufSigner[]> {
  const names = (await readdir(keysDir).catch(() => [] as string[])).filter((n) =>
    new RegExp(`^${role}-\\d+\\.key\\.pem$`).test(n),
  );
  names.sort();
  const signers: TufSigner[] = [];
  for (const name of names) {
    try {
      signers.push(signerFromPem(await readFile(join(keysDir, name), 'utf8')));
    } catch (error) {
      throw new RepoError(
        `${join(keysDir, name)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return signers;
}

type AnySigned = Root | Targets | Snapshot | Timestamp;

/** Signs `md` for `role` with every key that root lists for the role; checks the threshold. */
function signWith(
  md: Metadata<AnySigned>,
  root: Root,
  role: RoleName,
  signers: readonly TufSigner[],
  keysDir: string,
): void {
  const roleDef = root.roles[role];
  if (!roleDef) throw new RepoError(`root.json has no "${role}" role`);
  const usable = signers.filter((s) => roleDef.keyIDs.includes(s.key.keyID));
  if (usable.length < roleDef.threshold) {
    throw new RepoError(
      `the ${role} role needs ${roleDef.threshold} signature(s) but ${usable.length} of its keys are in ${keysDir}` +
        (roleDef.threshold > 1
          ? ` (sign the rest with "hallpack repo sign … --role ${role} --key <file>")`
          : ''),
    );
  }
  for (const s of usable) md.sign(s.sign, true);
}

export type InitOptions = {
  repo: string;
  keys?: string;
  /** Root keys to make (the threshold may be lower: hand the keys to different people). */
  rootKeys?: number;
  rootThreshold?: number;
  expiries?: Partial<Expiries>;
  now?: Date;
};

export type InitResult = { paths: RepoPaths; keyIds: Record<RoleName, string[]> };

/** Creates keys (if the keys folder has none) and version 1 of every role. */
export async function initRepo(options: InitOptions): Promise<InitResult> {
  const paths = repoPaths(options.repo, options.keys);
  const now = options.now ?? new Date();
  const expiries = { ...defaultExpiries, ...options.expiries };
  const rootKeys = options.rootKeys ?? 1;
  const rootThreshold = options.rootThreshold ?? 1;
  if (!Number.isInteger(rootKeys) || rootKeys < 1 || rootKeys > 9)
    throw new RepoError('--root-keys must be 1 to 9');
  if (!Number.isInteger(rootThreshold) || rootThreshold < 1 || rootThreshold > rootKeys) {
    throw new RepoError(`--root-threshold must be 1 to ${rootKeys} (the number of root keys)`);
  }
  const existing = await stat(join(paths.metadata, 'root.json')).catch(() => null);
  if (existing) throw new RepoError(`${paths.repo} already holds a repository (metadata/root.json)`);

  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  await chmod(paths.keys, 0o700);
  await mkdir(paths.metadata, { recursive: true });
  await mkdir(paths.targets, { recursive: true });

  const signers = {} as Record<RoleName, TufSigner[]>;
  for (const role of ROLES) {
    let have = await loadSigners(paths.keys, role);
    const wanted = role === 'root' ? rootKeys : 1;
    for (let n = have.length + 1; n <= wanted; n++) {
      await writeFile(join(paths.keys, `${role}-${n}.key.pem`), generateTufPrivateKeyPem(), {
        mode: 0o600,
        flag: 'wx',
      });
    }
    have = await loadSigners(paths.keys, role);
    signers[role] = have.slice(0, wanted);
  }

  const root = new Root({
    version: 1,
    specVersion: SPEC_VERSION,
    expires: expiryIn(expiries.root, now),
    consistentSnapshot: true,
  });
  for (const role of ROLES) for (const s of signers[role]) root.addKey(s.key, role);
  const rootRole = root.roles['root'];
  if (!rootRole) throw new RepoError('root role missing');
  // `Role.threshold` is readonly in the models; the root is rebuilt from JSON with the threshold set.
  const rootJson = root.toJSON() as { roles: Record<string, { threshold: number }> };
  const rootRoleJson = rootJson.roles['root'];
  if (rootRoleJson) rootRoleJson.threshold = rootThreshold;
  const rootSigned = Root.fromJSON(rootJson);

  const rootMd = new Metadata<Root>(rootSigned);
  signWith(rootMd, rootSigned, 'root', signers.root, paths.keys);
  await writeJson(join(paths.metadata, '1.root.json'), rootMd.toJSON());
  await writeJson(join(paths.metadata, 'root.json'), rootMd.toJSON());

  const targetsMd = new Metadata<Targets>(
    new Targets({ version: 1, specVersion: SPEC_VERSION, expires: expiryIn(expiries.targets, now) }),
  );
  signWith(targetsMd, rootSigned, 'targets', signers.targets, paths.keys);
  await writeJson(join(paths.metadata, '1.targets.json'), targetsMd.toJSON());
  await publishRepo({ repo: paths.repo, keys: paths.keys, expiries, now });

  const keyIds = {} as Record<RoleName, string[]>;
  for (const role of ROLES) keyIds[role] = signers[role].map((s) => s.key.keyID);
  return { paths, keyIds };
}

export async function loadRoot(paths: RepoPaths): Promise<Metadata<Root>> {
  try {
    return Metadata.fromJSON(
      MetadataKind.Root,
      (await readJsonObject(join(paths.metadata, 'root.json'))) as never,
    );
  } catch (error) {
    if (error instanceof RepoError) throw error;
    throw new RepoError(
      `${paths.repo} is not a fleet repository (metadata/root.json: ${error instanceof Error ? error.message : String(error)}); run "hallpack repo init" first`,
    );
  }
}

export async function loadTargets(paths: RepoPaths): Promise<Metadata<Targets>> {
  const version = await latestVersion(paths.metadata, 'targets');
  if (version === 0)
    throw new RepoError(`${paths.metadata}: no targets metadata; run "hallpack repo init" first`);
  return Metadata.fromJSON(
    MetadataKind.Targets,
    (await readJsonObject(join(paths.metadata, `${version}.targets.json`))) as never,
  );
}

async function sha256File(path: string): Promise<{ hex: string; length: number }> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    length += chunk.length;
  }
  return { hex: hash.digest('hex'), length };
}

export type AddOptions = {
  repo: string;
  keys?: string;
  /** A built `.hallpack` file. */
  packFile: string;
  /** What the pack is, read from its manifest by the caller (the one pack pipeline). */
  pack: { id: string; version: string; languages: string[]; title?: string };
  channel?: string;
  /** Local wall-clock time at which every kiosk activates it, `YYYY-MM-DD HH:MM`. */
  activateAt?: string;
  expiries?: Partial<Expiries>;
  now?: Date;
};

/** Target path of a pack inside the repository (stable, readable, URL-safe). */
export function targetPathFor(id: string, version: string): string {
  return `packs/${id}/${id}-${version}.hallpack`;
}

/** Adds a built pack as a target (a new version of targets.json); `publishRepo` makes it visible. */
export async function addPack(options: AddOptions): Promise<{ targetPath: string; targetsVersion: number }> {
  const paths = repoPaths(options.repo, options.keys);
  const now = options.now ?? new Date();
  const expiries = { ...defaultExpiries, ...options.expiries };
  const root = await loadRoot(paths);
  const current = await loadTargets(paths);
  const channel = options.channel ?? 'stable';
  if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(channel)) {
    throw new RepoError(`channel ${JSON.stringify(channel)}: use 1–32 lowercase letters, digits or "-"`);
  }
  if (options.activateAt !== undefined && parseLocalDateTime(options.activateAt) === null) {
    throw new RepoError(
      `--activate-at ${JSON.stringify(options.activateAt)}: write a local time as YYYY-MM-DD HH:MM`,
    );
  }
  const targetPath = targetPathFor(options.pack.id, options.pack.version);
  if (current.signed.targets[targetPath]) {
    throw new RepoError(`${targetPath} is already in the repository: build the pack with a higher version`);
  }
  const { hex, length } = await sha256File(options.packFile);
  const dir = join(paths.targets, 'packs', options.pack.id);
  await mkdir(dir, { recursive: true });
  const stored = join(dir, `${hex}.${basename(targetPath)}`);
  await copyFile(options.packFile, `${stored}.tmp`);
  await rename(`${stored}.tmp`, stored);

  const nextVersion = current.signed.version + 1;
  const meta: FleetTargetMeta = {
    id: options.pack.id,
    version: options.pack.version,
    languages: options.pack.languages,
    channel,
    sequence: nextVersion,
    ...(options.pack.title !== undefined ? { title: options.pack.title } : {}),
    ...(options.activateAt !== undefined ? { activateAt: normaliseLocal(options.activateAt) } : {}),
  };
  const targets = new Targets({
    version: nextVersion,
    specVersion: SPEC_VERSION,
    expires: expiryIn(expiries.targets, now),
    targets: {
      ...current.signed.targets,
      [targetPath]: new TargetFile({
        path: targetPath,
        length,
        hashes: { sha256: hex },
        // A plain JSON copy: optional fields that are absent must not appear as `undefined`.
        unrecognizedFields: { custom: JSON.parse(JSON.stringify({ hallpack: meta })) as never },
      }),
    },
  });
  const md = new Metadata<Targets>(targets);
  signWith(md, root.signed, 'targets', await loadSigners(paths.keys, 'targets'), paths.keys);
  await writeJson(join(paths.metadata, `${nextVersion}.targets.json`), md.toJSON());
  return { targetPath, targetsVersion: nextVersion };
}

function normaliseLocal(text: string): string {
  const date = parseLocalDateTime(text);
  if (!date) throw new RepoError(`not a local date-time: ${text}`);
  return formatLocalDateTime(date);
}

export type PublishOptions = { repo: string; keys?: string; expiries?: Partial<Expiries>; now?: Date };

/**
 * Refreshes snapshot and timestamp (new versions, new expiries) so kiosks see the newest targets.
 * Run it after `addPack`, and at least once per timestamp lifetime (a daily timer) — a kiosk
 * refuses an expired timestamp, which is what makes a freeze attack visible.
 */
export async function publishRepo(
  options: PublishOptions,
): Promise<{ snapshot: number; timestamp: number; targets: number }> {
  const paths = repoPaths(options.repo, options.keys);
  const now = options.now ?? new Date();
  const expiries = { ...defaultExpiries, ...options.expiries };
  const root = await loadRoot(paths);
  const targetsVersion = await latestVersion(paths.metadata, 'targets');
  if (targetsVersion === 0) throw new RepoError(`${paths.metadata}: no targets metadata`);

  const snapshotVersion = (await latestVersion(paths.metadata, 'snapshot')) + 1;
  const snapshotMd = new Metadata<Snapshot>(
    new Snapshot({
      version: snapshotVersion,
      specVersion: SPEC_VERSION,
      expires: expiryIn(expiries.snapshot, now),
      meta: { 'targets.json': new MetaFile({ version: targetsVersion }) },
    }),
  );
  signWith(snapshotMd, root.signed, 'snapshot', await loadSigners(paths.keys, 'snapshot'), paths.keys);
  const snapshotPath = join(paths.metadata, `${snapshotVersion}.snapshot.json`);
  await writeJson(snapshotPath, snapshotMd.toJSON());

  const snapshotBytes = await readFile(snapshotPath);
  const previous = await readJsonObject(join(paths.metadata, 'timestamp.json')).catch(() => null);
  // Never below the snapshot's version: even if timestamp.json was overwritten with an old copy
  // (a restore from backup, a replay), the next timestamp is newer than any a kiosk has seen.
  const previousVersion = Math.max(
    previous ? Timestamp.fromJSON(previous['signed'] as never).version : 0,
    snapshotVersion - 1,
  );
  const timestampMd = new Metadata<Timestamp>(
    new Timestamp({
      version: previousVersion + 1,
      specVersion: SPEC_VERSION,
      expires: expiryIn(expiries.timestamp, now),
      snapshotMeta: new MetaFile({
        version: snapshotVersion,
        length: snapshotBytes.length,
        hashes: { sha256: createHash('sha256').update(snapshotBytes).digest('hex') },
      }),
    }),
  );
  signWith(timestampMd, root.signed, 'timestamp', await loadSigners(paths.keys, 'timestamp'), paths.keys);
  // Written last: until it is renamed into place, kiosks keep seeing the previous, complete state.
  await writeJson(join(paths.metadata, 'timestamp.json'), timestampMd.toJSON());
  return { snapshot: snapshotVersion, timestamp: previousVersion + 1, targets: targetsVersion };
}

function metadataOf(role: RoleName, json: Record<string, unknown>): Metadata<AnySigned> {
  switch (role) {
    case 'root':
      return Metadata.fromJSON(MetadataKind.Root, json as never);
    case 'targets':
      return Metadata.fromJSON(MetadataKind.Targets, json as never);
    case 'snapshot':
      return Metadata.fromJSON(MetadataKind.Snapshot, json as never);
    case 'timestamp':
      return Metadata.fromJSON(MetadataKind.Timestamp, json as never);
  }
}

/** Adds one signature (another holder's root key, say) to the newest metadata of `role`. */
export async function signRole(options: { repo: string; role: RoleName; keyPem: string }): Promise<string> {
  const paths = repoPaths(options.repo);
  const signer = signerFromPem(options.keyPem);
  const root = await loadRoot(paths);
  const roleDef = root.signed.roles[options.role];
  if (!roleDef?.keyIDs.includes(signer.key.keyID)) {
    throw new RepoError(
      `that key (${signer.key.keyID.slice(0, 16)}…) is not a ${options.role} key of this repository`,
    );
  }
  const version = options.role === 'timestamp' ? 0 : await latestVersion(paths.metadata, options.role);
  const file = options.role === 'timestamp' ? 'timestamp.json' : `${version}.${options.role}.json`;
  const path = join(paths.metadata, file);
  const md = metadataOf(options.role, await readJsonObject(path));
  md.sign(signer.sign, true);
  await writeJson(path, md.toJSON());
  if (options.role === 'root') await writeJson(join(paths.metadata, 'root.json'), md.toJSON());
  return file;
}

export type RepoPackMeta = z.infer<ReturnType<typeof fleetTargetMetaSchema.partial>>;

/** The packs the repository offers, newest first, with their custom metadata. */
export async function listRepoPacks(
  repo: string,
): Promise<{ path: string; length: number; meta: RepoPackMeta }[]> {
  const targets = await loadTargets(repoPaths(repo));
  return Object.values(targets.signed.targets)
    .map((t) => ({
      path: t.path,
      length: t.length,
      meta: fleetTargetMetaSchema.partial().safeParse(t.custom['hallpack']).data ?? {},
    }))
    .sort((a, b) => (b.meta.sequence ?? 0) - (a.meta.sequence ?? 0));
}

export type { Key };
