/**
 * One writer at a time across processes (the kiosk app and a technician's `hallpack install`).
 * `store.lock` holds the owner's pid; a lock whose process is gone (killed, crashed) is stale
 * and taken over.
 */
import { readFile, stat } from 'node:fs/promises';
import { problem } from '../../../shared/problems';
import type { PackProblem } from '../../../shared/problems';
import { errnoCode } from '../../fs/fs-ops';
import type { FsOps } from '../../fs/fs-ops';
import { tempPathFor } from '../../fs/atomic';

export type Lock = { release(): Promise<void> };

/** Lock files held by this process right now. */
const heldHere = new Set<string>();

/** Longer than any install (30 GB from a slow USB stick is well under this). */
const MAX_LOCK_AGE_MS = 6 * 60 * 60 * 1000;
/** A lock file without a pid (not written by this code) is judged stale after this long. */
const EMPTY_LOCK_GRACE_MS = 10_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

async function holder(path: string): Promise<{ pid: number | null; stale: boolean } | null> {
  try {
    const text = await readFile(path, 'utf8');
    const pid = Number.parseInt(text.trim(), 10);
    const age = Date.now() - (await stat(path)).mtimeMs;
    if (Number.isInteger(pid) && pid > 0) {
      // Our own pid on a lock this process does not hold: a release that failed earlier. A very
      // old lock belongs to a dead process whose pid was reused: no store operation takes hours.
      const stale = pid === process.pid ? !heldHere.has(path) : !processAlive(pid) || age > MAX_LOCK_AGE_MS;
      return { pid, stale };
    }
    return { pid: null, stale: age > EMPTY_LOCK_GRACE_MS };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Takes the lock or says who holds it. The pid is written to a temporary file first and then
 * hard-linked to `store.lock`, so the lock never exists without its pid — a crash cannot leave
 * an empty lock that nobody can judge. Write errors propagate (the caller maps them).
 */
export async function acquireLock(
  ops: FsOps,
  path: string,
): Promise<{ ok: true; lock: Lock } | { ok: false; problem: PackProblem }> {
  const tmp = tempPathFor(path);
  const handle = await ops.openForWrite(tmp);
  try {
    try {
      await handle.write(Buffer.from(`${process.pid}\n`));
    } finally {
      await handle.close();
    }
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await ops.link(tmp, path);
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') throw error;
        const who = await holder(path);
        if (who === null) continue; // released meanwhile
        if (!who.stale)
          return { ok: false, problem: problem('store.busy', 'store.lock', { pid: who.pid ?? 0 }) };
        await ops.rm(path);
        continue;
      }
      heldHere.add(path);
      let released = false;
      return {
        ok: true,
        lock: {
          /** Best effort: a lock left behind by a failed removal is recognised as stale later. */
          async release() {
            if (released) return;
            released = true;
            heldHere.delete(path);
            await ops.rm(path).catch(() => undefined);
          },
        },
      };
    }
    return { ok: false, problem: problem('store.busy', 'store.lock', { pid: 0 }) };
  } finally {
    await ops.rm(tmp).catch(() => undefined);
  }
}
