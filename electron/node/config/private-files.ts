/**
 * Secrets at rest. The data folder holds the staff PIN hash (config.json), the PIN lockout and the
 * pack store: it is the kiosk user's alone (0700), and config.json and the lockout are 0600. A
 * folder or file found looser (copied by hand, made by an older version) is tightened at start,
 * and the caller logs what was changed. On Windows permissions are ACLs: nothing is done here.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The data folder's files that hold secrets or guard them. */
export const PRIVATE_FILES = ['config.json', 'staff-lockout.json'] as const;

const applies = process.platform !== 'win32';

/** Sets `mode` when `file` is looser (any group/other bit); returns a note saying so, else null. */
function tighten(file: string, mode: number): string | null {
  let current: number;
  try {
    current = statSync(file).mode & 0o777;
  } catch {
    return null;
  }
  if ((current & 0o077) === 0) return null;
  chmodSync(file, mode);
  return `${file}: permissions ${current.toString(8).padStart(4, '0')} → ${mode.toString(8).padStart(4, '0')}`;
}

/**
 * Creates the data folder (0700) when missing, and tightens it and its private files when they
 * are readable by others. Returns one note per change; throws only when the folder cannot be made.
 */
export function securePrivateDataDir(dataDir: string): string[] {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!applies) return [];
  const notes: string[] = [];
  const add = (note: string | null): void => {
    if (note !== null) notes.push(note);
  };
  try {
    add(tighten(dataDir, PRIVATE_DIR_MODE));
    for (const name of PRIVATE_FILES) add(tighten(path.join(dataDir, name), PRIVATE_FILE_MODE));
  } catch (error) {
    notes.push(`${dataDir}: cannot tighten permissions (${(error as Error).message})`);
  }
  return notes;
}
