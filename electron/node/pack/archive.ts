/**
 * Reading a `.hallpack` (zip) safely, and the entry-name rules shared with folder sources.
 *
 * The central directory is read completely and every entry is judged BEFORE any byte is
 * extracted: names (absolute, drive letters, `..`, backslashes, control characters, Windows-
 * hostile names, length in bytes), kinds (symlinks and special files from Unix attributes),
 * duplicates and case/Unicode collisions, and sizes (per entry, total, compression ratio, count).
 * Extraction then trusts only what was judged: yauzl's `validateEntrySizes` stops a stream that
 * inflates past its declared size, and the store hashes every byte it copies.
 */
import { stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import { isSafePackPath } from '../../shared/pack-schema';
import { PackProblemError } from './store/problem-error';
import type { PackSource, PackSourceEntry, SourceLimits } from './source';

// ---------------------------------------------------------------------------------------------
// Entry names

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
// Bidirectional overrides and isolates make a name display differently from what it is.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const WINDOWS_FORBIDDEN = /[<>"|?*]/;

/** A name made safe to print in a message: control characters shown as \u escapes. */
export function printableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return escaped.length > 300 ? `${escaped.slice(0, 300)}…` : escaped;
}

/**
 * The problem with an entry name, or null when it is a safe relative pack path.
 * `name` is the decoded name without a trailing `/` for directories.
 */
export function entryNameProblem(name: string, maxPathBytes: number): PackProblem | null {
  const path = printableName(name);
  const invalid = (reason: string, reasonZh: string) =>
    problem('archive.invalid-name', path, { path, reason, reasonZh });
  if (name.length === 0) return invalid('empty name', '名称为空');
  if (/^[A-Za-z]:/.test(name) || name.startsWith('/') || name.startsWith('\\')) {
    return problem('archive.absolute-path', path, { path });
  }
  const segments = name.split(/[\\/]/);
  if (segments.includes('..')) return problem('archive.traversal', path, { path });
  if (name.includes('\\')) return problem('archive.backslash', path, { path });
  if (CONTROL_CHARS.test(name)) return invalid('NUL or control character', '含有 NUL 或控制字符');
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > maxPathBytes) return problem('archive.path-too-long', path, { path, bytes, max: maxPathBytes });
  for (const segment of segments) {
    const reason = segmentProblem(segment);
    if (reason) return invalid(reason.en, reason.zh);
  }
  if (!isSafePackPath(name)) return invalid('not a valid pack path', '不是有效的内容包路径');
  return null;
}

function segmentProblem(segment: string): { en: string; zh: string } | null {
  if (segment === '') return { en: 'empty folder name ("//")', zh: '含有空的文件夹名（“//”）' };
  if (segment === '.') return { en: '"." folder', zh: '含有“.”目录' };
  if (segment.includes(':')) return { en: 'colon', zh: '含有冒号' };
  if (WINDOWS_FORBIDDEN.test(segment)) return { en: 'one of < > " | ? *', zh: '含有 < > " | ? * 之一' };
  if (/[. ]$/.test(segment)) return { en: 'ends with a dot or space', zh: '以点或空格结尾' };
  if (WINDOWS_RESERVED.test(segment))
    return { en: 'reserved device name on Windows', zh: 'Windows 保留设备名' };
  if (BIDI_CONTROLS.test(segment))
    return { en: 'invisible text-direction character', zh: '含有隐藏的文字方向控制符' };
  return null;
}

/** Key under which two names would land on the same file on Windows or macOS. */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Tracks names as they are judged: exact duplicates, case/Unicode collisions, and a file that
 * clashes with a folder of the same name (`a` and `a/b`).
 */
export class NameRegistry {
  private readonly exact = new Set<string>();
  private readonly folded = new Map<string, string>();
  private readonly fileKeys = new Map<string, string>();
  private readonly dirKeys = new Map<string, string>();

  /** Registers a file (or, with `isDir`, a folder); returns the problem if it clashes. */
  add(name: string, isDir = false): PackProblem | null {
    const path = printableName(name);
    const key = collisionKey(name);
    if (isDir) {
      if (this.fileKeys.has(key)) return problem('archive.duplicate', path, { path });
      this.dirKeys.set(key, name);
      return null;
    }
    if (this.exact.has(name)) return problem('archive.duplicate', path, { path });
    const other = this.folded.get(key);
    if (other !== undefined) {
      return problem('archive.case-collision', path, { path, other: printableName(other) });
    }
    if (this.dirKeys.has(key)) return problem('archive.duplicate', path, { path });
    // Each ancestor folder must not be a file.
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i += 1) {
      const ancestor = parts.slice(0, i).join('/');
      const clash = this.fileKeys.get(ancestor);
      if (clash !== undefined)
        return problem('archive.duplicate', printableName(clash), { path: printableName(clash) });
      this.dirKeys.set(ancestor, ancestor);
    }
    this.exact.add(name);
    this.folded.set(key, name);
    this.fileKeys.set(key, name);
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Zip

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/** MS-DOS directory attribute in the low byte of the external attributes. */
const DOS_DIRECTORY = 0x10;

/** Stop collecting after this many problems: one hostile archive need not list a million. */
const MAX_PROBLEMS = 50;

type ZipEntryRecord = { entry: Entry; size: number };

function corrupt(label: string, error: unknown): PackProblemError {
  const detail = error instanceof Error ? error.message : String(error);
  return new PackProblemError([problem('archive.corrupt', label, { detail })]);
}

/** Opens a `.hallpack` file on disk. Throws `PackProblemError` when it is refused. */
export async function openArchiveFile(path: string, limits: SourceLimits): Promise<PackSource> {
  let fileSize: number;
  try {
    fileSize = (await stat(path)).size;
  } catch (error) {
    throw corrupt(path, error);
  }
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, zipOptions, (error, zipfile) => {
      if (error) reject(corrupt(path, error));
      else resolve(zipfile);
    });
  });
  return openZip(zip, path, fileSize, limits);
}

/** Opens a zip held in memory (tests and fuzzing). Throws `PackProblemError` when refused. */
export async function openArchiveBuffer(
  buffer: Buffer,
  label: string,
  limits: SourceLimits,
): Promise<PackSource> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(buffer, zipOptions, (error, zipfile) => {
      if (error) reject(corrupt(label, error));
      else resolve(zipfile);
    });
  });
  return openZip(zip, label, buffer.length, limits);
}

const zipOptions = {
  lazyEntries: true,
  autoClose: false,
  // Raw names: we decode and judge them ourselves (yauzl would silently turn "\" into "/").
  decodeStrings: false,
  validateEntrySizes: true,
  strictFileNames: true,
} as const;

async function openZip(
  zip: ZipFile,
  label: string,
  fileSize: number,
  limits: SourceLimits,
): Promise<PackSource> {
  let records: Map<string, ZipEntryRecord>;
  try {
    records = await judgeEntries(zip, label, fileSize, limits);
  } catch (error) {
    zip.close();
    throw error;
  }
  return makeZipSource(zip, label, records, limits);
}

function judgeEntries(
  zip: ZipFile,
  label: string,
  fileSize: number,
  limits: SourceLimits,
): Promise<Map<string, ZipEntryRecord>> {
  const problems: PackProblem[] = [];
  const records = new Map<string, ZipEntryRecord>();
  const names = new NameRegistry();
  const offsets = new Set<number>();
  let count = 0;
  let total = 0;
  let compressedTotal = 0;

  if (zip.entryCount > limits.maxFiles) {
    return Promise.reject(
      new PackProblemError([problem('archive.too-many-files', label, { max: limits.maxFiles })]),
    );
  }

  const judge = (entry: Entry): 'continue' | 'stop' => {
    count += 1;
    if (count > limits.maxFiles) {
      problems.push(problem('archive.too-many-files', label, { max: limits.maxFiles }));
      return 'stop';
    }
    const raw = entry.fileName as unknown as Buffer;
    let name: string;
    try {
      name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
    } catch (error) {
      problems.push(corrupt(label, error).problems[0]!);
      return 'stop';
    }
    const unixMode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    const isDir =
      name.endsWith('/') ||
      unixMode === S_IFDIR ||
      (unixMode === 0 && (entry.externalFileAttributes & DOS_DIRECTORY) !== 0);
    const bare = name.endsWith('/') ? name.slice(0, -1) : name;
    const shown = printableName(bare);

    const nameProblem = entryNameProblem(bare, limits.maxPathBytes);
    if (nameProblem) {
      problems.push(nameProblem);
      return 'continue';
    }
    // S_IFLNK and every other non-regular kind (fifo, device, socket).
    if (unixMode !== 0 && unixMode !== S_IFREG && unixMode !== S_IFDIR) {
      problems.push(problem('archive.symlink', shown, { path: shown }));
      return 'continue';
    }
    if (isDir) {
      if (entry.uncompressedSize !== 0) {
        problems.push(corrupt(label, new Error(`folder entry "${shown}" has content`)).problems[0]!);
        return 'continue';
      }
      const clash = names.add(bare, true);
      if (clash) problems.push(clash);
      return 'continue';
    }
    if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
      problems.push(problem('archive.unsupported', shown, { path: shown, detail: 'encrypted' }));
      return 'continue';
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      problems.push(
        problem('archive.unsupported', shown, {
          path: shown,
          detail: `compression method ${entry.compressionMethod}`,
        }),
      );
      return 'continue';
    }
    const clash = names.add(bare);
    if (clash) {
      problems.push(clash);
      return 'continue';
    }
    const size = entry.uncompressedSize;
    if (size > limits.maxEntryBytes) {
      problems.push(tooLarge(shown, size, limits.maxEntryBytes));
      return 'continue';
    }
    total += size;
    compressedTotal += entry.compressedSize;
    if (total > limits.maxTotalBytes) {
      problems.push(tooLarge(label, total, limits.maxTotalBytes, 'in total'));
      return 'stop';
    }
    if (size >= limits.ratioMinBytes) {
      const ratio = size / Math.max(1, entry.compressedSize);
      if (ratio > limits.maxRatio) {
        problems.push(
          problem('archive.ratio-bomb', shown, {
            path: shown,
            ratio: Math.round(ratio),
            max: limits.maxRatio,
          }),
        );
        return 'continue';
      }
    }
    // Overlapping entries (several names sharing one compressed stream) are a classic bomb.
    if (offsets.has(entry.relativeOffsetOfLocalHeader) || compressedTotal > fileSize) {
      problems.push(corrupt(label, new Error(`entry "${shown}" overlaps another entry`)).problems[0]!);
      return 'stop';
    }
    offsets.add(entry.relativeOffsetOfLocalHeader);
    records.set(bare, { entry, size });
    return 'continue';
  };

  return new Promise((resolve, reject) => {
    const finish = (error?: unknown) => {
      zip.removeAllListeners('entry');
      zip.removeAllListeners('end');
      zip.removeAllListeners('error');
      // A late error from the reader must not become an uncaught exception.
      zip.on('error', () => undefined);
      // Many entries each just under the per-entry threshold add up to the same bomb.
      if (error === undefined && problems.length === 0 && total >= limits.ratioMinBytes * 16) {
        const ratio = total / Math.max(1, compressedTotal);
        if (ratio > limits.maxRatio) {
          problems.push(
            problem('archive.ratio-bomb', label, {
              path: label,
              ratio: Math.round(ratio),
              max: limits.maxRatio,
            }),
          );
        }
      }
      if (error !== undefined) reject(error instanceof PackProblemError ? error : corrupt(label, error));
      else if (problems.length > 0) reject(new PackProblemError(problems));
      else resolve(records);
    };
    zip.on('entry', (entry: Entry) => {
      let verdict: 'continue' | 'stop';
      try {
        verdict = judge(entry);
      } catch (error) {
        finish(error);
        return;
      }
      if (verdict === 'stop' || problems.length >= MAX_PROBLEMS) finish();
      else zip.readEntry();
    });
    zip.on('end', () => finish());
    zip.on('error', (error: unknown) => finish(error));
    zip.readEntry();
  });
}

function makeZipSource(
  zip: ZipFile,
  label: string,
  records: Map<string, ZipEntryRecord>,
  limits: SourceLimits,
): PackSource {
  const entries: PackSourceEntry[] = [...records.entries()]
    .map(([path, r]) => ({ path, size: r.size }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let closed = false;

  const lookup = (p: string): ZipEntryRecord => {
    const record = records.get(p);
    if (!record) throw new PackProblemError([problem('files.missing', p, { path: p })]);
    return record;
  };

  const openStream = (p: string): Readable => {
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    let record: ZipEntryRecord;
    try {
      record = lookup(p);
    } catch (error) {
      process.nextTick(() => out.destroy(error as Error));
      return out;
    }
    if (closed) {
      process.nextTick(() => out.destroy(new Error('pack source is closed')));
      return out;
    }
    zip.openReadStream(record.entry, (error, stream) => {
      if (error) {
        out.destroy(corrupt(label, error));
        return;
      }
      stream.on('error', (e: unknown) => out.destroy(corrupt(label, e)));
      out.on('close', () => {
        if (!stream.readableEnded) stream.destroy();
      });
      stream.pipe(out);
    });
    return out;
  };

  return {
    kind: 'archive',
    path: label,
    entries,
    has: (p) => records.has(p),
    sizeOf: (p) => records.get(p)?.size,
    async readFile(p, maxBytes = limits.maxReadFileBytes) {
      const record = lookup(p);
      if (record.size > maxBytes) {
        throw new PackProblemError([tooLarge(p, record.size, maxBytes)]);
      }
      return readAll(openStream(p), maxBytes, p);
    },
    openStream,
    close() {
      if (!closed) {
        closed = true;
        zip.close();
      }
      return Promise.resolve();
    },
  };
}

/** `archive.too-large` with a language-neutral detail: `media/a.mp4: 5000000000 > 4294967296 bytes`. */
export function tooLarge(file: string, size: number, max: number, what = ''): PackProblem {
  return problem('archive.too-large', file, {
    detail: `${file}${what ? ` ${what}` : ''}: ${size} > ${max} bytes`,
  });
}

/** Reads a stream into memory, refusing more than `maxBytes`. */
export async function readAll(stream: Readable, maxBytes: number, label: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    length += buf.length;
    if (length > maxBytes) {
      stream.destroy();
      throw new PackProblemError([tooLarge(label, length, maxBytes)]);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, length);
}
