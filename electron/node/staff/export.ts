/**
 * Staff export: visitor analytics (every event of the chosen days, and the check-ins among them),
 * installed packs, a health snapshot and the kiosk log, as CSV
 * files in one new folder on the USB stick. The folder appears complete or not at all: files are
 * written and fsynced in a hidden `.…partial-…` folder that is renamed into place at the end, and
 * removed if anything fails (a stick pulled out mid-way leaves at most that hidden folder).
 */
import { randomBytes } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { ANALYTICS_CSV_HEADER, analyticsCsvRow } from '../../shared/analytics';
import type { AnalyticsEvent } from '../../shared/analytics';
import { checkInsByDay } from '../analytics/analytics-log';
import { writeFileDurable } from '../fs/atomic';
import type { FsOps } from '../fs/fs-ops';
import { nodeFsOps } from '../fs/fs-ops';
import type { CsvCell } from './csv';
import { toCsv } from './csv';
import { logFiles, readLogTail } from './log-read';

export type ExportPack = {
  ref: string;
  id: string;
  version: string;
  title: Record<string, string> | null;
  role: 'current' | 'previous' | null;
  files: number;
  bytes: number;
};

export type ExportOptions = {
  /** Folder on the stick that receives the export folder. */
  targetDir: string;
  /** The kiosk's JSON-lines log (its rotated predecessor `<file>.1` is exported too). */
  logFile: string;
  /** The days exported (local, inclusive) and their analytics events. */
  range: { from: string; to: string };
  events: readonly AnalyticsEvent[];
  /** Extra files of the export (the health log). */
  extra?: readonly CsvFile[];
  /** A place's name in both languages, from the pack on screen (empty when unknown). */
  placeName: (id: string) => { 'zh-Hans': string; en: string };
  packs: readonly ExportPack[];
  /** Key/value rows of the health snapshot. */
  health: readonly (readonly [string, CsvCell])[];
  now?: Date;
  ops?: FsOps;
  /** Most bytes read from each log file. */
  maxLogBytes?: number;
};

export type ExportResult = { dir: string; files: { name: string; rows: number }[] };

const pad = (n: number): string => String(n).padStart(2, '0');

/** `hall-kiosk-export-20260301-143005`, in the kiosk's local time (what staff read on the clock). */
export function exportFolderName(now: Date): string {
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `hall-kiosk-export-${date}-${time}`;
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

export type CsvFile = { name: string; header: string[]; rows: CsvCell[][] };

async function logCsv(files: readonly string[], maxBytes: number): Promise<CsvFile> {
  const rows: CsvCell[][] = [];
  for (const file of files) {
    for (const r of await readLogTail(file, maxBytes)) {
      const details = Object.keys(r.data).length > 0 ? JSON.stringify(r.data) : '';
      rows.push([r.time, r.level, r.msg, details.length > 4000 ? `${details.slice(0, 4000)}…` : details]);
    }
  }
  return { name: 'kiosk-log.csv', header: ['time', 'level', 'message', 'details'], rows };
}

/** Writes the export; throws (with nothing left but possibly a hidden partial folder) on failure. */
export async function writeStaffExport(options: ExportOptions): Promise<ExportResult> {
  const ops = options.ops ?? nodeFsOps;
  const now = options.now ?? new Date();
  const maxLogBytes = options.maxLogBytes ?? 8 * 1024 * 1024;

  const inRange = options.events.filter((e) => {
    const day = analyticsCsvRow(e)[1] as string;
    return day >= options.range.from && day <= options.range.to;
  });
  const checkIns = checkInsByDay(inRange);
  const byDay: CsvFile = {
    name: 'checkins-by-day.csv',
    header: ['date', 'place_id', 'place_zh', 'place_en', 'groups', 'people'],
    rows: [...checkIns]
      .sort((a, b) => (a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([place, day, groups, people]) => {
        const name = options.placeName(place);
        return [day, place, name['zh-Hans'], name.en, groups, people];
      }),
  };
  const totalsByPlace = new Map<string, [number, number]>();
  for (const [place, , groups, people] of checkIns) {
    const t = totalsByPlace.get(place) ?? [0, 0];
    totalsByPlace.set(place, [t[0] + groups, t[1] + people]);
  }
  const totals: CsvFile = {
    name: 'checkins-total.csv',
    header: ['place_id', 'place_zh', 'place_en', 'groups', 'people'],
    rows: [...totalsByPlace.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([place, [groups, people]]) => {
        const name = options.placeName(place);
        return [place, name['zh-Hans'], name.en, groups, people];
      }),
  };
  const analytics: CsvFile = {
    name: 'analytics-events.csv',
    header: [...ANALYTICS_CSV_HEADER],
    rows: inRange.map(analyticsCsvRow),
  };
  const packs: CsvFile = {
    name: 'packs.csv',
    header: ['ref', 'id', 'version', 'title_zh', 'title_en', 'role', 'files', 'bytes'],
    rows: options.packs.map((p) => [
      p.ref,
      p.id,
      p.version,
      p.title?.['zh-Hans'] ?? '',
      p.title?.['en'] ?? '',
      p.role ?? '',
      p.files,
      p.bytes,
    ]),
  };
  const health: CsvFile = {
    name: 'health.csv',
    header: ['key', 'value'],
    rows: [
      ['exported_at', now.toISOString()],
      ...options.health.map(([k, v]) => [k, v]),
      ['analytics_from', options.range.from],
      ['analytics_to', options.range.to],
    ],
  };
  const log = await logCsv(logFiles(options.logFile), maxLogBytes);
  const documents = [analytics, byDay, totals, packs, health, log, ...(options.extra ?? [])];

  const base = exportFolderName(now);
  let finalName = base;
  for (let n = 2; await exists(path.join(options.targetDir, finalName)); n += 1) finalName = `${base}-${n}`;
  const finalDir = path.join(options.targetDir, finalName);
  const staging = path.join(options.targetDir, `.${finalName}.partial-${randomBytes(4).toString('hex')}`);

  await ops.mkdir(staging);
  try {
    for (const doc of documents) {
      await writeFileDurable(
        ops,
        path.join(staging, doc.name),
        Buffer.from(toCsv(doc.header, doc.rows), 'utf8'),
      );
    }
    await ops.syncDir(staging);
    await ops.rename(staging, finalDir);
  } catch (error) {
    await ops.rm(staging).catch(() => undefined);
    throw error;
  }
  // The folder is in place; a failed directory flush on a stick is not worth failing the export.
  await ops.syncDir(options.targetDir).catch(() => undefined);
  return { dir: finalDir, files: documents.map((d) => ({ name: d.name, rows: d.rows.length })) };
}
