/**
 * The pack store: install (verify while copying), activate (switch one pointer file), commit,
 * roll back, remove, and choose what to show at boot — so that a bad pack never reaches the
 * screen and nothing ever leaves the kiosk blank.
 *
 * Durability rules (see RELIABILITY.md, "Content packs"):
 * - A pack is copied into `staging/<random>/`, every file hashed (as it is copied, or its copy
 *   just after the kernel made it), fsynced, and
 *   renamed into `packs/<id>@<version>/` in one step; `accepted.json` is then updated. An install
 *   is complete exactly when `accepted.json` says so: a pack folder newer than `accepted.json`
 *   is an interrupted install and is removed at the next start.
 * - `active.json` is the only pointer, rewritten atomically (tmp, fsync, rename, fsync dir).
 *   Activation costs the same for 10 MB and 10 GB.
 * - Packs are deleted only after the app confirms the new one rendered (`commit`), by renaming
 *   them into `trash/` first so a half-deleted pack never sits under a pack name.
 * - Every failure leaves the store as it was and returns problems (code, file, rule, message).
 */
import { createHash, randomBytes } from 'node:crypto';
import { lstat, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PackManifest } from '../../shared/pack-schema';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import { isTempName, RenamedButNotSyncedError, replaceJsonAtomic, writeFileDurable } from '../fs/atomic';
import { errnoCode, nodeFsOps } from '../fs/fs-ops';
import type { FsOps, WriteHandle } from '../fs/fs-ops';
import { nullLogger } from '../log/logger';
import type { Logger } from '../log/logger';
import { createPackInspector } from './inspector';
import type { BuiltInIdentity, PackInspector, TrustPolicy } from './inspector';
import { MAX_MANIFEST_BYTES } from './manifest';
import { MAX_SIGNATURE_BYTES, SIGNATURE_FILE } from './signature';
import type { TrustedKey } from './signature';
import { openPackSource } from './source';
import type { FileReader, PackSource, SourceLimits } from './source';
import { diffManifests } from './store/diff';
import type { PackDiff } from './store/diff';
import { acquireLock, lockLostProblem } from './store/lock';
import type { BusyContext, Lock, LockPurpose } from './store/lock';
import { readLeases, removeExpiredLeases } from './store/lease';
import type { LeaseRead } from './store/lease';
import { readSchedule } from '../schedule/schedule-store';
import { scheduledRefs } from '../../shared/schedule';
import { isNoSpace, PackProblemError, problemsOf, writeFailureProblem } from './store/problem-error';
import { compareSemver } from './store/semver';
import { formatPackRef, parsePackRef, readAccepted, readActiveState, storeLayout } from './store/state';
import type { Accepted, ActiveState, PackRef, StoreLayout } from './store/state';
import { fullVerifyPackDir, hashFile, MANIFEST_FILE, readSmallFile } from './store/verify';
import type { FullVerifyResult } from './store/verify';

export type { PackRef, ActiveState } from './store/state';
export { formatPackRef, parsePackRef } from './store/state';
export type { PackDiff, ChangeCounts } from './store/diff';
export type { FullVerifyResult } from './store/verify';

export type PackStoreOptions = {
  /** Folder the store owns (created if missing). */
  dataDir: string;
  trustedKeys: readonly TrustedKey[];
  /** Accept packs without a (trusted) signature: authoring machines only. */
  allowUnsigned: boolean;
  /** Folder of the built default pack shipped with the app: the last resort at boot. */
  embeddedDefault?: string;
  /**
   * The built-in pack's identity from the app's build: the embedded default is trusted when its
   * manifest is the one the app was built with, whatever keys the hall trusts.
   */
  builtIn?: BuiltInIdentity | null;
  /** The pack check to use (one per kiosk, shared with the staff preview); made from the trust otherwise. */
  inspector?: PackInspector;
  /** Mutating file operations; tests inject faults here. */
  fsOps?: FsOps;
  log?: Logger;
  /** Limits for hostile sources. */
  limits?: Partial<SourceLimits>;
  /** Boots without a commit after which the current pack is rolled back; default 3. */
  maxUncommittedBoots?: number;
  /** Free space (MiB) an install must leave beyond the pack; default `freeSpaceMargin`'s. */
  freeSpaceMarginMb?: number;
};

export type Failure = { ok: false; problems: PackProblem[] };

export type InstallResult =
  | {
      ok: true;
      ref: PackRef;
      diff: PackDiff;
      warnings: PackProblem[];
      /** With `activate`: the pointer after activation (install and activation under one lock). */
      state?: ActiveState;
    }
  | Failure;

export type InstallOptions = {
  /** Also make the pack current, under the same hold of the store lock (no other writer between). */
  activate?: boolean;
};

export type StateResult = { ok: true; state: ActiveState } | Failure;

export type CommitResult =
  { ok: true; state: ActiveState | null; removed: PackRef[]; problems: PackProblem[] } | Failure;

export type InstalledPack = {
  ref: PackRef;
  id: string;
  version: string;
  /** From the installed manifest; null if it no longer parses. */
  manifest: PackManifest | null;
  role: 'current' | 'previous' | null;
  files: number;
  bytes: number;
  problems: PackProblem[];
};

export type BootSource = 'active' | 'previous' | 'default';

export type BootPack = {
  /** Folder holding pack.json and the listed files. */
  root: string;
  manifest: PackManifest;
  ref: PackRef;
  source: BootSource;
};

export type BootSelection = { pack: BootPack | null; problems: PackProblem[] };

export type PackStore = {
  readonly dataDir: string;
  /** The pack check this store judges with (the staff preview uses the same one). */
  readonly inspector: PackInspector;
  install(sourcePath: string, installOptions?: InstallOptions): Promise<InstallResult>;
  activate(ref: PackRef): Promise<StateResult>;
  /**
   * Confirms `ref` (default: the current pack) rendered; then deletes packs no longer needed —
   * never one that a running kiosk leases (see store/lease.ts).
   */
  commit(ref?: PackRef): Promise<CommitResult>;
  /** The clean-up of `commit` alone, when the current pack is committed (a kiosk released a lease). */
  collect(): Promise<CommitResult>;
  rollback(): Promise<StateResult>;
  remove(ref: PackRef): Promise<{ ok: true } | Failure>;
  list(): Promise<InstalledPack[]>;
  /** The pointer file, or null when nothing was ever activated. */
  state(): Promise<ActiveState | null>;
  selectAtBoot(): Promise<BootSelection>;
  /** Hashes every file of an installed pack (or the embedded default, by its ref). */
  verifyFull(
    ref: PackRef,
    options?: { concurrency?: number; signal?: AbortSignal },
  ): Promise<FullVerifyResult>;
};

const ok = <T extends object>(value: T): { ok: true } & T => ({ ok: true, ...value });
const fail = (problems: PackProblem[]): Failure => ({ ok: false, problems });

const MIB = 1024 * 1024;
/**
 * Bytes that must stay free beyond the pack itself, so installing never fills the disk to the
 * brim: a tenth of the pack, at least 64 MiB (logs, analytics and the OS need room too), or the
 * hall's own figure (`installFreeSpaceMarginMb`).
 */
export function freeSpaceMargin(packBytes: number, overrideMb?: number): number {
  if (overrideMb !== undefined) return overrideMb * MIB;
  return Math.max(64 * MIB, Math.ceil(packBytes / 10));
}
/** Writes are gathered into blocks of this size (fewer syscalls, fewer steps). */
const WRITE_BLOCK = 1024 * 1024;
/**
 * Size of each of the three reused buffers a folder source is copied through. Each block costs
 * two hand-offs between this thread and libuv's (its read, its write); on a busy machine every
 * hand-off waits for a core, so fewer, bigger blocks: at 200 MiB under load 16 on 2 cores,
 * 4 MiB blocks beat 1 MiB blocks in 11 of 12 paired runs (median 0.95 s against 1.8 s).
 */
const COPY_BLOCK = 4 * 1024 * 1024;
/** Files of a folder source copied at once (see copyFolderFiles). */
const FOLDER_LANES = 2;
/**
 * Copied files waiting open for their fsync at most (see createSyncBehind); beyond that the copy
 * waits for the fsyncs, so a pack of many small files never runs out of descriptors.
 */
const DEFERRED_SYNCS = 64;

export function createPackStore(options: PackStoreOptions): PackStore {
  const ops = options.fsOps ?? nodeFsOps;
  const log = options.log ?? nullLogger;
  const layout = storeLayout(options.dataDir);
  const policy: TrustPolicy = {
    trustedKeys: options.trustedKeys,
    allowUnsigned: options.allowUnsigned,
    builtIn: options.builtIn ?? null,
  };
  const inspector = options.inspector ?? createPackInspector(policy);
  const maxUncommittedBoots = options.maxUncommittedBoots ?? 3;

  // One operation at a time inside this process; `store.lock` across processes.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Runs `fn` holding the store lock, with the layout in place. Errors become problems. */
  const locked = <T extends object>(
    what: LockPurpose,
    fn: (lock: Lock) => Promise<({ ok: true } & T) | Failure>,
    context?: BusyContext,
  ) =>
    serial(async (): Promise<({ ok: true } & T) | Failure> => {
      try {
        await ensureLayout(ops, layout);
      } catch (error) {
        return fail([writeFailureProblem(error, layout.dataDir)]);
      }
      let acquired;
      try {
        acquired = await acquireLock(ops, layout.lock, what, context);
      } catch (error) {
        return fail([writeFailureProblem(error, 'store.lock')]);
      }
      if (!acquired.ok) return fail([acquired.problem]);
      try {
        const result = await fn(acquired.lock);
        if (!result.ok)
          log.warn(`pack store: ${what} refused`, { codes: result.problems.map((p) => p.code) });
        return result;
      } catch (error) {
        log.error(`pack store: ${what} failed`, { error });
        return fail(error instanceof PackProblemError ? error.problems : [writeFailureProblem(error, what)]);
      } finally {
        await acquired.lock.release();
      }
    });

  const packDir = (ref: PackRef) => join(layout.packs, ref);

  async function readInstalledManifest(ref: PackRef): Promise<PackManifest | null> {
    try {
      const bytes = await readSmallFile(join(packDir(ref), MANIFEST_FILE), MAX_MANIFEST_BYTES);
      if (!bytes) return null;
      const sig = await readSmallFile(join(packDir(ref), SIGNATURE_FILE), MAX_SIGNATURE_BYTES);
      // The same judgement as at boot (remembered by the inspector), whatever its verdict.
      return inspector.judgeHead(bytes, sig ?? null).manifest;
    } catch {
      return null;
    }
  }

  /** Installed = folder present and recorded in accepted.json (otherwise an interrupted install). */
  async function isInstalled(ref: PackRef, accepted: Accepted | null): Promise<boolean> {
    const parsed = parsePackRef(ref);
    if (!parsed) return false;
    const highest = accepted?.[parsed.id];
    if (accepted && (highest === undefined || compareSemver(parsed.version, highest) > 0)) return false;
    try {
      return (await stat(packDir(ref))).isDirectory();
    } catch {
      return false;
    }
  }

  /** Moves a pack folder to the trash (atomic: it stops being a pack at once), then deletes it. */
  async function discardPack(ref: PackRef): Promise<void> {
    const trashed = join(layout.trash, randomName());
    await ops.rename(packDir(ref), trashed);
    await ops.syncDir(layout.packs);
    await ops.rm(trashed);
  }

  /**
   * Start-up and pre-install housekeeping, under the lock: staging and trash leftovers, stray
   * temporary files, and interrupted installs (pack folders newer than accepted.json).
   */
  async function cleanupLeftovers(problems: PackProblem[]): Promise<void> {
    for (const dir of [layout.staging, layout.trash]) {
      for (const name of await listNames(dir)) {
        await ops.rm(join(dir, name));
        log.info('pack store: removed leftover', { path: join(dir, name) });
      }
    }
    for (const name of await listNames(layout.dataDir)) {
      if (isTempName(name)) await ops.rm(join(layout.dataDir, name));
    }
    const accepted = await readAccepted(layout);
    const active = await readActiveState(layout);
    const refs = (await listNames(layout.packs)).filter((n) => parsePackRef(n) !== null);
    if (accepted.value === null) {
      if (accepted.problem) problems.push(accepted.problem);
      // Missing or unreadable: rebuild from what is installed (the best knowledge left).
      if (refs.length > 0) {
        const rebuilt: Accepted = {};
        for (const ref of refs) {
          const { id, version } = parsePackRef(ref)!;
          const known = rebuilt[id];
          if (known === undefined || compareSemver(version, known) > 0) rebuilt[id] = version;
        }
        await replaceJsonAtomic(ops, layout.accepted, rebuilt);
        log.warn('pack store: rebuilt accepted.json from installed packs', { accepted: rebuilt });
      }
      return;
    }
    const keep = new Set(
      [active.value?.current, active.value?.previous].filter((r) => typeof r === 'string'),
    );
    for (const ref of refs) {
      if (keep.has(ref)) continue;
      if (!(await isInstalled(ref, accepted.value))) {
        await discardPack(ref);
        log.warn('pack store: removed an interrupted install', { ref });
      }
    }
  }

  async function install(sourcePath: string, lock: Lock, activateToo: boolean): Promise<InstallResult> {
    const started = Date.now();
    const housekeeping: PackProblem[] = [];
    await cleanupLeftovers(housekeeping);

    let source: PackSource;
    try {
      source = await openPackSource(sourcePath, options.limits ?? {});
    } catch (error) {
      return fail(problemsOf(error, sourcePath));
    }
    let stagingDir: string | null = null;
    let installedRef: PackRef | null = null;
    try {
      // --- judge the head, the signature and every listed file's size before writing anything ---
      const inspection = await inspector.inspectSource(source, { files: 'sizes' });
      const { manifest, manifestBytes, sigBytes } = inspection;
      if (!inspection.ok || !manifest || !manifestBytes) return fail(inspection.problems);
      const warnings = [...housekeeping, ...inspection.problems];
      const ref = formatPackRef(manifest.id, manifest.version);

      // --- downgrade and replay ------------------------------------------------------------------
      const accepted = await readAccepted(layout);
      const highest = accepted.value?.[manifest.id];
      if (highest !== undefined && compareSemver(manifest.version, highest) <= 0) {
        return fail([
          problem('store.downgrade', MANIFEST_FILE, {
            id: manifest.id,
            version: manifest.version,
            accepted: highest,
          }),
        ]);
      }
      if (await exists(packDir(ref)))
        return fail([problem('store.already-installed', MANIFEST_FILE, { ref })]);

      // --- every listed file is present with its size (inspected); unlisted ones are never copied -
      const listed = Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      let total = manifestBytes.length + (sigBytes?.length ?? 0);
      for (const [, entry] of listed) total += entry.size;
      const free = await ops.freeBytes(layout.dataDir);
      const margin = freeSpaceMargin(total, options.freeSpaceMarginMb);
      if (free !== null && free < total + margin) {
        return fail([
          problem('store.no-space', layout.dataDir, {
            detail: `${formatBytes(total)} needed and ${formatBytes(margin)} kept free, ${formatBytes(free)} free`,
          }),
        ]);
      }

      // --- stage: copy and hash, fsync everything ----------------------------------------------
      stagingDir = join(layout.staging, randomName());
      await ops.mkdir(stagingDir);
      const dirs = new Set<string>();
      // Each file is fsynced behind the copy of the next ones (see createSyncBehind); all of them
      // before anything is published.
      const syncs = createSyncBehind();
      // A folder (a USB stick) is copied two files at a time, by the kernel where it can (see
      // copyFolderFiles); an archive is streamed (inflated), one file after another.
      const openReader = source.openReader?.bind(source);
      try {
        if (openReader) {
          await copyFolderFiles(ops, openReader, listed, stagingDir, dirs, syncs);
        } else {
          for (const [path, entry] of listed) {
            const parent = dirname(path);
            if (parent !== '.') await ensureSubdirs(ops, stagingDir, parent, dirs);
            const written = await copyVerified(ops, source, path, entry, join(stagingDir, path));
            await syncs.add(written, path);
          }
        }
        await syncs.done();
      } finally {
        await syncs.settle(); // after a failure: close what was not synced
      }
      await writeFileDurable(ops, join(stagingDir, MANIFEST_FILE), manifestBytes);
      if (sigBytes) await writeFileDurable(ops, join(stagingDir, SIGNATURE_FILE), sigBytes);
      // Deepest first, so each folder's entry is durable in its parent.
      for (const dir of [...dirs].sort((a, b) => b.split('/').length - a.split('/').length)) {
        await ops.syncDir(join(stagingDir, dir));
      }
      await ops.syncDir(stagingDir);
      await ops.syncDir(layout.staging);

      // --- publish: one rename, then record it as accepted --------------------------------------
      // Still ours? A holder that stopped refreshing the lock may have lost it: publish nothing.
      if (!lock.held()) throw new PackProblemError([await lockLostProblem(layout.lock)]);
      await ops.rename(stagingDir, packDir(ref));
      installedRef = ref;
      stagingDir = null;
      await ops.syncDir(layout.packs);
      await ops.syncDir(layout.staging);
      const nextAccepted: Accepted = { ...(accepted.value ?? {}), [manifest.id]: manifest.version };
      await writeStateFile(layout.accepted, nextAccepted);
      installedRef = null; // complete: nothing to undo

      const active = await readActiveState(layout);
      const current = active.value?.current ?? null;
      const diff = diffManifests(current ? await readInstalledManifest(current) : null, current, manifest);
      let state: ActiveState | undefined;
      if (activateToo) {
        // Still under the same lock: nobody can have changed the store since the publish.
        if (!lock.held()) return fail([...warnings, await lockLostProblem(layout.lock, ref)]);
        const activated = await activate(ref);
        if (!activated.ok) return fail([...warnings, ...activated.problems]);
        state = activated.state;
      }
      log.info('pack store: installed', {
        ref,
        files: listed.length,
        bytes: total,
        ms: Date.now() - started,
        keyId: inspection.signature.keyId,
        warnings: warnings.length,
      });
      return ok({ ref, diff, warnings, ...(state ? { state } : {}) });
    } catch (error) {
      // Undo in reverse; each step best effort (a crash here is handled by the next start).
      if (installedRef !== null) {
        const undo = installedRef;
        await discardPack(undo).catch((e: unknown) =>
          log.error('pack store: undo failed', { ref: undo, error: e }),
        );
      }
      if (stagingDir !== null) {
        const dir = stagingDir;
        await ops
          .rm(dir)
          .catch((e: unknown) => log.error('pack store: cleanup failed', { path: dir, error: e }));
      }
      if (error instanceof PackProblemError) return fail(error.problems);
      if (error instanceof RenamedButNotSyncedError)
        return fail([writeFailureProblem(error.cause, error.path)]);
      return fail([writeFailureProblem(error, errorPath(error) ?? layout.dataDir)]);
    } finally {
      await source.close();
    }
  }

  /** Atomically replaces a bookkeeping file; on failure the old content is in place. */
  async function writeStateFile<T>(path: string, next: T): Promise<void> {
    await replaceJsonAtomic(ops, path, next);
  }

  const writeActive = (next: ActiveState) => writeStateFile(layout.active, next);

  /** Packs the schedule still needs (schedule.json); a damaged schedule keeps everything it can't read. */
  async function scheduledPacks(): Promise<Set<string>> {
    const read = await readSchedule(layout.dataDir);
    if (!read.ok) {
      log.warn('pack store: schedule unreadable; keeping all installed packs', { problem: read.problem });
      return new Set(await listNames(layout.packs));
    }
    return new Set(scheduledRefs(read.file.entries));
  }

  async function activate(ref: PackRef): Promise<StateResult> {
    const parsed = parsePackRef(ref);
    const accepted = await readAccepted(layout);
    if (!parsed || !(await isInstalled(ref, accepted.value))) {
      return fail([problem('store.not-installed', ref, { ref })]);
    }
    // Constant time: the folder's manifest exists; boot does the real check before showing it.
    if (!(await isRegularFile(join(packDir(ref), MANIFEST_FILE)))) {
      return fail([problem('store.not-installed', ref, { ref })]);
    }
    const old = (await readActiveState(layout)).value;
    if (old?.current === ref) return ok({ state: old });
    const next: ActiveState = { current: ref, previous: old?.current ?? null, committed: false, boots: 0 };
    await writeActive(next);
    log.info('pack store: activated', { ref, previous: next.previous });
    return ok({ state: next });
  }

  async function rollback(): Promise<StateResult> {
    const old = (await readActiveState(layout)).value;
    if (!old?.previous) return fail([problem('store.no-previous', 'active.json', {})]);
    const target = old.previous;
    const check = await inspector.inspectFolder(packDir(target));
    if (!check.ok) return fail(check.problems);
    const next: ActiveState = { current: target, previous: old.current, committed: false, boots: 0 };
    await writeActive(next);
    log.info('pack store: rolled back', { ref: target, from: old.current });
    return ok({ state: next });
  }

  async function commit(ref?: PackRef): Promise<CommitResult> {
    const old = (await readActiveState(layout)).value;
    // Nothing activated yet (the embedded default is showing): nothing to confirm or collect.
    if (!old) return ok({ state: null, removed: [], problems: [] });
    if (ref !== undefined && ref !== old.current) {
      // The app rendered something other than the current pack (a boot fallback): nothing to confirm.
      log.info('pack store: commit of a pack that is not current ignored', { ref, current: old.current });
      return ok({ state: old, removed: [], problems: [] });
    }
    let state = old;
    if (!old.committed) {
      state = { ...old, committed: true, boots: 0 };
      await writeActive(state);
      log.info('pack store: committed', { ref: state.current });
    }
    return collectGarbage(state);
  }

  /** The leases on disk; a lease folder that cannot be read keeps everything (never guess). */
  async function leasesNow(): Promise<LeaseRead> {
    try {
      return await readLeases(layout.leases);
    } catch (error) {
      log.warn('pack store: leases unreadable; keeping every pack', { error });
      return { leased: new Map(), keepAll: true, expired: [] };
    }
  }

  /**
   * Garbage collection, under the lock: keep current, previous, scheduled packs, newer versions
   * of the current pack that were installed but not yet activated, and every pack a live process
   * leases (it may be on a screen right now). A folder is moved to the trash, the leases are read
   * again, and it comes back if a lease appeared meanwhile (the holder checks the folder after
   * writing its lease, so one of the two sees the other).
   */
  async function collectGarbage(state: ActiveState): Promise<CommitResult> {
    const problems: PackProblem[] = [];
    const removed: PackRef[] = [];
    const current = parsePackRef(state.current);
    const scheduled = await scheduledPacks();
    const leases = await leasesNow();
    for (const name of await listNames(layout.packs)) {
      const parsed = parsePackRef(name);
      if (!parsed || name === state.current || name === state.previous || scheduled.has(name)) continue;
      if (current && parsed.id === current.id && compareSemver(parsed.version, current.version) > 0) continue;
      if (leases.keepAll || leases.leased.has(name)) {
        log.info('pack store: kept a pack a running kiosk serves', {
          ref: name,
          pids: leases.leased.get(name) ?? [],
        });
        continue;
      }
      try {
        const trashed = join(layout.trash, randomName());
        await ops.rename(packDir(name), trashed);
        await ops.syncDir(layout.packs);
        const again = await leasesNow();
        if (again.keepAll || again.leased.has(name)) {
          await ops.rename(trashed, packDir(name));
          await ops.syncDir(layout.packs);
          log.info('pack store: a kiosk leased a pack while it was being collected; kept', { ref: name });
          continue;
        }
        await ops.rm(trashed);
        removed.push(name);
      } catch (error) {
        problems.push(writeFailureProblem(error, name));
      }
    }
    await removeExpiredLeases(leases, log);
    try {
      await cleanupLeftovers(problems);
    } catch (error) {
      problems.push(writeFailureProblem(error, layout.dataDir));
    }
    if (removed.length > 0) log.info('pack store: removed old packs', { removed });
    return ok({ state, removed, problems });
  }

  async function collect(): Promise<CommitResult> {
    const state = (await readActiveState(layout)).value;
    // Only after a commit: until the current pack rendered, its predecessors may be needed.
    if (!state?.committed) return ok({ state, removed: [], problems: [] });
    return collectGarbage(state);
  }

  async function remove(ref: PackRef): Promise<{ ok: true } | Failure> {
    const active = (await readActiveState(layout)).value;
    if (ref === active?.current || ref === active?.previous)
      return fail([problem('store.in-use', ref, { ref })]);
    if ((await scheduledPacks()).has(ref)) return fail([problem('store.scheduled', ref, { ref })]);
    const leases = await leasesNow();
    const pids = leases.leased.get(ref);
    if (pids || leases.keepAll)
      return fail([problem('store.served', ref, { ref, pids: pids?.join(', ') ?? '?' })]);
    if (!parsePackRef(ref) || !(await exists(packDir(ref))))
      return fail([problem('store.not-installed', ref, { ref })]);
    await discardPack(ref);
    log.info('pack store: removed', { ref });
    return ok({});
  }

  async function list(): Promise<InstalledPack[]> {
    const active = (await readActiveState(layout)).value;
    const accepted = (await readAccepted(layout)).value;
    const out: InstalledPack[] = [];
    for (const name of await listNames(layout.packs)) {
      const parsed = parsePackRef(name);
      if (!parsed || !(await isInstalled(name, accepted))) continue;
      const manifest = await readInstalledManifest(name);
      const files = manifest ? Object.values(manifest.files) : [];
      out.push({
        ref: name,
        id: parsed.id,
        version: parsed.version,
        manifest,
        role: name === active?.current ? 'current' : name === active?.previous ? 'previous' : null,
        files: files.length,
        bytes: files.reduce((sum, f) => sum + f.size, 0),
        problems: manifest ? [] : [problem('manifest.missing', join(name, MANIFEST_FILE), {})],
      });
    }
    return out.sort((a, b) => (a.id !== b.id ? (a.id < b.id ? -1 : 1) : compareSemver(b.version, a.version)));
  }

  async function selectAtBoot(): Promise<BootSelection> {
    return serial(async () => {
      const problems: PackProblem[] = [];
      // Housekeeping only if no other process is mid-install; selection itself only reads.
      let lock = null;
      try {
        await ensureLayout(ops, layout);
        const acquired = await acquireLock(ops, layout.lock, 'start-up');
        if (acquired.ok) lock = acquired.lock;
        else problems.push({ ...acquired.problem, severity: 'warning' });
      } catch (error) {
        problems.push({ ...writeFailureProblem(error, layout.dataDir), severity: 'warning' });
      }
      try {
        if (lock) {
          try {
            await cleanupLeftovers(problems);
          } catch (error) {
            problems.push({ ...writeFailureProblem(error, layout.dataDir), severity: 'warning' });
          }
        }
        const active = await readActiveState(layout);
        if (active.problem) problems.push(active.problem);
        let state = active.value;

        if (state && !state.committed && lock) {
          state = await countUncommittedBoot(state, problems);
        }

        const candidates: { ref: PackRef; source: BootSource }[] = [];
        if (state) {
          candidates.push({ ref: state.current, source: 'active' });
          if (state.previous) candidates.push({ ref: state.previous, source: 'previous' });
        }
        for (const candidate of candidates) {
          const check = await inspector.inspectFolder(packDir(candidate.ref));
          if (check.ok) {
            log.info('pack store: boot selected', { ref: candidate.ref, source: candidate.source });
            return {
              pack: {
                root: check.pack.root,
                manifest: check.pack.manifest,
                ref: candidate.ref,
                source: candidate.source,
              },
              problems: [...problems, ...check.pack.warnings.filter((w) => w.code.startsWith('sig.'))],
            };
          }
          problems.push(...check.problems);
          problems.push(
            candidate.source === 'active' && state?.previous
              ? problem('store.boot-fallback', candidate.ref, {
                  ref: candidate.ref,
                  fallback: 'previous pack',
                  fallbackZh: '上一个内容包',
                })
              : problem('store.boot-fallback', candidate.ref, {
                  ref: candidate.ref,
                  fallback: 'built-in default pack',
                  fallbackZh: '内置默认内容包',
                }),
          );
          log.warn('pack store: boot candidate failed', {
            ref: candidate.ref,
            codes: check.problems.map((p) => p.code),
          });
        }
        if (options.embeddedDefault) {
          const check = await inspector.inspectFolder(options.embeddedDefault, { builtIn: true });
          if (check.ok) {
            const ref = formatPackRef(check.pack.manifest.id, check.pack.manifest.version);
            log.info('pack store: boot selected', { ref, source: 'default' });
            return {
              pack: { root: check.pack.root, manifest: check.pack.manifest, ref, source: 'default' },
              problems,
            };
          }
          problems.push(...check.problems);
          log.error('pack store: the embedded default pack failed its check', {
            codes: check.problems.map((p) => p.code),
          });
        }
        problems.push(problem('store.no-pack', layout.dataDir, {}));
        log.error('pack store: nothing to show');
        return { pack: null, problems };
      } finally {
        await lock?.release();
      }
    });
  }

  /**
   * A pack that never confirmed rendering is given `maxUncommittedBoots` boots; then the store
   * rolls back to the previous pack on its own (the new one probably crashes the app).
   */
  async function countUncommittedBoot(state: ActiveState, problems: PackProblem[]): Promise<ActiveState> {
    const boots = state.boots + 1;
    const next: ActiveState =
      boots > maxUncommittedBoots && state.previous
        ? { current: state.previous, previous: state.current, committed: false, boots: 0 }
        : { ...state, boots };
    try {
      await writeActive(next);
    } catch (error) {
      problems.push({ ...writeFailureProblem(error, 'active.json'), severity: 'warning' });
      return state;
    }
    if (next.current !== state.current) {
      problems.push(
        problem('store.uncommitted-boots', state.current, { ref: state.current, boots: state.boots }),
      );
      log.warn('pack store: rolled back a pack that never confirmed rendering', { ref: state.current });
    }
    return next;
  }

  async function verifyFull(
    ref: PackRef,
    verifyOptions: { concurrency?: number; signal?: AbortSignal } = {},
  ): Promise<FullVerifyResult> {
    let root = packDir(ref);
    let builtIn = false;
    if (!(await exists(root)) && options.embeddedDefault) {
      root = options.embeddedDefault;
      builtIn = true;
    }
    const check = await inspector.inspectFolder(root, { builtIn });
    if (!check.ok) return { ok: false, problems: check.problems, files: 0, bytes: 0 };
    const actualRef = formatPackRef(check.pack.manifest.id, check.pack.manifest.version);
    if (actualRef !== ref) {
      return { ok: false, problems: [problem('store.not-installed', ref, { ref })], files: 0, bytes: 0 };
    }
    const started = Date.now();
    const result = await fullVerifyPackDir(root, check.pack.manifest, verifyOptions);
    const data = { ref, files: result.files, bytes: result.bytes, ms: Date.now() - started };
    if (result.ok) log.info('pack store: full verification passed', data);
    else
      log.error('pack store: full verification FAILED', {
        ...data,
        codes: result.problems.map((p) => p.code),
      });
    return result;
  }

  return {
    dataDir: options.dataDir,
    inspector,
    install: (sourcePath, installOptions = {}) =>
      locked(
        'install',
        (lock) => install(sourcePath, lock, installOptions.activate === true),
        installOptions.activate
          ? {
              action: `${sourcePath} was neither installed nor activated`,
              actionZh: `${sourcePath} 既未安装也未启用`,
            }
          : undefined,
      ),
    activate: (ref) => locked('activation', () => activate(ref)),
    commit: (ref) => locked('commit', () => commit(ref)),
    collect: () => locked('commit', () => collect()),
    rollback: () => locked('rollback', () => rollback()),
    remove: (ref) => locked('removal', () => remove(ref)),
    list: () => serial(list),
    state: async () => (await readActiveState(layout)).value,
    selectAtBoot,
    verifyFull,
  };
}

// ---------------------------------------------------------------------------------------------

function randomName(): string {
  return randomBytes(8).toString('hex');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
}

function errorPath(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'path' in error) {
    const path = error.path;
    return typeof path === 'string' ? path : undefined;
  }
  return undefined;
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(n / 1024)} KB`;
}

/** Creates the store's folders (and missing parents of the data folder), making each durable. */
async function ensureLayout(ops: FsOps, layout: StoreLayout): Promise<void> {
  const missing: string[] = [];
  for (let dir = layout.dataDir; !(await exists(dir)); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    await ops.mkdir(dir);
    await ops.syncDir(dirname(dir));
  }
  let created = false;
  for (const dir of [layout.packs, layout.staging, layout.trash]) {
    if (!(await exists(dir))) {
      await ops.mkdir(dir);
      created = true;
    }
  }
  if (created) await ops.syncDir(layout.dataDir);
}

/** Creates `rel` (a pack-relative folder) and its parents under `root`, remembering what exists. */
async function ensureSubdirs(ops: FsOps, root: string, rel: string, made: Set<string>): Promise<void> {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i += 1) {
    const sub = parts.slice(0, i).join('/');
    if (made.has(sub)) continue;
    await ops.mkdir(join(root, sub));
    made.add(sub);
  }
}

/**
 * Fsyncs of copied files, run behind the copy: each file's fsync starts as soon as it is copied,
 * while the next files are copied, one fsync at a time (each holds one of libuv's threads for as
 * long as the disk takes; more would starve the store lock's refresh and, in a kiosk, the files
 * it serves). The disk writes back file i while file i+1 is read, hashed and written, so little
 * is left to wait for at the end. Measured at 1 GiB (16 × 64 MiB): deferring every fsync to the
 * end of the copy took 2.6× a `cp -r` + `openssl dgst` of the same files; syncing behind, 0.85×.
 *
 * At most `DEFERRED_SYNCS` copied files wait open for their fsync (a pack of many small files
 * never runs out of descriptors: `add` then waits). The first failed fsync or close fails the
 * install: `add` and `done` throw it as a write problem; `settle` (after any failure) closes the
 * files not yet synced without syncing them, so no descriptor outlives the install.
 */
function createSyncBehind() {
  let chain: Promise<void> = Promise.resolve();
  let waiting = 0;
  let failure: PackProblemError | null = null;
  let abandoned = false;
  const syncOne = async (handle: WriteHandle, path: string): Promise<void> => {
    try {
      if (failure || abandoned) {
        await handle.close().catch(() => undefined);
        return;
      }
      try {
        await handle.sync();
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error;
      }
      // A failed close counts too (some file systems report a lost write only there).
      await handle.close();
    } catch (error) {
      failure ??= new PackProblemError([writeFailureProblem(error, path)]);
    } finally {
      waiting -= 1;
    }
  };
  return {
    async add(handle: WriteHandle, path: string): Promise<void> {
      waiting += 1;
      chain = chain.then(() => syncOne(handle, path));
      if (waiting >= DEFERRED_SYNCS) await chain;
      if (failure) throw failure;
    },
    async settle(): Promise<void> {
      abandoned = true;
      await chain;
    },
    async done(): Promise<void> {
      await chain;
      if (failure) throw failure;
    },
  };
}

/** A copied file is exactly the listed one: its size, then its SHA-256. */
function checkCopied(path: string, expected: { size: number; sha256: string }, size: number, sha256: string) {
  if (size !== expected.size) {
    throw new PackProblemError([
      problem('files.size-mismatch', path, { path, expected: expected.size, actual: size }),
    ]);
  }
  if (sha256 !== expected.sha256)
    throw new PackProblemError([problem('files.hash-mismatch', path, { path })]);
}

/**
 * Copies a folder source's listed files `FOLDER_LANES` at a time and hands each to the fsyncs
 * behind as it is done: by the kernel where the file system operations and the source allow it
 * (copyByKernel), else through the lane's three reused buffers (copyFromReader). With two lanes
 * one file is copied (on a libuv thread) while the other is hashed (on this one).
 * `npm run bench -- install` (1 GiB, 16 × 64 MiB, every fsync), 2-core VM, same day: by the
 * kernel, one file at a time 1.26 s, two 0.89–0.93 s, three 0.86 s; through buffers, two 1.57 s;
 * beside 1.03–1.09 s for `cp -r` + `openssl dgst` and 1.36–1.54 s for the same + `sync`. (An
 * earlier day, through buffers: one 1.61 s, two 1.27–1.37 s, three no better.) Two it stays: a
 * third gains little and holds one more file open. The folders come first, in order. After the
 * first failure no lane starts another file; that failure is the result.
 */
async function copyFolderFiles(
  ops: FsOps,
  openReader: (path: string) => Promise<FileReader>,
  listed: [string, { size: number; sha256: string }][],
  stagingDir: string,
  dirs: Set<string>,
  syncs: ReturnType<typeof createSyncBehind>,
): Promise<void> {
  for (const [path] of listed) {
    const parent = dirname(path);
    if (parent !== '.') await ensureSubdirs(ops, stagingDir, parent, dirs);
  }
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async (): Promise<void> => {
    // Allocated on first use: a kernel copy needs one buffer (to hash the copy), not three.
    let buffers: [Buffer, Buffer, Buffer] | null = null;
    let hashBuffer: Buffer | null = null;
    while (!failure && next < listed.length) {
      const [path, entry] = listed[next]!;
      next += 1;
      try {
        const dest = join(stagingDir, path);
        const reader = await openReader(path);
        const written =
          ops.copyFile && typeof reader.kernelPath === 'string'
            ? await copyByKernel(
                ops.copyFile.bind(ops),
                reader,
                path,
                entry,
                dest,
                (hashBuffer ??= Buffer.allocUnsafe(COPY_BLOCK)),
              )
            : await copyFromReader(ops, reader, path, entry, dest, (buffers ??= copyBuffers()));
        await syncs.add(written, path);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FOLDER_LANES, listed.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}

/**
 * Copies one listed file of a folder source by the kernel (`FsOps.copyFile` from the reader's
 * `kernelPath`, the very file opened without following links), then hashes the copy, which is in
 * the page cache: the bytes checked are the bytes the kiosk will serve. No byte of the copy passes
 * through this process, and with two lanes one file's copy runs on a libuv thread while the other
 * is hashed here. A source longer than listed is refused before the copy; one that changed during
 * it is refused by the copy's size or hash. Returns the still open copy for its fsync.
 * Measured in copyFolderFiles' comment: 1 GiB in 0.89–0.93 s, through the buffers 1.57 s.
 */
async function copyByKernel(
  copyFile: NonNullable<FsOps['copyFile']>,
  reader: FileReader,
  path: string,
  expected: { size: number; sha256: string },
  dest: string,
  buffer: Buffer,
): Promise<WriteHandle> {
  let handle: WriteHandle;
  try {
    const size = await reader.size();
    if (size !== expected.size) {
      throw new PackProblemError([
        problem('files.size-mismatch', path, { path, expected: expected.size, actual: size }),
      ]);
    }
    try {
      handle = await copyFile(reader.kernelPath as string, dest);
    } catch (error) {
      // One error for the copy's read and its write: a stick that cannot be read is told apart
      // from a data disk that cannot be written by reading the source once more (its own problem,
      // `source.unreadable`, when that fails too).
      if (!isNoSpace(error)) await readThrough(reader, buffer);
      throw new PackProblemError([writeFailureProblem(error, path)]);
    }
  } finally {
    await reader.close().catch(() => undefined);
  }
  try {
    const copied = await hashFile(dest, expected.size, buffer);
    checkCopied(path, expected, copied.size, copied.sha256);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** Reads a whole source file (through `buffer`); throws its read error, if any. */
async function readThrough(reader: FileReader, buffer: Buffer): Promise<void> {
  for (let at = 0; ;) {
    const n = await reader.read(buffer, at);
    if (n === 0) return;
    at += n;
  }
}

/** Three buffers: one being read into, one being hashed, one being written. */
function copyBuffers(): [Buffer, Buffer, Buffer] {
  return [Buffer.allocUnsafe(COPY_BLOCK), Buffer.allocUnsafe(COPY_BLOCK), Buffer.allocUnsafe(COPY_BLOCK)];
}

/**
 * Copies one listed file of a folder source through three reused buffers, reading each byte once:
 * while block i is hashed, block i+1 is being read and block i-1 written (reads and writes run on
 * libuv's threads, the hash on this one). Reused buffers avoid a fresh allocation (and its page
 * faults) per block, which cost more than the hash itself. Refuses on the first byte past the
 * listed size or a hash that differs; returns the still open file for its fsync.
 */
async function copyFromReader(
  ops: FsOps,
  reader: FileReader,
  path: string,
  expected: { size: number; sha256: string },
  dest: string,
  buffers: [Buffer, Buffer, Buffer],
): Promise<WriteHandle> {
  let handle: WriteHandle;
  try {
    handle = await ops.openForWrite(dest);
  } catch (error) {
    await reader.close().catch(() => undefined);
    throw error;
  }
  const hash = createHash('sha256');
  const inFlight: { read: Promise<number> | null; write: Promise<void> | null } = { read: null, write: null };
  const write = (block: Buffer): Promise<void> =>
    handle.write(block).catch((error: unknown) => {
      throw new PackProblemError([writeFailureProblem(error, path)]);
    });
  try {
    let size = 0;
    let i = 0;
    inFlight.read = reader.read(buffers[0], 0);
    for (;;) {
      const n = await inFlight.read;
      inFlight.read = null;
      if (n === 0) break;
      size += n;
      if (size > expected.size) {
        throw new PackProblemError([
          problem('files.size-mismatch', path, { path, expected: expected.size, actual: size }),
        ]);
      }
      const block = buffers[i % 3]!.subarray(0, n);
      // The next buffer was last written two blocks ago, and that write is done (one at a time).
      const next = reader.read(buffers[(i + 1) % 3]!, size);
      next.catch(() => undefined); // awaited next round; never an unhandled rejection meanwhile
      inFlight.read = next;
      hash.update(block);
      if (inFlight.write) await inFlight.write;
      const written = write(block);
      written.catch(() => undefined);
      inFlight.write = written;
      i += 1;
    }
    if (inFlight.write) await inFlight.write;
    inFlight.write = null;
    checkCopied(path, expected, size, hash.digest('hex'));
    return handle;
  } catch (error) {
    await inFlight.read?.catch(() => undefined);
    await inFlight.write?.catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw error;
  } finally {
    await reader.close().catch(() => undefined);
  }
}

/**
 * Streams one listed file from the source into `dest`, hashing as it goes (one write in flight
 * while the next block is hashed); refuses on the first byte past the listed size, or a hash that
 * differs. Source errors keep their own problems. Returns the still open file for its fsync; on
 * failure it is closed.
 */
async function copyVerified(
  ops: FsOps,
  source: PackSource,
  path: string,
  expected: { size: number; sha256: string },
  dest: string,
): Promise<WriteHandle> {
  const stream = source.openStream(path);
  let handle: WriteHandle;
  try {
    handle = await ops.openForWrite(dest);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  const hash = createHash('sha256');
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // The write in flight (an object, so its type survives the awaits below).
  const inFlight: { write: Promise<void> | null } = { write: null };
  const write = (block: Buffer): Promise<void> =>
    handle.write(block).catch((error: unknown) => {
      // Tagged here so the read loop below can tell our write errors from the source's.
      throw new PackProblemError([writeFailureProblem(error, path)]);
    });
  const flush = async () => {
    if (pendingBytes === 0) return;
    const block = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    if (inFlight.write) await inFlight.write; // in order, one at a time
    const next = write(block);
    next.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    inFlight.write = next;
  };
  try {
    try {
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > expected.size) {
          throw new PackProblemError([
            problem('files.size-mismatch', path, { path, expected: expected.size, actual: size }),
          ]);
        }
        hash.update(buf);
        pending.push(buf);
        pendingBytes += buf.length;
        if (pendingBytes >= WRITE_BLOCK) await flush();
      }
    } catch (error) {
      stream.destroy();
      throw error instanceof PackProblemError ? error : new PackProblemError(problemsOf(error, path));
    }
    await flush();
    if (inFlight.write) await inFlight.write;
    inFlight.write = null;
    checkCopied(path, expected, size, hash.digest('hex'));
    return handle;
  } catch (error) {
    await inFlight.write?.catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw error;
  }
}
