/**
 * `recovery.json` in the data directory: the ladder's state, so a relaunch continues the episode
 * instead of starting again at the bottom. Written synchronously and atomically (tmp, fsync,
 * rename) right before an action runs, because the action may be `app.exit`.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { initialRecoveryState, parseRecoveryState, type RecoveryState } from '../../shared/policy/recovery';
import type { Logger } from '../../node/log/logger';

/** File name inside the data directory. */
export const RECOVERY_FILE = 'recovery.json';

/** Read the state; missing or damaged → the initial state (and a log line if damaged). */
export function loadRecoveryState(file: string, log: Logger): RecoveryState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn('recovery state unreadable; starting afresh', { file, error });
    return initialRecoveryState();
  }
  try {
    return parseRecoveryState(JSON.parse(text));
  } catch (error) {
    log.warn('recovery state damaged; starting afresh', { file, error });
    return initialRecoveryState();
  }
}

/** Write the state atomically. Never throws: a full disk must not stop the recovery itself. */
export function saveRecoveryState(file: string, state: RecoveryState, log: Logger): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(state)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    return true;
  } catch (error) {
    log.error('recovery state not saved', { file, error });
    return false;
  }
}
