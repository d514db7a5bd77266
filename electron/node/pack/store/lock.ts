/**
 * One writer at a time across processes (the kiosk app, a technician's `hallpack install`, the
 * schedule), with `proper-lockfile`: the lock is a folder made with one atomic `mkdir`, its
 * mtime refreshed while it is held; a holder that stops refreshing it (frozen, or its disk gone)
 * loses it after `STALE_MS` and is told so (`compromised`), and the store checks that before it
 * publishes anything.
 *
 * A holder that was killed is noticed at once rather than after `STALE_MS`: the lock folder
 * holds `owner.json` (pid and host), and a lock whose owner process is gone on this host is
 * taken over. Taking over is itself serialised by a second lock (`<lock>.takeover`), under which
 * the owner is read again, so two processes that both find a dead owner never both proceed.
 * A `store.lock` left as a plain file by an older version (pid inside) is judged the same way.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { lstat, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { problem } from '../../../shared/problems';
import type { PackProblem } from '../../../shared/problems';
import { errnoCode } from '../../fs/fs-ops';
import type { FsOps } from '../../fs/fs-ops';

export type Lock = {
  /** False once another process took the lock over (this one stopped refreshing it in time). */
  readonly held: () => boolean;
  release(): Promise<void>;
};

/** A lock not refreshed for this long is stale (proper-lockfile refreshes it every UPDATE_MS). */
const STALE_MS = 30_000;
const UPDATE_MS = 5_000;
const OWNER_FILE = 'owner.json';

type Owner = { pid: number; host: string };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

/** Who holds `path` (a lock folder with owner.json, or an old-style pid file); null when unknown. */
async function ownerOf(path: string): Promise<Owner | null | 'gone'> {
  let isFile: boolean;
  try {
    isFile = (await lstat(path)).isFile();
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    if (isFile) {
      const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
      return Number.isInteger(pid) && pid > 0 ? { pid, host: hostname() } : null;
    }
    const owner = JSON.parse(await readFile(join(path, OWNER_FILE), 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host }
      : null;
  } catch {
    return null;
  }
}

const isDeadHere = (owner: Owner | null | 'gone'): boolean =>
  owner !== null &&
  owner !== 'gone' &&
  owner.host === hostname() &&
  owner.pid !== process.pid &&
  !processAlive(owner.pid);

const busy = (owner: Owner | null | 'gone'): PackProblem =>
  problem('store.busy', 'store.lock', { pid: owner && owner !== 'gone' ? owner.pid : 0 });

async function tryLock(path: string, compromised: () => void): Promise<(() => Promise<void>) | 'locked'> {
  try {
    return await lockfile.lock(path, {
      lockfilePath: path,
      realpath: false,
      retries: 0,
      stale: STALE_MS,
      update: UPDATE_MS,
      onCompromised: compromised,
    });
  } catch (error) {
    if (errnoCode(error) === 'ELOCKED' || errnoCode(error) === 'EEXIST' || errnoCode(error) === 'ENOTDIR')
      return 'locked';
    throw error;
  }
}

/**
 * If the lock at `path` belongs to a process that is gone, removes it and locks in its place,
 * all while holding the takeover lock (under which the owner is read again), so two processes
 * that found the same dead owner never both get the lock. Returns the new lock's release, or null.
 */
async function takeOverDead(path: string, compromised: () => void): Promise<(() => Promise<void>) | null> {
  const takeover = await tryLock(`${path}.takeover`, () => undefined);
  if (takeover === 'locked') return null;
  try {
    if (!isDeadHere(await ownerOf(path))) return null;
    await rm(path, { recursive: true, force: true });
    const release = await tryLock(path, compromised);
    return release === 'locked' ? null : release;
  } finally {
    await takeover().catch(() => undefined);
  }
}

/**
 * Takes the lock or says who holds it (`store.busy`, with the holder's pid when known). Errors
 * other than "held" propagate (the caller maps them). `_ops` is kept for the callers' signature:
 * the lock's own steps are not the store's data writes.
 */
export async function acquireLock(
  _ops: FsOps,
  path: string,
): Promise<{ ok: true; lock: Lock } | { ok: false; problem: PackProblem }> {
  let held = true;
  const lost = () => {
    held = false;
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let release = await tryLock(path, lost);
    if (release === 'locked') {
      const owner = await ownerOf(path);
      if (owner === 'gone') continue; // released meanwhile
      const taken = isDeadHere(owner) ? await takeOverDead(path, lost) : null;
      if (!taken) return { ok: false, problem: busy(owner) };
      release = taken;
    }
    try {
      writeFileSync(join(path, OWNER_FILE), JSON.stringify({ pid: process.pid, host: hostname() }));
    } catch (error) {
      await release().catch(() => undefined);
      throw error;
    }
    let released = false;
    return {
      ok: true,
      lock: {
        held: () => held,
        async release() {
          if (released) return;
          released = true;
          if (!held) return; // someone else's lock now: never remove it
          // proper-lockfile removes the folder with rmdir: empty it first.
          await rm(join(path, OWNER_FILE), { force: true }).catch(() => undefined);
          await release().catch(() => undefined);
        },
      },
    };
  }
  return { ok: false, problem: busy(await ownerOf(path).catch(() => null)) };
}

/** For tests and diagnostics: the pid recorded in a held lock, or null. */
export function lockOwnerPid(path: string): number | null {
  try {
    const owner = JSON.parse(readFileSync(join(path, OWNER_FILE), 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' ? owner.pid : null;
  } catch {
    return null;
  }
}
