/**
 * Durable and atomic writes on top of `FsOps`.
 *
 * The recipe (POSIX): write a new file next to the target, fsync it, rename it over the target,
 * fsync the directory. A crash at any point leaves either the old or the new content under the
 * target name, plus at most a stray `*.tmp-*` file that `isTempName` recognises for cleanup.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { errnoCode } from './fs-ops';
import type { FsOps } from './fs-ops';

const TEMP_MARKER = '.tmp-';

/** A fresh, unpredictable temporary name next to `target`. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `${basename(target)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
}

/** True for names produced by `tempPathFor` (leftovers of an interrupted atomic write). */
export function isTempName(name: string): boolean {
  return /\.tmp-[0-9a-f]{12}$/.test(name);
}

/** `mode`: permissions of the new file from its creation (e.g. 0600 for config.json). */
export type WriteOptions = { mode?: number };

/**
 * Creates `path` (which must not exist), writes `data`, fsyncs and closes it. On failure the
 * partial file is removed (best effort) and the error rethrown.
 */
export async function writeFileDurable(
  ops: FsOps,
  path: string,
  data: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const handle = await ops.openForWrite(path, options.mode);
  try {
    try {
      await handle.write(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await ops.rm(path).catch(() => undefined);
    throw error;
  }
}

/**
 * Atomically replaces `path` with `data`: tmp → fsync → rename → fsync(dir). Readers see the
 * old bytes or the new bytes, never a mix, even across a crash or power loss.
 */
export async function writeFileAtomic(
  ops: FsOps,
  path: string,
  data: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const tmp = tempPathFor(path);
  await writeFileDurable(ops, tmp, data, options);
  try {
    await ops.rename(tmp, path);
  } catch (error) {
    await ops.rm(tmp).catch(() => undefined);
    throw error;
  }
  try {
    await ops.syncDir(dirname(path));
  } catch (error) {
    throw new RenamedButNotSyncedError(path, error);
  }
}

/**
 * The new content is already under the target name but the directory fsync failed, so its
 * durability is unknown. Callers that promise "unchanged on failure" must write the old content back.
 */
export class RenamedButNotSyncedError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'RenamedButNotSyncedError';
    this.code = errnoCode(cause);
  }
}

/**
 * `writeFileAtomic` that a failure never leaves half-done: if the rename lands but the directory
 * fsync fails, the old file (kept under a hard link, which needs no free space) is renamed back,
 * or the new one removed if there was none. Then the error is rethrown.
 */
export async function replaceFileAtomic(
  ops: FsOps,
  path: string,
  data: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  let backup: string | null = tempPathFor(path);
  try {
    await ops.link(path, backup);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
    backup = null;
  }
  try {
    await writeFileAtomic(ops, path, data, options);
  } catch (error) {
    if (!(error instanceof RenamedButNotSyncedError)) throw error;
    if (backup !== null) {
      await ops.rename(backup, path);
      backup = null;
    } else {
      await ops.rm(path);
    }
    await ops.syncDir(dirname(path)).catch(() => undefined);
    throw error.cause;
  } finally {
    if (backup !== null) await ops.rm(backup).catch(() => undefined);
  }
}

/** `writeFileAtomic` for a JSON value, pretty-printed with a trailing newline. */
export async function writeJsonAtomic(ops: FsOps, path: string, value: unknown): Promise<void> {
  await writeFileAtomic(ops, path, jsonBytes(value));
}

/** `replaceFileAtomic` for a JSON value. */
export async function replaceJsonAtomic(
  ops: FsOps,
  path: string,
  value: unknown,
  options: WriteOptions = {},
): Promise<void> {
  await replaceFileAtomic(ops, path, jsonBytes(value), options);
}

function jsonBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
