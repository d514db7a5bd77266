/**
 * Leases: a pack that a process serves is never garbage-collected under it, whichever process
 * collects (the kiosk itself, a technician's `hallpack install`/`commit`, staff, the schedule).
 *
 * Each serving process owns one small file, `leases/<pid>@<host>.json`, listing the packs it may
 * serve right now — the one its page shows and, during a switch, the one it is about to show —
 * and rewrites it (atomically: tmp + rename) whenever that set changes. The collector reads every
 * lease file under the store lock and keeps what a live holder lists. Who counts as live:
 *
 * - the same host, the holder's pid alive, and (where the OS tells) the process started when the
 *   lease says: honoured, however old — no wall clock enters, so setting the clock cannot expire
 *   a lease; a pid reused by another program after a crash is told apart by its start time;
 * - the same host and the pid gone (killed, crashed): ignored, and the file is removed;
 * - another host (a data folder on a network share): honoured while refreshed within
 *   `REMOTE_STALE_MS` (holders refresh every `REFRESH_MS`);
 * - an unreadable file: everything is kept while it is fresh (it cannot say what it protects).
 *
 * The check-then-delete race is closed on both sides: a holder writes its lease first and only
 * then checks that the pack folder still exists (if not, it selects again); the collector moves a
 * folder into `trash/` and reads the leases again before deleting it, moving it back if it was
 * leased in between. Whatever the interleaving, either the holder sees the folder gone, or the
 * collector sees the lease.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { isTempName } from '../../fs/atomic';
import { errnoCode } from '../../fs/fs-ops';
import { nullLogger } from '../../log/logger';
import type { Logger } from '../../log/logger';
import { processAlive } from './lock';
import { packRefSchema } from './state';
import type { PackRef } from './state';

/** Holders rewrite their lease this often (only a holder on another host needs it). */
export const REFRESH_MS = 60_000;
/** A lease from another host not refreshed for this long is stale. */
export const REMOTE_STALE_MS = 10 * 60_000;

export const LEASES_DIR = 'leases';

export const leaseFileSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string().min(1).max(255),
  /** The holder's start (Linux: boot id and start tick), to tell a reused pid; null elsewhere. */
  procStart: z.string().max(100).nullable(),
  /** Wall-clock time of the last write (only judged for another host's lease). */
  updated: z.string().max(40),
  refs: z.array(packRefSchema).max(16),
});
export type LeaseFile = z.infer<typeof leaseFileSchema>;

export type LeaseReason =
  | 'alive'
  | 'self'
  | 'dead'
  | 'reused'
  | 'remote-fresh'
  | 'remote-stale'
  | 'unreadable-fresh'
  | 'unreadable-stale';

export type LeaseVerdict = { honoured: boolean; reason: LeaseReason };

/** What the collector knows about its own machine (injected by the tests). */
export type HostProbe = {
  host: string;
  pid: number;
  alive: (pid: number) => boolean;
  /** The process's start identity, null when unknown (not Linux, or the pid is gone). */
  procStart: (pid: number) => string | null;
  now: number;
};

/**
 * Pure: does this lease still protect its packs? `lease` null = the file could not be read or
 * parsed (then `mtimeMs` decides). See the module comment for the rules.
 */
export function judgeLease(lease: LeaseFile | null, mtimeMs: number, here: HostProbe): LeaseVerdict {
  if (lease === null) {
    return here.now - mtimeMs <= REMOTE_STALE_MS
      ? { honoured: true, reason: 'unreadable-fresh' }
      : { honoured: false, reason: 'unreadable-stale' };
  }
  if (lease.host !== here.host) {
    const updated = Date.parse(lease.updated);
    const age = Number.isFinite(updated) ? here.now - updated : Number.POSITIVE_INFINITY;
    // A clock set back makes the age negative: still fresh.
    return age <= REMOTE_STALE_MS
      ? { honoured: true, reason: 'remote-fresh' }
      : { honoured: false, reason: 'remote-stale' };
  }
  if (lease.pid !== here.pid && !here.alive(lease.pid)) return { honoured: false, reason: 'dead' };
  const started = lease.procStart === null ? null : here.procStart(lease.pid);
  if (lease.procStart !== null && started !== null && started !== lease.procStart)
    return { honoured: false, reason: 'reused' };
  return { honoured: true, reason: lease.pid === here.pid ? 'self' : 'alive' };
}

let bootId: string | null | undefined;

/** Linux: `<boot id>:<start tick>` of a process (field 22 of /proc/<pid>/stat); null elsewhere. */
export function processStart(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start ? `${bootId}:${start}` : null;
  } catch {
    return null;
  }
}

export function localProbe(): HostProbe {
  return {
    host: hostname(),
    pid: process.pid,
    alive: processAlive,
    procStart: processStart,
    now: Date.now(),
  };
}

const safeHost = (host: string) => host.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'host';

export type LeaseRead = {
  /** Leased pack → the pids holding it. */
  leased: Map<PackRef, number[]>;
  /** An unreadable but fresh lease: nothing may be collected now. */
  keepAll: boolean;
  /** Lease files that protect nothing any more (dead or reused holders, stale). */
  expired: string[];
};

/** Reads and judges every lease in `dir` (missing folder: no leases). */
export async function readLeases(dir: string, here: HostProbe = localProbe()): Promise<LeaseRead> {
  const out: LeaseRead = { leased: new Map(), keepAll: false, expired: [] };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return out;
    throw error;
  }
  for (const name of names) {
    if (!name.endsWith('.json') || isTempName(name)) continue;
    const file = join(dir, name);
    let text: string;
    let mtimeMs: number;
    try {
      [text, mtimeMs] = await Promise.all([readFile(file, 'utf8'), stat(file).then((i) => i.mtimeMs)]);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    let lease: LeaseFile | null = null;
    try {
      const parsed = leaseFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) lease = parsed.data;
    } catch {
      // judged as unreadable below
    }
    const verdict = judgeLease(lease, mtimeMs, here);
    if (!verdict.honoured) {
      out.expired.push(file);
      continue;
    }
    if (lease === null) {
      out.keepAll = true;
      continue;
    }
    for (const ref of lease.refs) out.leased.set(ref, [...(out.leased.get(ref) ?? []), lease.pid]);
  }
  return out;
}

/** Removes expired lease files (best effort; the collector calls it under the store lock). */
export async function removeExpiredLeases(read: LeaseRead, log: Logger = nullLogger): Promise<void> {
  for (const file of read.expired) {
    await rm(file, { force: true }).catch(() => undefined);
    log.info('pack store: removed an expired lease', { file });
  }
}

export type LeaseHolder = {
  /** Replaces this process's lease with `refs` (empty: no lease); resolves once it is on disk. */
  hold(refs: readonly PackRef[]): Promise<void>;
  /** The refs last written. */
  held(): readonly PackRef[];
  /** Stops refreshing and removes the lease. */
  close(): Promise<void>;
};

/** This process's lease in `<dataDir>/leases/`. Writes are applied in call order. */
export function createLeaseHolder(
  dataDir: string,
  options: { refreshMs?: number; log?: Logger } = {},
): LeaseHolder {
  const log = options.log ?? nullLogger;
  const dir = join(dataDir, LEASES_DIR);
  const file = join(dir, `${process.pid}@${safeHost(hostname())}.json`);
  const procStart = processStart(process.pid);
  let refs: PackRef[] = [];
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const onExit = () => {
    try {
      unlinkSync(file);
    } catch {
      // gone already; a dead holder's lease is ignored anyway
    }
  };

  async function write(): Promise<void> {
    if (refs.length === 0) {
      await rm(file, { force: true });
      return;
    }
    await mkdir(dir, { recursive: true });
    const lease: LeaseFile = {
      pid: process.pid,
      host: hostname(),
      procStart,
      updated: new Date().toISOString(),
      refs,
    };
    const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
    await writeFile(tmp, `${JSON.stringify(lease)}\n`, { mode: 0o600 });
    await rename(tmp, file);
  }

  const enqueue = (): Promise<void> => {
    const run = queue.then(write);
    queue = run.catch((error: unknown) => log.error('pack lease not written', { file, error }));
    return run;
  };

  return {
    hold(next) {
      if (closed) return Promise.resolve();
      refs = [...new Set(next)].sort();
      if (refs.length > 0 && timer === undefined) {
        timer = setInterval(() => void enqueue().catch(() => undefined), options.refreshMs ?? REFRESH_MS);
        timer.unref();
        process.once('exit', onExit);
      }
      return enqueue();
    },
    held: () => refs,
    async close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      process.off('exit', onExit);
      refs = [];
      await enqueue().catch(() => undefined);
    },
  };
}
