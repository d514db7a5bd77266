import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { loadRecoveryState, saveRecoveryState } from '../../../../electron/main/recovery/state-file';
import { initialRecoveryState, nextRecovery } from '../../../../electron/shared/policy/recovery';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hall-recovery-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('recovery state file', () => {
  it('starts afresh when there is no file, silently', () => {
    const log = memoryLogger();
    expect(loadRecoveryState(path.join(dir, 'recovery.json'), log)).toEqual(initialRecoveryState());
    expect(log.entries).toEqual([]);
  });

  it('round-trips, creating the folder and leaving no temporary file', () => {
    const file = path.join(dir, 'nested', 'recovery.json');
    const state = nextRecovery(
      initialRecoveryState(),
      { kind: 'renderer-gone', reason: 'crashed' },
      1000,
    ).state;
    expect(saveRecoveryState(file, state, memoryLogger())).toBe(true);
    expect(loadRecoveryState(file, memoryLogger())).toEqual(state);
    expect(readdirSync(path.dirname(file))).toEqual(['recovery.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['wrong shape', '{"version":2}'],
    ['empty', ''],
  ])('a damaged file (%s) starts afresh with a log line', (_name, text) => {
    const file = path.join(dir, 'recovery.json');
    writeFileSync(file, text);
    const log = memoryLogger();
    expect(loadRecoveryState(file, log)).toEqual(initialRecoveryState());
    if (text.startsWith('{"version":1,') || text === '') expect(log.find('damaged')).toHaveLength(1);
  });

  it('reports, but does not throw, when the file cannot be written', () => {
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'x');
    const log = memoryLogger();
    expect(saveRecoveryState(path.join(blocker, 'recovery.json'), initialRecoveryState(), log)).toBe(false);
    expect(log.find('not saved')).toHaveLength(1);
  });
});
