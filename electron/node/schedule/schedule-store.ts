/**
 * `schedule.json` in the data folder: read, and changed under `schedule.lock` (the kiosk and a
 * technician's `hallpack schedule` may both write it), each write atomic (temp, fsync, rename).
 * A damaged file is never overwritten: reads report it and writes refuse, so nothing is lost.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkNewEntry, scheduleEntryNotFound, scheduleFileSchema } from '../../shared/schedule';
import type { ScheduleEntry, ScheduleFile, ScheduleRefusal } from '../../shared/schedule';
import { replaceJsonAtomic } from '../fs/atomic';
import { errnoCode, nodeFsOps } from '../fs/fs-ops';
import { acquireLock } from '../pack/store/lock';

export const SCHEDULE_FILE = 'schedule.json';
const SCHEDULE_LOCK = 'schedule.lock';

export type ScheduleRead = { ok: true; file: ScheduleFile } | { ok: false; problem: string };

export async function readSchedule(dataDir: string): Promise<ScheduleRead> {
  const path = join(dataDir, SCHEDULE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { ok: true, file: { entries: [] } };
    return { ok: false, problem: `${path}: unreadable (${(error as Error).message})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `${path}: not valid JSON (${(error as Error).message}); fix or remove it` };
  }
  const parsed = scheduleFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      problem: `${path}: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}; fix or remove it`,
    };
  }
  return { ok: true, file: parsed.data };
}

export type ScheduleUpdate<T> =
  { ok: true; value: T } | { ok: false; problem: string; refusal?: ScheduleRefusal };

/**
 * Runs `change` on the current file under the lock and writes what it returns. `change` returns
 * `null` to write nothing.
 */
export async function updateSchedule<T>(
  dataDir: string,
  change: (
    file: ScheduleFile,
  ) => Promise<{ file: ScheduleFile | null; value: T } | { refusal: ScheduleRefusal }>,
): Promise<ScheduleUpdate<T>> {
  const locked = await acquireLock(nodeFsOps, join(dataDir, SCHEDULE_LOCK));
  if (!locked.ok)
    return { ok: false, problem: `${join(dataDir, SCHEDULE_LOCK)}: ${locked.problem.message.en}` };
  try {
    const read = await readSchedule(dataDir);
    if (!read.ok) return read;
    const result = await change(read.file);
    if ('refusal' in result)
      return { ok: false, problem: result.refusal.message.en, refusal: result.refusal };
    if (result.file) await replaceJsonAtomic(nodeFsOps, join(dataDir, SCHEDULE_FILE), result.file);
    return { ok: true, value: result.value };
  } finally {
    await locked.lock.release();
  }
}

export type NewEntry = { ref: string; at: string; until?: string | undefined };

/** Adds an entry after `checkNewEntry` (installed, not overlapping, in the future). */
export function addScheduleEntry(
  dataDir: string,
  entry: NewEntry,
  context: { installed: () => Promise<readonly string[]>; now: Date },
): Promise<ScheduleUpdate<ScheduleEntry>> {
  return updateSchedule(dataDir, async (file) => {
    const refusal = checkNewEntry(entry, {
      entries: file.entries,
      installed: await context.installed(),
      now: context.now,
    });
    if (refusal) return { refusal };
    let id = randomBytes(4).toString('hex');
    while (file.entries.some((e) => e.id === id)) id = randomBytes(4).toString('hex');
    const added: ScheduleEntry = {
      id,
      ref: entry.ref,
      at: entry.at.replace(' ', 'T'),
      ...(entry.until !== undefined ? { until: entry.until.replace(' ', 'T') } : {}),
      status: 'pending',
    };
    return { file: { entries: [...file.entries, added] }, value: added };
  });
}

/** Removes an entry by id. An active entry's pack stays on screen (roll back to leave it). */
export function removeScheduleEntry(dataDir: string, id: string): Promise<ScheduleUpdate<ScheduleEntry>> {
  return updateSchedule(dataDir, (file) => {
    const found = file.entries.find((e) => e.id === id);
    if (!found) return Promise.resolve({ refusal: scheduleEntryNotFound(id) });
    return Promise.resolve({ file: { entries: file.entries.filter((e) => e.id !== id) }, value: found });
  });
}
