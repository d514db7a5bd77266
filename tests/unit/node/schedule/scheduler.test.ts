import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleCommand } from '../../../../electron/node/cli/schedule-command';
import { memoryLogger } from '../../../../electron/node/log/logger';
import { createPackStore } from '../../../../electron/node/pack/store';
import type { PackStore } from '../../../../electron/node/pack/store';
import { createScheduler } from '../../../../electron/node/schedule/scheduler';
import {
  addScheduleEntry,
  readSchedule,
  SCHEDULE_FILE,
} from '../../../../electron/node/schedule/schedule-store';
import { makeKey, writePackFolder } from '../pack/store-helpers';

const at = (d: number, h: number, mi = 0) => new Date(2026, 11, d, h, mi);

let work: string;
let dataDir: string;
let store: PackStore;
let clock: Date;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'schedule-'));
  dataDir = join(work, 'data');
  const key = makeKey();
  store = createPackStore({ dataDir, trustedKeys: [key.trusted], allowUnsigned: false });
  const install = async (id: string) => {
    const { dir } = await writePackFolder(join(work, `${id}-src`), { id, version: '1.0.0', key });
    const installed = await store.install(dir);
    if (!installed.ok) throw new Error(JSON.stringify(installed.problems));
  };
  await install('everyday');
  await store.activate('everyday@1.0.0');
  await store.commit('everyday@1.0.0');
  // Installed after the last clean-up, to be scheduled.
  await install('memorial');
  await install('winter');
  clock = at(4, 16);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const installed = async () => (await store.list()).map((p) => p.ref);
const add = (ref: string, from: string, until?: string) =>
  addScheduleEntry(dataDir, { ref, at: from, until }, { installed, now: clock });

function scheduler(afterSwitch = vi.fn(() => Promise.resolve())) {
  return {
    s: createScheduler({ dataDir, store, log: memoryLogger(), now: () => clock, afterSwitch }),
    afterSwitch,
  };
}

describe('scheduler', () => {
  it('activates at the time, returns after --until, through the store (the health gate applies)', async () => {
    expect((await add('memorial@1.0.0', '2026-12-13T08:00', '2026-12-14T08:00')).ok).toBe(true);
    const { s, afterSwitch } = scheduler();
    clock = at(13, 7, 59);
    expect(await s.tick()).toEqual([]);
    clock = at(13, 8, 0);
    expect((await s.tick()).map((x) => x.kind)).toEqual(['start']);
    expect(afterSwitch).toHaveBeenCalledTimes(1);
    // Activated, not yet committed: the kiosk confirms it only after showing it.
    expect(await store.state()).toMatchObject({
      current: 'memorial@1.0.0',
      previous: 'everyday@1.0.0',
      committed: false,
    });
    const file = await readSchedule(dataDir);
    expect(file.ok && file.file.entries[0]).toMatchObject({ status: 'active', returnTo: 'everyday@1.0.0' });

    clock = at(14, 8, 0);
    expect((await s.tick()).map((x) => x.kind)).toEqual(['end']);
    expect((await store.state())?.current).toBe('everyday@1.0.0');
    expect(afterSwitch).toHaveBeenCalledTimes(2);
  });

  it('keeps its state in the store across restarts; a start missed while off is honoured at boot', async () => {
    await add('memorial@1.0.0', '2026-12-13T08:00', '2026-12-14T08:00');
    // The kiosk was off at 08:00 and boots at 10:30: a new scheduler reads schedule.json.
    clock = at(13, 10, 30);
    expect((await scheduler().s.tick()).map((x) => x.kind)).toEqual(['start']);
    expect((await store.state())?.current).toBe('memorial@1.0.0');
    // Power loss, boot the next day after --until: another new scheduler returns.
    clock = at(14, 9, 0);
    expect((await scheduler().s.tick()).map((x) => x.kind)).toEqual(['end']);
    expect((await store.state())?.current).toBe('everyday@1.0.0');
  });

  it('marks a window the kiosk slept through as missed and switches nothing', async () => {
    await add('memorial@1.0.0', '2026-12-13T08:00', '2026-12-14T08:00');
    clock = at(15, 9);
    const { s, afterSwitch } = scheduler();
    expect((await s.tick()).map((x) => x.kind)).toEqual(['miss']);
    expect(afterSwitch).not.toHaveBeenCalled();
    expect((await store.state())?.current).toBe('everyday@1.0.0');
  });

  it('records a failed activation with its reason (the pack was removed behind its back)', async () => {
    await add('winter@1.0.0', '2026-12-20T08:00');
    await rm(join(dataDir, 'packs', 'winter@1.0.0'), { recursive: true });
    clock = at(20, 8);
    await scheduler().s.tick();
    const file = await readSchedule(dataDir);
    const failed = file.ok ? file.file.entries[0] : undefined;
    expect(failed?.status).toBe('failed');
    expect(failed?.reason).toMatch(/not installed/);
    expect((await store.state())?.current).toBe('everyday@1.0.0');
  });

  it('the store keeps scheduled packs when it cleans up, and refuses to remove them', async () => {
    await add('memorial@1.0.0', '2026-12-13T08:00', '2026-12-14T08:00');
    await store.commit();
    expect(await installed()).toContain('memorial@1.0.0');
    expect(await installed()).not.toContain('winter@1.0.0');
    const removal = await store.remove('memorial@1.0.0');
    expect(removal.ok === false && removal.problems.map((p) => p.code)).toEqual(['store.scheduled']);
  });

  it('a data folder gone from under it is logged, never an unhandled rejection', async () => {
    const log = memoryLogger();
    const s = createScheduler({ dataDir, store, log, now: () => clock, afterSwitch: vi.fn() });
    await rm(dataDir, { recursive: true, force: true });
    // The lock cannot even be made: the tick resolves and says why.
    await expect(s.tick()).resolves.toEqual([]);
    expect(log.find('schedule not applied')).toHaveLength(1);
    // The timers' cycle too: started and stopped with the folder gone, nothing escapes.
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const stop = s.start(60_000);
      await s.tick();
      await new Promise((r) => setTimeout(r, 50));
      stop();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('never overwrites a damaged schedule.json', async () => {
    await writeFile(join(dataDir, SCHEDULE_FILE), '{ "entries": [');
    const result = await add('memorial@1.0.0', '2026-12-13T08:00');
    expect(result.ok === false && result.problem).toMatch(/schedule\.json: not valid JSON/);
    expect(await readFile(join(dataDir, SCHEDULE_FILE), 'utf8')).toBe('{ "entries": [');
  });
});

describe('hallpack schedule', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await scheduleCommand([...argv, '--data-dir', dataDir], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('adds, lists (text and --json) and removes', async () => {
    const added = await run(
      'add',
      'memorial@1.0.0',
      '--at',
      '2099-12-13T08:00',
      '--until',
      '2099-12-14T08:00',
      '--json',
    );
    expect(added.code).toBe(0);
    const id = (JSON.parse(added.out) as { entry: { id: string } }).entry.id;
    const listed = await run('list', '--json');
    expect(JSON.parse(listed.out)).toMatchObject({
      ok: true,
      entries: [
        { id, ref: 'memorial@1.0.0', at: '2099-12-13T08:00', until: '2099-12-14T08:00', status: 'pending' },
      ],
    });
    expect((await run('list')).out).toMatch(
      new RegExp(`${id}\\s+pending\\s+2099-12-13 08:00 → 2099-12-14 08:00\\s+memorial@1\\.0\\.0`),
    );
    expect((await run('remove', id)).code).toBe(0);
    expect((await run('list')).out).toBe('nothing scheduled');
  });

  it('refuses a pack that is not installed and an overlap, with clear reasons', async () => {
    const missing = await run('add', 'nope@1.0.0', '--at', '2099-12-13T08:00');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /schedule\.json: not-installed: nope@1\.0\.0 is not installed; install it first/,
    );
    await run('add', 'memorial@1.0.0', '--at', '2099-12-13T08:00', '--until', '2099-12-14T08:00');
    const overlap = await run('add', 'winter@1.0.0', '--at', '2099-12-13T20:00', '--lang', 'zh-Hans');
    expect(overlap.code).toBe(1);
    expect(overlap.err).toMatch(/overlap: 与排期 \w+（memorial@1\.0\.0/);
    expect((await run('add', 'winter@1.0.0')).code).toBe(2);
    expect(existsSync(join(dataDir, SCHEDULE_FILE))).toBe(true);
  });
});
