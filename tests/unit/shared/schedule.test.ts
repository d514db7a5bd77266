import { describe, expect, it } from 'vitest';
import {
  checkNewEntry,
  formatLocalDateTime,
  nextScheduleStep,
  nextScheduleTime,
  parseLocalDateTime,
  scheduledRefs,
  type ScheduleEntry,
} from '../../../electron/shared/schedule';

const at = (d: number, h: number, mi = 0) => new Date(2026, 11, d, h, mi);
const entry = (over: Partial<ScheduleEntry> & Pick<ScheduleEntry, 'id' | 'at'>): ScheduleEntry => ({
  ref: 'memorial@2.0.0',
  status: 'pending',
  ...over,
});
const installed = ['memorial@2.0.0', 'default@1.0.0', 'winter@1.0.0'];

describe('local date-times', () => {
  it('parse as local wall-clock time and format back', () => {
    expect(parseLocalDateTime('2026-12-13T08:00')).toEqual(at(13, 8));
    expect(parseLocalDateTime('2026-12-13 08:00')).toEqual(at(13, 8));
    expect(formatLocalDateTime(at(13, 8, 5))).toBe('2026-12-13T08:05');
  });
  it('take seconds where a fleet needs them, and write them only when not zero', () => {
    expect(parseLocalDateTime('2026-12-13T08:00:30')).toEqual(new Date(2026, 11, 13, 8, 0, 30));
    expect(parseLocalDateTime('2026-12-13T08:00:60')).toBeNull();
    expect(formatLocalDateTime(new Date(2026, 11, 13, 8, 0, 30))).toBe('2026-12-13T08:00:30');
  });
  it('refuse what is not a real local date-time', () => {
    for (const bad of [
      '2026-02-31T08:00',
      '2026-12-13T24:00',
      '2026-12-13',
      '13/12/2026 08:00',
      '2026-12-13T8:00',
    ])
      expect(parseLocalDateTime(bad), bad).toBeNull();
  });
});

describe('checkNewEntry', () => {
  const now = at(4, 16);
  const entries = [entry({ id: 'aaaa', at: '2026-12-13T08:00', until: '2026-12-14T08:00' })];
  const check = (c: { ref?: string; at: string; until?: string }) =>
    checkNewEntry({ ref: 'winter@1.0.0', ...c }, { entries, installed, now })?.code ?? null;

  it('accepts an installed pack at a free time', () => {
    expect(check({ at: '2026-12-14T08:00', until: '2026-12-20T08:00' })).toBeNull();
    expect(check({ at: '2026-12-12T08:00', until: '2026-12-13T08:00' })).toBeNull();
    expect(check({ at: '2026-12-25T08:00' })).toBeNull();
  });
  it('refuses a pack that is not installed, naming what to do', () => {
    const refusal = checkNewEntry({ ref: 'nope@1.0.0', at: '2026-12-25T08:00' }, { entries, installed, now });
    expect(refusal?.code).toBe('not-installed');
    expect(refusal?.message.en).toMatch(/nope@1\.0\.0 is not installed; install it first/);
    expect(refusal?.message['zh-Hans']).toMatch(/未安装/);
  });
  it('refuses overlaps: inside, around, same start, a moment inside a window', () => {
    expect(check({ at: '2026-12-13T12:00', until: '2026-12-13T13:00' })).toBe('overlap');
    expect(check({ at: '2026-12-12T12:00', until: '2026-12-15T13:00' })).toBe('overlap');
    expect(check({ at: '2026-12-13T08:00', until: '2026-12-13T09:00' })).toBe('overlap');
    expect(check({ at: '2026-12-13T20:00' })).toBe('overlap');
    expect(check({ at: '2026-12-13T07:59', until: '2026-12-13T08:01' })).toBe('overlap');
  });
  it('ignores entries that are over', () => {
    const done = [{ ...entries[0]!, status: 'done' as const }];
    expect(
      checkNewEntry({ ref: 'winter@1.0.0', at: '2026-12-13T12:00' }, { entries: done, installed, now }),
    ).toBeNull();
  });
  it('refuses an end before the start, a time in the past and a malformed time', () => {
    expect(check({ at: '2026-12-20T08:00', until: '2026-12-20T08:00' })).toBe('until-before-at');
    expect(check({ at: '2026-12-01T08:00' })).toBe('past');
    expect(check({ at: 'tomorrow' })).toBe('bad-time');
  });
});

describe('nextScheduleStep', () => {
  const timed = entry({ id: 'aaaa', at: '2026-12-13T08:00', until: '2026-12-14T08:00' });
  const permanent = entry({ id: 'bbbb', ref: 'winter@1.0.0', at: '2026-12-20T08:00' });

  it('does nothing before the time', () => {
    expect(nextScheduleStep([timed, permanent], at(13, 7, 59))).toBeNull();
  });
  it('starts at the time, and a start missed while the kiosk was off is honoured at boot', () => {
    expect(nextScheduleStep([timed], at(13, 8))).toEqual({ kind: 'start', entry: timed });
    expect(nextScheduleStep([timed], at(13, 19))).toEqual({ kind: 'start', entry: timed });
  });
  it('ends an active entry at --until', () => {
    const active = { ...timed, status: 'active' as const, returnTo: 'default@1.0.0' };
    expect(nextScheduleStep([active], at(14, 7, 59))).toBeNull();
    expect(nextScheduleStep([active], at(14, 8))).toEqual({ kind: 'end', entry: active });
  });
  it('marks a window the kiosk slept through as missed rather than showing it late', () => {
    expect(nextScheduleStep([timed], at(15, 9))).toEqual({ kind: 'miss', entry: timed });
  });
  it('takes steps in time order: an end before a later start', () => {
    const active = { ...timed, status: 'active' as const, returnTo: 'default@1.0.0' };
    expect(nextScheduleStep([permanent, active], at(21, 9))?.kind).toBe('end');
    expect(nextScheduleStep([permanent, { ...active, status: 'done' }], at(21, 9))).toEqual({
      kind: 'start',
      entry: permanent,
    });
  });
  it('lists the packs the store must keep', () => {
    expect(scheduledRefs([{ ...timed, status: 'active', returnTo: 'default@1.0.0' }, permanent])).toEqual([
      'memorial@2.0.0',
      'default@1.0.0',
      'winter@1.0.0',
    ]);
    expect(scheduledRefs([{ ...timed, status: 'done' }])).toEqual([]);
  });
});

describe('nextScheduleTime', () => {
  it('is the earliest pending start or active end after now, else null', () => {
    const now = at(13, 9);
    const entries = [
      entry({ id: 'aaaa', at: '2026-12-13T08:00', until: '2026-12-13T18:00', status: 'active' }),
      entry({ id: 'bbbb', at: '2026-12-13T12:00', status: 'pending' }),
      entry({ id: 'cccc', at: '2026-12-13T10:00', status: 'done' }),
    ];
    expect(nextScheduleTime(entries, now)).toEqual(at(13, 12));
    expect(nextScheduleTime(entries, at(13, 13))).toEqual(at(13, 18));
    expect(nextScheduleTime(entries, at(13, 19))).toBeNull();
  });
});
