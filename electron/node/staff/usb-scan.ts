/**
 * Finding packs on removable media. Staff plug in a stick and tap "Find packs"; the kiosk looks
 * on the mounted volumes — Linux `/media/<user>/<label>`, `/run/media/<user>/<label>`,
 * `/mnt/<name>`; Windows drive letters D:–Z: — or on the folders in `HALL_USB_ROOTS` (separated
 * by the platform's path delimiter; tests and unusual mounts). It never follows a symbolic link,
 * looks only a few folders deep, and stops after a bounded number of entries, so a huge or
 * hostile stick cannot stall the kiosk.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export const USB_ROOTS_ENV = 'HALL_USB_ROOTS';

export type Volume = { path: string; label: string };

export type PackCandidate = {
  path: string;
  name: string;
  kind: 'archive' | 'folder';
  bytes: number | null;
  volume: string;
};

export type ScanLimits = {
  /** Folder levels below a volume that are searched (the volume itself is level 0). */
  maxDepth: number;
  /** Directory entries looked at, over all volumes. */
  maxEntries: number;
  maxCandidates: number;
};

export const defaultScanLimits: ScanLimits = { maxDepth: 3, maxEntries: 5000, maxCandidates: 100 };

export type VolumeOptions = {
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** Explicit roots (configuration); they win over the environment and the platform defaults. */
  roots?: readonly string[];
};

// Folders a stick carries for the OS, never packs.
const SKIPPED_DIRS = new Set(['system volume information', '$recycle.bin', 'lost+found']);

async function isRealDirectory(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function childDirs(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** The roots to search: explicit roots, else `HALL_USB_ROOTS`, else the platform's mount points. */
export async function listVolumes(options: VolumeOptions = {}): Promise<Volume[]> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const override =
    options.roots && options.roots.length > 0
      ? [...options.roots]
      : (env[USB_ROOTS_ENV] ?? '')
          .split(platform === 'win32' ? ';' : ':')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  let candidates: string[];
  if (override.length > 0) {
    candidates = override.map((p) => path.resolve(p));
  } else if (platform === 'win32') {
    candidates = [];
    for (let c = 'D'.charCodeAt(0); c <= 'Z'.charCodeAt(0); c += 1)
      candidates.push(`${String.fromCharCode(c)}:\\`);
  } else {
    candidates = [];
    for (const base of ['/media', '/run/media']) {
      for (const user of await childDirs(base)) candidates.push(...(await childDirs(user)));
    }
    candidates.push(...(await childDirs('/mnt')));
  }
  const volumes: Volume[] = [];
  const seen = new Set<string>();
  for (const p of candidates) {
    if (seen.has(p) || !(await isRealDirectory(p))) continue;
    seen.add(p);
    volumes.push({ path: p, label: path.basename(p) || p });
  }
  return volumes;
}

/** True when `p` is `root` or inside it (by path, not by following anything). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The volume holding `target`, when `target` is on one and no component below the volume is a
 * symbolic link; otherwise null. Staff may only preview, install or export on a volume.
 */
export async function volumeOf(target: string, volumes: readonly Volume[]): Promise<Volume | null> {
  const resolved = path.resolve(target);
  for (const volume of volumes) {
    if (!isInside(volume.path, resolved)) continue;
    const parts = path
      .relative(volume.path, resolved)
      .split(path.sep)
      .filter((s) => s !== '');
    let current = volume.path;
    let safe = true;
    for (const part of parts) {
      current = path.join(current, part);
      try {
        if ((await lstat(current)).isSymbolicLink()) {
          safe = false;
          break;
        }
      } catch {
        safe = false;
        break;
      }
    }
    if (safe) return volume;
  }
  return null;
}

async function isRegularFile(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isFile();
  } catch {
    return false;
  }
}

/** Searches the volumes for `.hallpack` files and pack folders (a folder with pack.json). */
export async function scanVolumes(
  volumes: readonly Volume[],
  limits: ScanLimits = defaultScanLimits,
): Promise<{ candidates: PackCandidate[]; truncated: boolean }> {
  const candidates: PackCandidate[] = [];
  let entries = 0;
  let truncated = false;

  const visit = async (volume: Volume, dir: string, depth: number): Promise<void> => {
    if (truncated) return;
    if (await isRegularFile(path.join(dir, 'pack.json'))) {
      candidates.push({
        path: dir,
        name: path.basename(dir),
        kind: 'folder',
        bytes: null,
        volume: volume.path,
      });
      return;
    }
    let list: Dirent[];
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of list) {
      entries += 1;
      if (entries > limits.maxEntries || candidates.length >= limits.maxCandidates) {
        truncated = true;
        return;
      }
      // Dirent types come from the directory itself: a link is reported as a link, never followed.
      if (entry.isSymbolicLink() || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isFile() && entry.name.toLowerCase().endsWith('.hallpack')) {
        let bytes: number | null = null;
        try {
          bytes = (await lstat(full)).size;
        } catch {
          continue;
        }
        candidates.push({ path: full, name: entry.name, kind: 'archive', bytes, volume: volume.path });
      } else if (
        entry.isDirectory() &&
        depth < limits.maxDepth &&
        !SKIPPED_DIRS.has(entry.name.toLowerCase())
      ) {
        subdirs.push(full);
      }
    }
    for (const sub of subdirs) await visit(volume, sub, depth + 1);
  };

  for (const volume of volumes) await visit(volume, volume.path, 0);
  return { candidates, truncated };
}
