/**
 * A pack source: the files of a pack as they arrive, from a folder or a `.hallpack` zip, judged
 * for hostile entries before anything is read from them or written anywhere.
 *
 * `openPackSource` throws `PackProblemError` (with `.problems`) when it refuses; use
 * `tryOpenPackSource` for a result object instead.
 */
import { constants, existsSync } from 'node:fs';
import { lstat, open, opendir, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import { entryNameProblem, NameRegistry, openArchiveFile, printableName, readAll, tooLarge } from './archive';
import { describeError, PackProblemError, problemsOf } from './store/problem-error';
import { errnoCode } from '../fs/fs-ops';

export { PackProblemError, problemsOf } from './store/problem-error';

export type SourceLimits = {
  /** Most entries (files and folders) a pack may have. */
  maxFiles: number;
  /** Largest single file, in bytes. */
  maxEntryBytes: number;
  /** Largest total of all files, in bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of an archive entry of at least `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
  /** Longest relative path, in UTF-8 bytes. */
  maxPathBytes: number;
  /** Default cap of `readFile` (manifests, signatures): anything bigger is streamed. */
  maxReadFileBytes: number;
};

export const defaultSourceLimits: SourceLimits = {
  maxFiles: 20_000,
  maxEntryBytes: 4 * 1024 ** 3,
  maxTotalBytes: 32 * 1024 ** 3,
  maxRatio: 100,
  ratioMinBytes: 1024 * 1024,
  maxPathBytes: 240,
  maxReadFileBytes: 64 * 1024 * 1024,
};

export type PackSourceEntry = { path: string; size: number };

export type PackSource = {
  kind: 'folder' | 'archive';
  /** The folder or archive file this source reads. */
  path: string;
  /** Regular files only, sorted by path; folders are implied. */
  entries: PackSourceEntry[];
  has(p: string): boolean;
  sizeOf(p: string): number | undefined;
  /** Whole file in memory, refused if over `maxBytes` (default `limits.maxReadFileBytes`). */
  readFile(p: string, maxBytes?: number): Promise<Buffer>;
  /** Streams a file; errors (corrupt data, unreadable stick) surface as stream errors. */
  openStream(p: string): Readable;
  /**
   * Folder sources only: positional reads into the caller's buffers (the store's install reuses a
   * few buffers instead of allocating one per chunk). Errors are `PackProblemError`s.
   */
  openReader?(p: string): Promise<FileReader>;
  close(): Promise<void>;
};

/** Reads a file of a source at positions: `read` fills `buffer` from `position`, 0 at the end. */
export type FileReader = {
  read(buffer: Buffer, position: number): Promise<number>;
  /** The open file's size now. */
  size(): Promise<number>;
  /**
   * A path that names exactly this open file (Linux: `/proc/self/fd/N`), so the kernel can copy
   * it (`FsOps.copyFile`) without a second lookup of its name; null where there is none.
   */
  readonly kernelPath: string | null;
  close(): Promise<void>;
};

/** `/proc/self/fd` names an open descriptor's own file (Linux); elsewhere there is no such path. */
const procFds = process.platform === 'linux' && existsSync('/proc/self/fd') ? '/proc/self/fd' : null;

/** Opens a folder or `.hallpack` file. Throws `PackProblemError` when the source is refused. */
export async function openPackSource(path: string, limits: Partial<SourceLimits> = {}): Promise<PackSource> {
  const effective: SourceLimits = { ...defaultSourceLimits, ...limits };
  let st;
  try {
    // The path staff chose may itself go through a link (a mount point); links inside are refused.
    st = await stat(path);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new PackProblemError([problem('source.not-found', path, { path })]);
    throw new PackProblemError([problem('source.unreadable', path, { path, detail: describeError(error) })]);
  }
  if (st.isDirectory()) return openFolderSource(path, effective);
  if (st.isFile()) return openArchiveFile(path, effective);
  throw new PackProblemError([problem('archive.symlink', path, { path })]);
}

/** `openPackSource` returning `{ ok: false, problems }` instead of throwing. */
export async function tryOpenPackSource(
  path: string,
  limits: Partial<SourceLimits> = {},
): Promise<{ ok: true; source: PackSource } | { ok: false; problems: PackProblem[] }> {
  try {
    return { ok: true, source: await openPackSource(path, limits) };
  } catch (error) {
    return { ok: false, problems: problemsOf(error, path) };
  }
}

const MAX_PROBLEMS = 50;

async function openFolderSource(root: string, limits: SourceLimits): Promise<PackSource> {
  const problems: PackProblem[] = [];
  const files = new Map<string, number>();
  const names = new NameRegistry();
  let count = 0;
  let total = 0;

  // Iterative walk with lstat semantics: links are reported, never followed.
  const pending: string[] = [''];
  walk: while (pending.length > 0) {
    const rel = pending.pop()!;
    let dir;
    try {
      dir = await opendir(rel === '' ? root : join(root, rel));
    } catch (error) {
      throw unreadable(rel || root, error);
    }
    try {
      for await (const dirent of dir) {
        const childRel = rel === '' ? dirent.name : `${rel}/${dirent.name}`;
        count += 1;
        if (count > limits.maxFiles) {
          problems.push(problem('archive.too-many-files', root, { max: limits.maxFiles }));
          break walk;
        }
        if (problems.length >= MAX_PROBLEMS) break walk;
        const nameProblem = entryNameProblem(childRel, limits.maxPathBytes);
        if (nameProblem) {
          problems.push(nameProblem);
          continue;
        }
        if (dirent.isDirectory()) {
          const clash = names.add(childRel, true);
          if (clash) problems.push(clash);
          else pending.push(childRel);
          continue;
        }
        if (!dirent.isFile()) {
          problems.push(symlink(childRel));
          continue;
        }
        const clash = names.add(childRel);
        if (clash) {
          problems.push(clash);
          continue;
        }
        const st = await lstat(join(root, childRel));
        if (!st.isFile()) {
          problems.push(symlink(childRel));
          continue;
        }
        if (st.size > limits.maxEntryBytes) {
          problems.push(tooLarge(printableName(childRel), st.size, limits.maxEntryBytes));
          continue;
        }
        total += st.size;
        if (total > limits.maxTotalBytes) {
          problems.push(tooLarge(root, total, limits.maxTotalBytes, 'in total'));
          break walk;
        }
        files.set(childRel, st.size);
      }
    } catch (error) {
      if (error instanceof PackProblemError) throw error;
      throw unreadable(rel || root, error);
    } finally {
      // `for await` closes the handle when it completes or breaks; closing twice throws.
      await dir.close().catch(() => undefined);
    }
  }
  if (problems.length > 0) throw new PackProblemError(problems);

  const entries = [...files.entries()]
    .map(([path, size]) => ({ path, size }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const readFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

  const resolveListed = (p: string): string => {
    if (!files.has(p)) throw new PackProblemError([problem('files.missing', p, { path: p })]);
    return join(root, p);
  };

  const openStream = (p: string): Readable => {
    if (!files.has(p)) return failedStream(new PackProblemError([problem('files.missing', p, { path: p })]));
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    open(join(root, p), readFlags).then(
      (handle) => {
        if (out.destroyed) {
          // The reader gave up before the file was open.
          void handle.close().catch(() => undefined);
          return;
        }
        const stream = handle.createReadStream({ highWaterMark: 1 << 20 });
        stream.on('error', (error) => out.destroy(unreadable(p, error)));
        out.on('close', () => {
          if (!stream.destroyed) stream.destroy();
        });
        stream.pipe(out);
      },
      (error: unknown) => out.destroy(unreadable(p, error)),
    );
    return out;
  };

  const openReader = async (p: string): Promise<FileReader> => {
    const full = resolveListed(p);
    let handle: FileHandle;
    try {
      handle = await open(full, readFlags);
    } catch (error) {
      throw unreadable(p, error);
    }
    return {
      async read(buffer, position) {
        try {
          return (await handle.read(buffer, 0, buffer.length, position)).bytesRead;
        } catch (error) {
          throw unreadable(p, error);
        }
      },
      async size() {
        try {
          return (await handle.stat()).size;
        } catch (error) {
          throw unreadable(p, error);
        }
      },
      kernelPath: procFds ? `${procFds}/${handle.fd}` : null,
      close: () => handle.close(),
    };
  };

  return {
    kind: 'folder',
    path: root,
    entries,
    has: (p) => files.has(p),
    sizeOf: (p) => files.get(p),
    async readFile(p, maxBytes = limits.maxReadFileBytes) {
      const full = resolveListed(p);
      try {
        const handle = await open(full, readFlags);
        try {
          const st = await handle.stat();
          if (!st.isFile()) throw new PackProblemError([symlink(p)]);
          if (st.size > maxBytes) throw new PackProblemError([tooLarge(p, st.size, maxBytes)]);
          return await readAll(handle.createReadStream({ autoClose: false }), maxBytes, p);
        } finally {
          await handle.close();
        }
      } catch (error) {
        throw error instanceof PackProblemError ? error : unreadable(p, error);
      }
    },
    openStream,
    openReader,
    close: () => Promise.resolve(),
  };
}

function symlink(rel: string): PackProblem {
  const path = printableName(rel);
  return problem('archive.symlink', path, { path });
}

function unreadable(path: string, error: unknown): PackProblemError {
  return new PackProblemError([problem('source.unreadable', path, { path, detail: describeError(error) })]);
}

function failedStream(error: Error): Readable {
  const out = new PassThrough();
  process.nextTick(() => out.destroy(error));
  return out;
}
