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
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { lstat, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
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

/** What a lock holder is doing, as its busy message names it. */
export type LockPurpose = 'install' | 'activation' | 'commit' | 'rollback' | 'removal' | 'start-up';

const PURPOSES: Record<LockPurpose | 'unknown', { en: string; zh: string }> = {
  install: { en: 'install', zh: '安装' },
  activation: { en: 'activation', zh: '启用' },
  commit: { en: 'commit (confirm and clean up)', zh: '确认并清理' },
  rollback: { en: 'roll-back', zh: '回滚' },
  removal: { en: 'removal', zh: '删除' },
  'start-up': { en: 'kiosk start-up check', zh: '展项启动检查' },
  unknown: { en: 'program', zh: '程序' },
};

type Owner = {
  pid: number;
  host: string;
  /** When it took the lock (ISO), what for, and which program: for the busy message. */
  since?: string;
  purpose?: LockPurpose;
  program?: string;
};

let programName: string | null = null;

/** Names this process in lock messages (e.g. "the kiosk (browser mode)"); default from argv. */
export function setLockProgramName(name: string): void {
  programName = name;
}

function thisProgram(): string {
  if (programName) return programName;
  if (process.versions['electron']) return 'the kiosk app';
  const script = basename(process.argv[1] ?? '');
  if (/^hallpack\b/.test(script)) return `hallpack ${process.argv[2] ?? ''}`.trim();
  return script || basename(process.argv0);
}

function localTime(iso: string): string | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** "process 4242 (hallpack install, since 2026-12-04 18:50:02)", in both languages. */
export function describeHolder(owner: Owner | null): { en: string; zh: string } {
  if (!owner) return { en: 'a process that could not be identified', zh: '一个无法识别的进程' };
  const since = owner.since ? localTime(owner.since) : null;
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`;
  const whereZh = owner.host === hostname() ? '' : `，位于 ${owner.host}`;
  const en = [owner.program, since ? `since ${since}` : null].filter(Boolean).join(', ');
  const zh = [owner.program, since ? `自 ${since} 起` : null].filter(Boolean).join('，');
  return {
    en: `process ${owner.pid}${where}${en ? ` (${en})` : ''}`,
    zh: `进程 ${owner.pid}${whereZh}${zh ? `（${zh}）` : ''}`,
  };
}

/** True while `pid` runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
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
    return parseOwner(await readFile(join(path, OWNER_FILE), 'utf8'));
  } catch {
    return null;
  }
}

function parseOwner(text: string): Owner | null {
  const owner = JSON.parse(text) as Partial<Owner>;
  if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return null;
  const out: Owner = { pid: owner.pid, host: owner.host };
  if (typeof owner.since === 'string') out.since = owner.since;
  if (typeof owner.purpose === 'string' && owner.purpose in PURPOSES) out.purpose = owner.purpose;
  if (typeof owner.program === 'string') out.program = owner.program.slice(0, 80);
  return out;
}

const isDeadHere = (owner: Owner | null | 'gone'): boolean =>
  owner !== null &&
  owner !== 'gone' &&
  owner.host === hostname() &&
  owner.pid !== process.pid &&
  !processAlive(owner.pid);

/** What the caller was going to do when it found the lock taken (said after "Nothing was changed"). */
export type BusyContext = { action: string; actionZh: string };

function busy(owner: Owner | null | 'gone', context?: BusyContext): PackProblem {
  const known = owner === 'gone' ? null : owner;
  const purpose = PURPOSES[known?.purpose ?? 'unknown'];
  const holder = describeHolder(known);
  return problem('store.busy', 'store.lock', {
    operation: purpose.en,
    operationZh: purpose.zh,
    holder: holder.en,
    holderZh: holder.zh,
    action: context?.action ?? '',
    actionZh: context?.actionZh ?? '',
  });
}

/** The lock was taken over from this process (it stopped refreshing it): who has it now. */
export async function lockLostProblem(path: string, installed = ''): Promise<PackProblem> {
  const owner = await ownerOf(path).catch(() => null);
  // Still our own owner.json, or none: nobody took it over (yet); it just went stale.
  const other =
    owner !== null && owner !== 'gone' && !(owner.pid === process.pid && owner.host === hostname());
  const holder = other ? describeHolder(owner) : { en: '', zh: '' };
  return problem('store.lock-lost', 'store.lock', { holder: holder.en, holderZh: holder.zh, installed });
}

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
 * Takes the lock or says who holds it (`store.busy`: the holder's pid, what it is doing, since
 * when and which program, as far as its owner.json tells). Errors
 * other than "held" propagate (the caller maps them). `_ops` is kept for the callers' signature:
 * the lock's own steps are not the store's data writes.
 */
export async function acquireLock(
  _ops: FsOps,
  path: string,
  purpose?: LockPurpose,
  context?: BusyContext,
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
      if (!taken) return { ok: false, problem: busy(owner, context) };
      release = taken;
    }
    try {
      const owner: Owner = {
        pid: process.pid,
        host: hostname(),
        since: new Date().toISOString(),
        program: thisProgram(),
        ...(purpose ? { purpose } : {}),
      };
      // proper-lockfile remembers the folder's mtime and, at its first refresh, takes any other
      // mtime for a takeover: creating owner.json inside must leave the folder's mtime as it was.
      const before = statSync(path);
      writeFileSync(join(path, OWNER_FILE), JSON.stringify(owner));
      utimesSync(path, before.atime, before.mtime);
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
  return { ok: false, problem: busy(await ownerOf(path).catch(() => null), context) };
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
