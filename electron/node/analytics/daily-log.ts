/**
 * A folder of JSON-lines files, one per local day (`<prefix>-YYYY-MM-DD.jsonl`), kept under a size
 * bound: the analytics and the health log both live in one. Appends are serialized, written in one
 * `write` per batch and flushed to disk (`fdatasync`), so a crash or a power cut loses at most the
 * batch being written. A batch that would pass the bound first drops the oldest days; if today's
 * file alone is at the bound the batch is dropped (and said so), never the file.
 *
 * Reading tolerates damage: a line that is not JSON (a torn last line after a power cut) or that
 * the caller's parser refuses is skipped and counted, never fatal. An append after a torn line
 * starts on a new line, so the damage stays one line.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { localDateKey } from '../../shared/hall-hours';
import { nullLogger } from '../log/logger';
import type { Logger } from '../log/logger';

export type DailyLogOptions = {
  dir: string;
  /** File name prefix: `events` → `events-2026-12-13.jsonl`. */
  prefix: string;
  /** The bound for all files together, read at every append (the config may change it). */
  maxBytes: () => number;
  now?: () => Date;
  log?: Logger;
};

export type DailyFile = { day: string; file: string; bytes: number };

export type AppendResult = { written: number; dropped: number };

export type DailyLog = {
  readonly dir: string;
  /** Appends one line per value (JSON). Never throws: a failure is logged and counted as dropped. */
  append(values: readonly unknown[]): Promise<AppendResult>;
  /** The day files, oldest first. */
  files(): Promise<DailyFile[]>;
  /**
   * Calls `each` for every record of the days in [from, to] (inclusive, `YYYY-MM-DD`) that `parse`
   * accepts, oldest file first; returns how many lines were skipped (unreadable or refused).
   */
  read<T>(
    range: { from: string; to: string },
    parse: (value: unknown) => T | null,
    each: (record: T) => void,
  ): Promise<{ skipped: number }>;
};

export function createDailyLog(options: DailyLogOptions): DailyLog {
  const log = options.log ?? nullLogger;
  const now = options.now ?? (() => new Date());
  const pattern = new RegExp(`^${options.prefix}-(\\d{4}-\\d{2}-\\d{2})\\.jsonl$`);
  let queue: Promise<unknown> = Promise.resolve();
  let warnedFullDay: string | null = null;

  async function files(): Promise<DailyFile[]> {
    let names: string[];
    try {
      names = await readdir(options.dir);
    } catch {
      return [];
    }
    const out: DailyFile[] = [];
    for (const name of names) {
      const m = pattern.exec(name);
      if (!m?.[1]) continue;
      const file = path.join(options.dir, name);
      try {
        out.push({ day: m[1], file, bytes: (await stat(file)).size });
      } catch {
        // Removed meanwhile.
      }
    }
    return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  /** Frees room for `needed` bytes by dropping the oldest days (never `today`); false if it cannot. */
  async function makeRoom(today: string, needed: number): Promise<boolean> {
    const max = options.maxBytes();
    const all = await files();
    let total = all.reduce((sum, f) => sum + f.bytes, 0);
    for (const f of all) {
      if (total + needed <= max) break;
      if (f.day >= today) continue;
      try {
        await unlink(f.file);
        total -= f.bytes;
        log.info('daily log: dropped the oldest day to stay within its bound', {
          file: path.basename(f.file),
          bytes: f.bytes,
          maxBytes: max,
        });
      } catch (error) {
        log.warn('daily log: cannot drop an old day', { file: f.file, error });
      }
    }
    return total + needed <= max;
  }

  async function appendNow(values: readonly unknown[]): Promise<AppendResult> {
    if (values.length === 0) return { written: 0, dropped: 0 };
    const today = localDateKey(now());
    const text = values.map((v) => JSON.stringify(v)).join('\n') + '\n';
    const bytes = Buffer.from(text, 'utf8');
    try {
      await mkdir(options.dir, { recursive: true, mode: 0o700 });
      if (!(await makeRoom(today, bytes.length + 1))) {
        if (warnedFullDay !== today) {
          warnedFullDay = today;
          log.warn('daily log: at its size bound for today; records are dropped until tomorrow', {
            dir: options.dir,
            prefix: options.prefix,
            maxBytes: options.maxBytes(),
          });
        }
        return { written: 0, dropped: values.length };
      }
      const file = path.join(options.dir, `${options.prefix}-${today}.jsonl`);
      const handle = await open(file, 'a+', 0o600);
      try {
        const { size } = await handle.stat();
        let data = bytes;
        if (size > 0) {
          // A torn last line (power cut mid-write) must not swallow the next record.
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) data = Buffer.concat([Buffer.from('\n'), bytes]);
        }
        await handle.write(data, 0, data.length, null);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      return { written: values.length, dropped: 0 };
    } catch (error) {
      log.error('daily log: cannot append', { dir: options.dir, prefix: options.prefix, error });
      return { written: 0, dropped: values.length };
    }
  }

  return {
    dir: options.dir,
    files,
    append(values) {
      const run = queue.then(() => appendNow(values));
      queue = run.catch(() => undefined);
      return run;
    },
    async read(range, parse, each) {
      let skipped = 0;
      for (const f of await files()) {
        if (f.day < range.from || f.day > range.to) continue;
        const lines = createInterface({
          input: createReadStream(f.file, { encoding: 'utf8' }),
          crlfDelay: Infinity,
        });
        try {
          for await (const line of lines) {
            if (line.trim() === '') continue;
            let value: unknown;
            try {
              value = JSON.parse(line);
            } catch {
              skipped += 1;
              continue;
            }
            const record = parse(value);
            if (record === null) skipped += 1;
            else each(record);
          }
        } catch (error) {
          // Removed or unreadable meanwhile: what was read counts.
          log.warn('daily log: cannot read a day', { file: f.file, error });
        }
      }
      return { skipped };
    },
  };
}
