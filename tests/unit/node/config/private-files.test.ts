import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { securePrivateDataDir } from '../../../../electron/node/config/private-files';

let work = '';
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'hall-private-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const mode = (file: string): number => statSync(file).mode & 0o777;

describe.runIf(process.platform !== 'win32')('securePrivateDataDir', () => {
  it('creates a missing data folder 0700', () => {
    const dir = path.join(work, 'a', 'data');
    expect(securePrivateDataDir(dir)).toEqual([]);
    expect(mode(dir)).toBe(0o700);
  });

  it('tightens a world-readable folder, config.json and lockout, and says so', () => {
    const dir = path.join(work, 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, 'config.json'), '{}');
    chmodSync(path.join(dir, 'config.json'), 0o644);
    writeFileSync(path.join(dir, 'staff-lockout.json'), '{}');
    chmodSync(path.join(dir, 'staff-lockout.json'), 0o664);
    writeFileSync(path.join(dir, 'other.txt'), 'x');
    chmodSync(path.join(dir, 'other.txt'), 0o644);
    const notes = securePrivateDataDir(dir);
    expect(notes).toEqual([
      `${dir}: permissions 0755 → 0700`,
      `${path.join(dir, 'config.json')}: permissions 0644 → 0600`,
      `${path.join(dir, 'staff-lockout.json')}: permissions 0664 → 0600`,
    ]);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'config.json'))).toBe(0o600);
    expect(mode(path.join(dir, 'other.txt'))).toBe(0o644);
    // Already private: nothing to say.
    expect(securePrivateDataDir(dir)).toEqual([]);
  });
});
