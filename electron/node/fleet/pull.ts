/**
 * One round of a kiosk pulling from its fleet repository: TUF refresh with tuf-js (root chain,
 * timestamp, snapshot, targets: signatures, versions, expiries, lengths, hashes), choose the
 * channel's newest pack, download it into the store's own folder, and install it through the pack
 * store — which checks the pack's own Ed25519 signature against the hall's trusted keys. So a pack
 * needs both: the fleet publisher's TUF signatures and a pack key the hall trusts.
 *
 * Nothing here runs unless the kiosk's config names a fleet: no config, no traffic.
 */
import { Metadata, MetadataKind } from '@tufjs/models';
import type { Targets } from '@tufjs/models';
import { Updater } from 'tuf-js';
import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem } from '../../shared/problems';
import { compareSemver } from '../pack/store/semver';
import type { PackStore } from '../pack/store';
import { parseLocalDateTime } from '../../shared/schedule';
import { fleetTargetMetaSchema } from './fleet-schema';
import type { FleetTargetMeta } from './fleet-schema';

export type FleetTarget = { path: string; meta: FleetTargetMeta };

/** Targets of `channel` whose hallpack metadata parses, newest (highest sequence) first. */
export function channelTargets(targets: Targets, channel: string): FleetTarget[] {
  const out: FleetTarget[] = [];
  for (const t of Object.values(targets.targets)) {
    const parsed = fleetTargetMetaSchema.safeParse(t.custom['hallpack']);
    if (parsed.success && parsed.data.channel === channel) out.push({ path: t.path, meta: parsed.data });
  }
  return out.sort((a, b) => b.meta.sequence - a.meta.sequence);
}

export type InstalledVersion = { id: string; version: string };

/**
 * What to do with the channel's newest target given what the store holds: nothing (already
 * installed, or older than an installed version of the same pack — the store would refuse the
 * downgrade anyway), or fetch it.
 */
export function decide(
  newest: FleetTarget | undefined,
  installed: readonly InstalledVersion[],
): 'none' | 'fetch' | 'have' {
  if (!newest) return 'none';
  const same = installed.filter((p) => p.id === newest.meta.id);
  if (same.some((p) => p.version === newest.meta.version)) return 'have';
  if (same.some((p) => compareSemver(p.version, newest.meta.version) > 0)) return 'none';
  return 'fetch';
}

export type PullOptions = {
  /** Repository base URL: serves `metadata/` and `targets/`. */
  url: string;
  /** The fleet's root.json the technician put on the kiosk: the start of all trust. */
  rootFile: string;
  dataDir: string;
  channel: string;
  store: PackStore;
  /** Seconds before a stalled download is dropped. */
  fetchTimeoutSeconds?: number;
};

export type PullOutcome =
  | { kind: 'up-to-date'; ref: string | null }
  | { kind: 'installed'; ref: string; meta: FleetTargetMeta; activateAt: Date | null }
  | { kind: 'failed'; stage: 'root' | 'metadata' | 'download' | 'install'; error: string };

export const fleetDir = (dataDir: string) => join(dataDir, 'fleet');

function message(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

/** Puts the configured root.json in the metadata folder the first time (tuf-js starts from it). */
async function seedRoot(metadataDir: string, rootFile: string): Promise<void> {
  const trusted = join(metadataDir, 'root.json');
  if (await stat(trusted).catch(() => null)) return;
  const bytes = await readFile(rootFile);
  // Parse before trusting: a wrong file is a configuration error, said as such.
  Metadata.fromJSON(MetadataKind.Root, JSON.parse(bytes.toString('utf8')) as never);
  await mkdir(metadataDir, { recursive: true });
  await copyFile(rootFile, trusted);
}

export async function pullOnce(options: PullOptions): Promise<PullOutcome> {
  const base = fleetDir(options.dataDir);
  const metadataDir = join(base, 'metadata');
  const downloads = join(base, 'downloads');
  try {
    await seedRoot(metadataDir, options.rootFile);
  } catch (error) {
    return { kind: 'failed', stage: 'root', error: `${options.rootFile}: ${message(error)}` };
  }
  const url = options.url.replace(/\/+$/, '');
  const updater = new Updater({
    metadataDir,
    metadataBaseUrl: `${url}/metadata`,
    targetBaseUrl: `${url}/targets`,
    targetDir: downloads,
    config: { fetchTimeout: (options.fetchTimeoutSeconds ?? 60) * 1000, fetchRetries: 0 },
  });
  let newest: FleetTarget | undefined;
  try {
    await updater.refresh();
    // tuf-js wrote targets.json only after verifying it in this refresh: it is the trusted list.
    const raw: unknown = JSON.parse(await readFile(join(metadataDir, 'targets.json'), 'utf8'));
    const targets = Metadata.fromJSON(MetadataKind.Targets, raw as never);
    newest = channelTargets(targets.signed, options.channel)[0];
  } catch (error) {
    return { kind: 'failed', stage: 'metadata', error: message(error) };
  }
  const installed = (await options.store.list()).map((p) => ({ id: p.id, version: p.version }));
  const what = decide(newest, installed);
  if (what !== 'fetch' || !newest) {
    return {
      kind: 'up-to-date',
      ref: newest && what === 'have' ? `${newest.meta.id}@${newest.meta.version}` : null,
    };
  }
  await mkdir(downloads, { recursive: true });
  const file = join(downloads, `${newest.meta.id}-${newest.meta.version}.hallpack`);
  try {
    const info = await updater.getTargetInfo(newest.path);
    if (!info)
      return { kind: 'failed', stage: 'metadata', error: `${newest.path}: not in the verified targets` };
    await updater.downloadTarget(info, file);
  } catch (error) {
    await rm(file, { force: true });
    return { kind: 'failed', stage: 'download', error: `${newest.path}: ${message(error)}` };
  }
  try {
    const result = await options.store.install(file);
    if (!result.ok) {
      const detail = result.problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p));
      return { kind: 'failed', stage: 'install', error: detail.join('; ') || 'refused' };
    }
    return {
      kind: 'installed',
      ref: result.ref,
      meta: newest.meta,
      activateAt: newest.meta.activateAt !== undefined ? parseLocalDateTime(newest.meta.activateAt) : null,
    };
  } finally {
    await rm(file, { force: true });
  }
}
