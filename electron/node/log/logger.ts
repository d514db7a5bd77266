/**
 * JSON-lines logger for the Node side (pack store, request handler, hall server, Electron main).
 *
 * One line per entry: `{"time":"…","level":"warn","msg":"…", …data}`. Writes are synchronous
 * appends so a crash never loses the line that explains it; volume is low (refusals, recoveries,
 * health samples), not one line per request. Logging never throws into the caller.
 */
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogData = Record<string, unknown>;

export type Logger = {
  info(msg: string, data?: LogData): void;
  warn(msg: string, data?: LogData): void;
  error(msg: string, data?: LogData): void;
};

export type LogEntry = { time: string; level: LogLevel; msg: string; data: LogData };

export type LoggerOptions = {
  /** Append JSON lines to this file (parent folders are created). */
  file?: string;
  /** Also (or instead) write to this stream. Without `file` and `stream`, lines go to stderr. */
  stream?: NodeJS.WritableStream;
  /** Lowest level written; default `info`. */
  level?: LogLevel;
  /** Rotate `file` to `file.1` when it grows past this many bytes; default 10 MiB, 0 = never. */
  maxBytes?: number;
  /** Injected clock for tests. */
  now?: () => Date;
};

export type FileLogger = Logger & { close(): void };

const LEVEL_RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2 };
const RESERVED_KEYS = new Set(['time', 'level', 'msg']);
const MAX_LINE_CHARS = 16_384;

/** A logger that drops everything (default for library code when no logger is passed). */
export const nullLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Turns values JSON cannot carry (errors, bigints, cycles) into something readable. */
function toJsonable(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const out: LogData = { name: value.name, message: value.message };
    const code = (value as Error & { code?: unknown }).code;
    if (code !== undefined) out.code = toJsonable(code, seen, depth + 1);
    if (value.stack) out.stack = value.stack;
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => toJsonable(v, seen, depth + 1));
  const out: LogData = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonable(v, seen, depth + 1);
  return out;
}

/** The JSON line for an entry (no trailing newline). Data keys never overwrite time/level/msg. */
export function formatLogLine(entry: LogEntry): string {
  const record: LogData = { time: entry.time, level: entry.level, msg: entry.msg };
  const seen = new WeakSet<object>();
  for (const [k, v] of Object.entries(entry.data)) {
    record[RESERVED_KEYS.has(k) ? `data.${k}` : k] = toJsonable(v, seen, 0);
  }
  const line = JSON.stringify(record);
  if (line.length <= MAX_LINE_CHARS) return line;
  return JSON.stringify({
    time: entry.time,
    level: entry.level,
    msg: entry.msg,
    truncated: line.slice(0, MAX_LINE_CHARS),
  });
}

/** A JSON-lines logger writing to a file and/or a stream (stderr by default). */
export function createLogger(opts: LoggerOptions = {}): FileLogger {
  const minRank = LEVEL_RANK[opts.level ?? 'info'];
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const now = opts.now ?? (() => new Date());
  const stream = opts.stream ?? (opts.file === undefined ? process.stderr : undefined);
  const file = opts.file;
  let fd: number | undefined;
  let size = 0;
  let failed = false;

  const openFile = (path: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, 'a');
    size = statSync(path).size;
  };

  const writeFile = (line: string): void => {
    if (file === undefined || failed) return;
    try {
      if (fd === undefined) openFile(file);
      if (maxBytes > 0 && size + line.length > maxBytes && size > 0 && fd !== undefined) {
        closeSync(fd);
        fd = undefined;
        renameSync(file, `${file}.1`);
        openFile(file);
      }
      if (fd !== undefined) size += writeSync(fd, line);
    } catch (error) {
      // A logger that cannot write must not take the app down; say so once on stderr.
      failed = true;
      const note = formatLogLine({
        time: now().toISOString(),
        level: 'error',
        msg: 'log file not writable',
        data: { file, error },
      });
      (stream ?? process.stderr).write(`${note}\n`);
    }
  };

  const write = (level: LogLevel, msg: string, data?: LogData): void => {
    if (LEVEL_RANK[level] < minRank) return;
    const line = `${formatLogLine({ time: now().toISOString(), level, msg, data: data ?? {} })}\n`;
    writeFile(line);
    if (stream) {
      try {
        stream.write(line);
      } catch {
        // Closed stream: nothing sensible left to do.
      }
    }
  };

  return {
    info: (msg, data) => write('info', msg, data),
    warn: (msg, data) => write('warn', msg, data),
    error: (msg, data) => write('error', msg, data),
    close: () => {
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // Already closed.
        }
        fd = undefined;
      }
    },
  };
}

export type MemoryLogger = Logger & {
  readonly entries: LogEntry[];
  /** Entries whose message or any string data value contains `text`. */
  find(text: string): LogEntry[];
  clear(): void;
};

/** Records entries in memory; for tests that assert a log line was written. */
export function memoryLogger(): MemoryLogger {
  const entries: LogEntry[] = [];
  const push = (level: LogLevel, msg: string, data?: LogData): void => {
    entries.push({ time: new Date().toISOString(), level, msg, data: data ?? {} });
  };
  return {
    entries,
    info: (msg, data) => push('info', msg, data),
    warn: (msg, data) => push('warn', msg, data),
    error: (msg, data) => push('error', msg, data),
    find: (text) =>
      entries.filter(
        (e) =>
          e.msg.includes(text) ||
          Object.values(e.data).some((v) => typeof v === 'string' && v.includes(text)),
      ),
    clear: () => {
      entries.length = 0;
    },
  };
}
