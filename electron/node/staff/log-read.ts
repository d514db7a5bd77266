/**
 * Reading the kiosk's JSON-lines logs back (for the staff screen and the export), tolerating
 * anything: a torn last line, a line that is not JSON, a missing or rotated file. Only the tail
 * of a file is read, so a large log never costs more than `maxBytes`.
 */
import { open } from 'node:fs/promises';

export type LogRecord = { time: string; level: string; msg: string; data: Record<string, unknown> };

/** The last `maxBytes` of `file` as records, oldest first; [] when the file is missing. */
export async function readLogTail(file: string, maxBytes = 512 * 1024): Promise<LogRecord[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  let text: string;
  let partialStart: boolean;
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const length = size - start;
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, start + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    text = buffer.subarray(0, read).toString('utf8');
    partialStart = start > 0;
  } catch {
    return [];
  } finally {
    await handle.close();
  }
  const lines = text.split('\n');
  // Reading from the middle of the file: the first line is a fragment.
  if (partialStart) lines.shift();
  const records: LogRecord[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const { time, level, msg, ...data } = value as Record<string, unknown>;
    if (typeof time !== 'string' || typeof level !== 'string' || typeof msg !== 'string') continue;
    records.push({ time, level, msg, data });
  }
  return records;
}

/** A log and its rotated predecessor, oldest first (the logger rotates `file` to `file.1`). */
export function logFiles(file: string): string[] {
  return [`${file}.1`, file];
}
