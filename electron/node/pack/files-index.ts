/**
 * The `files` index of a pack: path → size and SHA-256 of every file except `pack.json` and
 * `pack.sig`. `indexPackFolder` computes it from an author's folder (for `hallpack build`);
 * `verifyPackFiles` checks a pack source against it (for `hallpack validate` and the store).
 *
 * Folder policy (authoring side; the store's source reader has its own, stricter, checks):
 * - symbolic links and special files are refused (`files.symlink`, `files.special`);
 * - operating-system clutter (`.DS_Store`, `._*`, `Thumbs.db`, `desktop.ini`, `.Spotlight-V100`,
 *   `.Trashes`, `.fseventsd`) is ignored, every other hidden file or folder is refused
 *   (`files.hidden`), so nothing like `.env` or `.git` ships by accident;
 * - names must be safe pack paths, and file types allowlisted (`content.forbidden-type`).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { isSafePackPath } from '../../shared/pack-schema';
import type { FileEntry } from '../../shared/pack-schema';
import {
  ALLOWED_FILE_EXTENSIONS,
  isAllowedPackFile,
  RESERVED_PACK_FILES,
} from '../../shared/pack-references';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';

/** Most files a pack may have. */
export const MAX_PACK_FILES = 20_000;
/** Files hashed at once. */
const HASH_CONCURRENCY = 4;
const CHUNK = 1 << 20;

const JUNK_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', 'ehthumbs.db']);
const JUNK_DIRS = new Set([
  '.spotlight-v100',
  '.trashes',
  '.fseventsd',
  '.temporaryitems',
  '.documentrevisions-v100',
]);

/** True for operating-system clutter that is never part of a pack (any folder level). */
export function isIgnorableJunk(path: string): boolean {
  for (const segment of path.split('/')) {
    const lower = segment.toLowerCase();
    if (JUNK_FILES.has(lower) || JUNK_DIRS.has(lower) || segment.startsWith('._')) return true;
  }
  return false;
}

/** Size and SHA-256 of a stream. Rejects with the stream's error. */
export async function hashStream(stream: Readable): Promise<FileEntry> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Size and SHA-256 of a file, read in 1 MiB chunks. */
export function hashFile(path: string): Promise<FileEntry> {
  return hashStream(createReadStream(path, { highWaterMark: CHUNK }));
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const k = next++;
      results[k] = await fn(items[k] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const describe = (e: unknown): string =>
  e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);

export type FolderIndex = {
  files: Record<string, FileEntry>;
  totalBytes: number;
  /** OS clutter that was skipped. */
  ignored: string[];
};

export type FolderIndexResult = ({ ok: true } & FolderIndex) | { ok: false; problems: PackProblem[] };

/**
 * Walks an author's pack folder and computes the `files` index (sorted by path). Refuses
 * symlinks, special files, hidden files, unsafe names and forbidden types. Never throws.
 * `hash` computes one file's entry (the authoring preview passes one that remembers unchanged files).
 */
export async function indexPackFolder(
  root: string,
  hash: (path: string) => Promise<FileEntry> = hashFile,
): Promise<FolderIndexResult> {
  const problems: PackProblem[] = [];
  const found: string[] = [];
  const ignored: string[] = [];

  const walk = async (rel: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(rel === '' ? root : join(root, rel))).sort(byPath);
    } catch (e) {
      problems.push(problem('files.read-error', rel || '.', { path: rel || '.', detail: describe(e) }));
      return;
    }
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      if (rel === '' && RESERVED_PACK_FILES.includes(name)) continue;
      if (isIgnorableJunk(path)) {
        ignored.push(path);
        continue;
      }
      let st;
      try {
        st = await lstat(join(root, path));
      } catch (e) {
        problems.push(problem('files.read-error', path, { path, detail: describe(e) }));
        continue;
      }
      if (st.isSymbolicLink()) {
        problems.push(problem('files.symlink', path, { path }));
        continue;
      }
      if (name.startsWith('.')) {
        problems.push(problem('files.hidden', path, { path }));
        continue;
      }
      if (!isSafePackPath(path) || name.normalize('NFC') !== name) {
        problems.push(problem('files.unsafe-path', path, { path }));
        continue;
      }
      if (st.isDirectory()) {
        await walk(path);
        continue;
      }
      if (!st.isFile()) {
        problems.push(problem('files.special', path, { path }));
        continue;
      }
      if (!isAllowedPackFile(path)) {
        problems.push(
          problem('content.forbidden-type', path, { path, allowed: ALLOWED_FILE_EXTENSIONS.join(', ') }),
        );
        continue;
      }
      found.push(path);
      if (found.length > MAX_PACK_FILES) {
        problems.push(problem('files.too-many', root, { max: MAX_PACK_FILES }));
        return;
      }
    }
  };

  try {
    await walk('');
    if (problems.length > 0) return { ok: false, problems };
    found.sort(byPath);
    const folded = new Map<string, string>();
    for (const path of found) {
      const key = path.toLowerCase();
      const other = folded.get(key);
      if (other !== undefined) problems.push(problem('files.case-collision', path, { path, other }));
      folded.set(key, path);
    }
    if (problems.length > 0) return { ok: false, problems };
    const entries = await mapLimit(found, HASH_CONCURRENCY, async (path) => {
      try {
        return { path, entry: await hash(join(root, path)) };
      } catch (e) {
        problems.push(problem('files.read-error', path, { path, detail: describe(e) }));
        return { path, entry: undefined };
      }
    });
    if (problems.length > 0) return { ok: false, problems };
    const files: Record<string, FileEntry> = {};
    let totalBytes = 0;
    for (const { path, entry } of entries) {
      if (!entry) continue;
      files[path] = entry;
      totalBytes += entry.size;
    }
    return { ok: true, files, totalBytes, ignored };
  } catch (e) {
    return { ok: false, problems: [problem('files.read-error', root, { path: root, detail: describe(e) })] };
  }
}

/** What `verifyPackFiles` needs of a pack source (a folder or an archive). */
export type VerifiableSource = {
  entries: readonly { path: string; size: number }[];
  openStream(path: string): Readable;
};

export type VerifyFilesOptions = {
  /** Check sizes only (quick boot check); hashes are skipped. */
  sizesOnly?: boolean;
  /** Called after each file is checked, for progress output. */
  onFile?: (path: string, bytes: number) => void;
};

/**
 * Checks a source against the `files` index: every listed file present with its size and
 * SHA-256 (`files.missing`, `files.size-mismatch`, `files.hash-mismatch`), and files present
 * but not listed (`files.unlisted`, a warning — they are never served). Never throws.
 */
export async function verifyPackFiles(
  source: VerifiableSource,
  files: Readonly<Record<string, FileEntry>>,
  options: VerifyFilesOptions = {},
): Promise<PackProblem[]> {
  const problems: PackProblem[] = [];
  const present = new Map(source.entries.map((e) => [e.path, e.size]));
  for (const { path } of source.entries) {
    if (RESERVED_PACK_FILES.includes(path) || isIgnorableJunk(path)) continue;
    if (!Object.hasOwn(files, path)) problems.push(problem('files.unlisted', path, { path }));
  }
  const toHash: [string, FileEntry][] = [];
  for (const path of Object.keys(files).sort(byPath)) {
    const expected = files[path];
    if (!expected) continue;
    const size = present.get(path);
    if (size === undefined) problems.push(problem('files.missing', path, { path }));
    else if (size !== expected.size) {
      problems.push(problem('files.size-mismatch', path, { path, expected: expected.size, actual: size }));
    } else if (!options.sizesOnly) toHash.push([path, expected]);
  }
  await mapLimit(toHash, HASH_CONCURRENCY, async ([path, expected]) => {
    try {
      const actual = await hashStream(source.openStream(path));
      if (actual.size !== expected.size) {
        problems.push(
          problem('files.size-mismatch', path, { path, expected: expected.size, actual: actual.size }),
        );
      } else if (actual.sha256 !== expected.sha256)
        problems.push(problem('files.hash-mismatch', path, { path }));
      options.onFile?.(path, actual.size);
    } catch (e) {
      const carried = (e as { problems?: unknown }).problems;
      if (Array.isArray(carried) && carried.length > 0) problems.push(...(carried as PackProblem[]));
      else problems.push(problem('files.read-error', path, { path, detail: describe(e) }));
    }
  });
  const order = (p: PackProblem) => p.file;
  return problems.sort((a, b) => byPath(order(a), order(b)));
}
