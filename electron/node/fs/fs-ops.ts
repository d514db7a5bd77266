/**
 * The mutating file-system operations the pack store performs, behind one small interface so
 * tests can count them and inject ENOSPC, EIO or a SIGKILL at any single step.
 *
 * Reads are not part of this layer: they cannot leave partial state behind, and the store reads
 * through `node:fs` directly.
 */
import { constants, promises as fsp } from 'node:fs';

/** A file opened for writing: every `write`, `sync` and `close` is one step. */
export type WriteHandle = {
  write(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
};

export type FsOpName =
  'mkdir' | 'open' | 'write' | 'copy' | 'fsync' | 'close' | 'rename' | 'link' | 'rm' | 'fsyncDir';

export type FsOps = {
  /** Creates one directory (parents must exist). Succeeds if it already exists as a directory. */
  mkdir(path: string): Promise<void>;
  /**
   * Creates a new file exclusively (`wx`): never follows or overwrites an existing entry. `mode`
   * (default 0644, less the umask) applies from creation, so a secret is never readable by others.
   */
  openForWrite(path: string, mode?: number): Promise<WriteHandle>;
  /**
   * Creates `to` exclusively (never follows or overwrites an existing entry) as a copy of `from`,
   * made by the kernel (copy_file_range: no bytes pass through this process), mode 0644. Returns
   * the copy still open, for its fsync. On failure a partial `to` may remain (its folder is staging,
   * removed by the caller). Optional: without it the store copies through its own buffers.
   */
  copyFile?(from: string, to: string): Promise<WriteHandle>;
  rename(from: string, to: string): Promise<void>;
  /** A second name for an existing file (no data is copied, so it works on a full disk). */
  link(existing: string, newPath: string): Promise<void>;
  /** Removes a file or a directory tree; missing is fine. */
  rm(path: string): Promise<void>;
  /** Flushes a directory's entries (new names, renames) to disk. No-op where unsupported. */
  syncDir(path: string): Promise<void>;
  /** Bytes available to this user on the file system holding `path`, or null if unknown. Not a step. */
  freeBytes(path: string): Promise<number | null>;
};

/** An error with a Node-style `code`, as thrown by `node:fs`. */
export type ErrnoError = Error & { code?: string; syscall?: string; path?: string };

export function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

const isWindows = process.platform === 'win32';

/** The real file system. */
export const nodeFsOps: FsOps = {
  async mkdir(path) {
    try {
      await fsp.mkdir(path);
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw error;
      const st = await fsp.lstat(path);
      if (!st.isDirectory()) throw error;
    }
  },
  async openForWrite(path, mode = 0o644) {
    // O_NOFOLLOW: a planted symlink at the target name is refused instead of followed.
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
    return writeHandleOf(await fsp.open(path, flags, mode));
  },
  async copyFile(from, to) {
    // COPYFILE_EXCL: O_CREAT | O_EXCL, so a planted entry (a symlink too) at `to` is refused.
    await fsp.copyFile(from, to, constants.COPYFILE_EXCL);
    const handle = await fsp.open(to, constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      // The copy takes the source's mode bits (an executable or set-id bit from a USB stick).
      await handle.chmod(0o644);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return writeHandleOf(handle);
  },
  async rename(from, to) {
    await fsp.rename(from, to);
  },
  async link(existing, newPath) {
    await fsp.link(existing, newPath);
  },
  async rm(path) {
    await fsp.rm(path, { recursive: true, force: true, maxRetries: isWindows ? 5 : 0 });
  },
  async syncDir(path) {
    // Windows cannot open a directory for fsync; NTFS journals metadata anyway.
    if (isWindows) return;
    const handle = await fsp.open(path, constants.O_RDONLY);
    try {
      await handle.sync();
    } catch (error) {
      // Some file systems (e.g. certain FUSE mounts) refuse fsync on a directory.
      if (errnoCode(error) !== 'EINVAL' && errnoCode(error) !== 'ENOTSUP') throw error;
    } finally {
      await handle.close();
    }
  },
  async freeBytes(path) {
    try {
      const st = await fsp.statfs(path);
      return Number(st.bavail) * Number(st.bsize);
    } catch {
      return null;
    }
  },
};

function writeHandleOf(handle: fsp.FileHandle): WriteHandle {
  let closed = false;
  return {
    async write(data) {
      let offset = 0;
      while (offset < data.byteLength) {
        const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset);
        offset += bytesWritten;
      }
    },
    async sync() {
      await handle.sync();
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

/**
 * Wraps `base` so `hook(op, path, step)` runs before every mutating step (1-based `step`).
 * The hook may throw (to inject an error) or kill the process (crash tests). Used only by tests
 * and diagnostics; production passes `nodeFsOps`.
 */
export function instrumentFsOps(
  base: FsOps,
  hook: (op: FsOpName, path: string, step: number) => void | Promise<void>,
): FsOps {
  let step = 0;
  const before = async (op: FsOpName, path: string) => {
    step += 1;
    await hook(op, path, step);
  };
  return {
    async mkdir(path) {
      await before('mkdir', path);
      await base.mkdir(path);
    },
    async openForWrite(path, mode) {
      await before('open', path);
      return instrumentHandle(await base.openForWrite(path, mode), path, before);
    },
    ...(base.copyFile
      ? {
          async copyFile(from: string, to: string): Promise<WriteHandle> {
            await before('copy', to);
            return instrumentHandle(await base.copyFile!(from, to), to, before);
          },
        }
      : {}),
    async rename(from, to) {
      await before('rename', to);
      await base.rename(from, to);
    },
    async link(existing, newPath) {
      await before('link', newPath);
      await base.link(existing, newPath);
    },
    async rm(path) {
      await before('rm', path);
      await base.rm(path);
    },
    async syncDir(path) {
      await before('fsyncDir', path);
      await base.syncDir(path);
    },
    freeBytes: (path) => base.freeBytes(path),
  };
}

function instrumentHandle(
  inner: WriteHandle,
  path: string,
  before: (op: FsOpName, path: string) => Promise<void>,
): WriteHandle {
  return {
    async write(data) {
      await before('write', path);
      await inner.write(data);
    },
    async sync() {
      await before('fsync', path);
      await inner.sync();
    },
    async close() {
      try {
        await before('close', path);
      } finally {
        // Never leak the descriptor, even when the step itself is made to fail.
        await inner.close();
      }
    },
  };
}

/** An `Error` shaped like one from `node:fs`, for fault injection. */
export function makeErrnoError(code: string, op: string, path: string): ErrnoError {
  const messages: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EIO: 'i/o error',
    EDQUOT: 'disk quota exceeded',
  };
  const error: ErrnoError = new Error(`${code}: ${messages[code] ?? 'injected error'}, ${op} '${path}'`);
  error.code = code;
  error.syscall = op;
  error.path = path;
  return error;
}

export type FaultPlan = {
  /** 1-based step at which to fail. */
  at: number;
  code: 'ENOSPC' | 'EIO';
  /**
   * Once failed, keep failing every later step that needs space (open/write/copy/fsync/mkdir), the
   * way a full disk stays full; `rm`, `rename` and `link` still succeed, as they do on a full disk.
   */
  sticky?: boolean;
};

/** `base` with an injected fault, plus the log of steps taken (for counting). */
export function faultyFsOps(
  base: FsOps,
  plan: FaultPlan | null,
): { ops: FsOps; steps: { op: FsOpName; path: string }[] } {
  const steps: { op: FsOpName; path: string }[] = [];
  let failed = false;
  const ops = instrumentFsOps(base, (op, path, step) => {
    steps.push({ op, path });
    if (!plan) return;
    const writes = op === 'open' || op === 'write' || op === 'copy' || op === 'fsync' || op === 'mkdir';
    if (step === plan.at || (failed && plan.sticky === true && writes)) {
      failed = true;
      throw makeErrnoError(plan.code, op, path);
    }
  });
  return { ops, steps };
}
