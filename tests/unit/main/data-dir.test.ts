import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../electron/main/data-dir';

describe('resolveDataDir', () => {
  const defaultUserData = '/home/kiosk/.config/Hall Kiosk';
  it.each([
    ['no override', {}, defaultUserData],
    ['an absolute override', { HALL_DATA_DIR: '/var/lib/hall-kiosk' }, '/var/lib/hall-kiosk'],
    ['a relative override (resolved against cwd)', { HALL_DATA_DIR: '.hall-data' }, '/work/main/.hall-data'],
    ['a blank override (ignored)', { HALL_DATA_DIR: '   ' }, defaultUserData],
    ['an empty override (ignored)', { HALL_DATA_DIR: '' }, defaultUserData],
    ['a non-normalised override', { HALL_DATA_DIR: '/var/lib/../lib/hall-kiosk/' }, '/var/lib/hall-kiosk'],
  ])('%s', (_name, env, expected) => {
    expect(resolveDataDir({ env, defaultUserData, cwd: '/work/main' })).toBe(expected);
  });
});
