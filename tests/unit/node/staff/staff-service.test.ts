import { appendFile, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../electron/node/config/config';
import { faultyFsOps, nodeFsOps } from '../../../../electron/node/fs/fs-ops';
import { createStaffService } from '../../../../electron/node/staff/staff-service';
import { kioskConfigSchema } from '../../../../electron/shared/config-schema';
import { staffPreviewSchema, staffStatusSchema } from '../../../../electron/shared/staff-api';
import { makeKey, writePackFolder } from '../pack/store-helpers';
import { codes, PIN, readText, staffWorld, unlock } from './staff-world';
import type { StaffWorld } from './staff-world';

let world: StaffWorld;

beforeEach(async () => {
  world = await staffWorld();
});
afterEach(async () => {
  await world.close();
});

const noCheckIns = { from: '2026-03-01', to: '2026-03-01' };

describe('hello and unlock', () => {
  it('says a PIN is set, which chord opens staff mode, and that packs can be changed', async () => {
    await expect(world.service.hello()).resolves.toEqual({
      ok: true,
      staffChord: 'Control+Alt+Shift+K',
      pinConfigured: true,
      lockedSeconds: 0,
      storeAvailable: true,
    });
  });

  it('refuses wrong PINs, then pauses with a growing wait, and then lets the right one in', async () => {
    const s = world.service;
    const first = await s.unlock('111111');
    expect(codes(first)).toEqual(['staff.pin-wrong']);
    expect(first.ok ? null : first.problems[0]?.message.en).toMatch(/2 more tries/);
    expect(codes(await s.unlock('222222'))).toEqual(['staff.pin-wrong']);
    expect(codes(await s.unlock('333333'))).toEqual(['staff.pin-wrong', 'staff.locked']);
    // Even the right PIN waits out the pause.
    const locked = await s.unlock(PIN);
    expect(codes(locked)).toEqual(['staff.locked']);
    expect(locked.ok ? null : locked.problems[0]?.message['zh-Hans']).toMatch(/30 秒后重试/);
    expect((await s.hello()).lockedSeconds).toBe(30);
    world.clock.now += 30_000;
    expect(codes(await s.unlock('444444'))).toEqual(['staff.pin-wrong', 'staff.locked']);
    world.clock.now += 30_000;
    expect(codes(await s.unlock(PIN))).toEqual(['staff.locked']); // 60 s this time
    world.clock.now += 30_000;
    const ok = await s.unlock(PIN);
    expect(ok.ok).toBe(true);
    expect(world.log.find('wrong PIN').length).toBe(4);
  });

  it('does not let parallel guesses slip past the pause', async () => {
    const results = await Promise.all(
      ['1', '2', '3', '4', '5', '6'].map((d) => world.service.unlock(d.repeat(6))),
    );
    const locked = results.filter((r) => codes(r).includes('staff.locked'));
    expect(results.filter((r) => codes(r)[0] === 'staff.pin-wrong')).toHaveLength(3);
    expect(locked).toHaveLength(4); // the third wrong PIN says so too, then three refused unchecked
  });

  it('a restarted kiosk keeps the pause and the count (staff-lockout.json in the data folder)', async () => {
    for (const wrong of ['111111', '222222', '333333']) await world.service.unlock(wrong);
    world.clock.now += 10_000;
    const restarted = world.newService();
    expect((await restarted.hello()).lockedSeconds).toBe(20);
    expect(codes(await restarted.unlock(PIN))).toEqual(['staff.locked']);
    world.clock.now += 20_000;
    // The fourth wrong PIN after the restart pauses twice as long as the third did.
    expect(codes(await restarted.unlock('444444'))).toEqual(['staff.pin-wrong', 'staff.locked']);
    expect((await world.newService().hello()).lockedSeconds).toBe(60);
  });

  it('counts a malformed PIN, and a 4-digit one, as a wrong one', async () => {
    expect(codes(await world.service.unlock('2468'))).toEqual(['staff.pin-wrong']); // too short now
    expect(codes(await world.service.unlock('12ab56'))).toEqual(['staff.pin-wrong']);
    expect(codes(await world.service.unlock(''))).toEqual(['staff.pin-wrong', 'staff.locked']);
  });

  it('without a PIN, says so in both languages and how a technician sets one', async () => {
    const w = await staffWorld({ pin: null });
    try {
      expect((await w.service.hello()).pinConfigured).toBe(false);
      const r = await w.service.unlock('000000');
      expect(codes(r)).toEqual(['staff.no-pin']);
      const message = r.ok ? null : r.problems[0]?.message;
      expect(message?.en).toContain('hallpack staff-pin --data-dir');
      expect(message?.['zh-Hans']).toContain('hallpack staff-pin --data-dir');
    } finally {
      await w.close();
    }
  });

  it('a damaged hash keeps staff mode closed without breaking the rest of the config', async () => {
    const w = await staffWorld({ config: { staffPinHash: 'scrypt$oops' } });
    try {
      expect(codes(await w.service.unlock(PIN))).toEqual(['staff.pin-damaged']);
      expect((await w.service.hello()).pinConfigured).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('reads the PIN again on every unlock (set while the kiosk runs)', async () => {
    let config = kioskConfigSchema.parse({});
    const s = world.newService({ readConfig: () => config });
    expect(codes(await s.unlock(PIN))).toEqual(['staff.no-pin']);
    config = loadConfig(world.dataDir).config;
    expect((await s.unlock(PIN)).ok).toBe(true);
  });
});

describe('sessions', () => {
  it('every request but hello and unlock needs a live token', async () => {
    const s = world.service;
    const bad = 'A'.repeat(43);
    const results = [
      await s.status(bad),
      await s.scan(bad),
      await s.preview(bad, world.usb),
      await s.install(bad, world.usb),
      await s.activate(bad, 'test-pack@1.0.0'),
      await s.rollback(bad),
      await s.remove(bad, 'test-pack@1.0.0'),
      await s.exportStats(bad, world.usb, noCheckIns),
      await s.lock(bad),
    ];
    for (const r of results) expect(codes(r)).toEqual(['staff.session-ended']);
  });

  it('lock with another token leaves the live session alone', async () => {
    const token = await unlock(world.service);
    expect(codes(await world.service.lock('A'.repeat(43)))).toEqual(['staff.session-ended']);
    expect((await world.service.status(token)).ok).toBe(true);
  });

  it('ends after the configured idle minutes, and on lock', async () => {
    const token = await unlock(world.service);
    world.clock.now += 9 * 60_000;
    expect((await world.service.status(token)).ok).toBe(true);
    world.clock.now += 10 * 60_000 + 1;
    expect(codes(await world.service.status(token))).toEqual(['staff.session-ended']);
    const again = await unlock(world.service);
    await world.service.lock(again);
    expect(codes(await world.service.status(again))).toEqual(['staff.session-ended']);
  });
});

describe('status', () => {
  it('reports uptime, memory, disk, the pack on screen, installed packs and logged problems', async () => {
    await mkdir(path.join(world.dataDir, 'logs'), { recursive: true });
    const lines = [
      { time: '2026-03-01T09:00:00.000Z', level: 'info', msg: 'fine' },
      { time: '2026-03-01T09:01:00.000Z', level: 'warn', msg: 'request refused', path: '/x' },
      'not json',
      { time: '2026-03-01T09:02:00.000Z', level: 'error', msg: 'renderer gone' },
      {
        time: '2026-03-01T09:03:00.000Z',
        level: 'error',
        msg: 'pack problem',
        code: 'pack.untrusted-key',
        message: 'The pack is signed by key ab12…, which this kiosk does not trust.',
      },
    ];
    await appendFile(
      path.join(world.dataDir, 'logs', 'kiosk.log'),
      lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n',
    );
    const token = await unlock(world.service);
    const status = await world.service.status(token);
    expect(staffStatusSchema.safeParse(status).success).toBe(true);
    if (!status.ok) throw new Error('status refused');
    expect(status.uptimeSeconds).toBeGreaterThan(0);
    expect(status.memory.rssBytes).toBeGreaterThan(0);
    expect(status.disk.freeBytes).toBeGreaterThan(0);
    expect(status.onScreen).toMatchObject({ ref: 'test-pack@1.0.0', version: '1.0.0', source: 'active' });
    expect(status.onScreen?.title).toEqual({ 'zh-Hans': '测试', en: 'Test' });
    expect(status.current).toBe('test-pack@1.0.0');
    expect(status.committed).toBe(true);
    expect(status.previous).toBeNull();
    expect(status.installed.map((p) => [p.ref, p.role])).toEqual([['test-pack@1.0.0', 'current']]);
    expect(status.logProblems.map((l) => l.msg)).toEqual([
      'pack problem',
      'renderer gone',
      'request refused',
    ]);
    // A refused pack's reason reaches the staff screen, not just "pack problem".
    expect(status.logProblems[0]?.detail).toBe(
      'The pack is signed by key ab12…, which this kiosk does not trust. (pack.untrusted-key)',
    );
    expect(status.logProblems[1]?.detail).toBeUndefined();
  });
});

describe('packs from a USB stick', () => {
  it('finds, previews (with the diff and signing key), installs, shows, rolls back and removes', async () => {
    const next = await world.packOnStick('test-pack-1.1.0', { version: '1.1.0', places: 3 });
    const token = await unlock(world.service);

    const scan = await world.service.scan(token);
    if (!scan.ok) throw new Error('scan refused');
    expect(scan.volumes).toEqual([{ path: world.usb, label: 'STICK' }]);
    expect(scan.candidates.map((c) => c.path)).toEqual([next]);

    const preview = await world.service.preview(token, next);
    expect(staffPreviewSchema.safeParse(preview).success).toBe(true);
    if (!preview.ok) throw new Error('preview refused');
    expect(preview.canInstall).toBe(true);
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(preview.pack).toMatchObject({ id: 'test-pack', version: '1.1.0', files: 3 });
    expect(preview.signature).toEqual({ keyId: world.key.trusted.id, status: 'trusted' });
    expect(preview.version).toEqual({ from: '1.0.0', to: '1.1.0', change: 'upgrade' });
    expect(preview.diff).toEqual({
      from: 'test-pack@1.0.0',
      places: { added: 1, removed: 0, changed: 2 },
      events: { added: 0, removed: 0, changed: 0 },
      media: { added: 0, removed: 0, changed: 1 },
    });
    // Preview writes nothing into the store.
    expect((await world.content.store.list()).map((p) => p.ref)).toEqual(['test-pack@1.0.0']);

    const installed = await world.service.install(token, next);
    if (!installed.ok) throw new Error(JSON.stringify(installed.problems));
    expect(installed.ref).toBe('test-pack@1.1.0');
    expect(world.switches).toBe(0);

    const activated = await world.service.activate(token, installed.ref);
    expect(activated).toEqual({ ok: true, ref: 'test-pack@1.1.0' });
    expect(world.switches).toBe(1);
    expect(world.content.onScreen()?.ref).toBe('test-pack@1.1.0');
    const after = await world.service.status(token);
    expect(after.ok && [after.current, after.previous?.ref, after.committed]).toEqual([
      'test-pack@1.1.0',
      'test-pack@1.0.0',
      false,
    ]);

    // The same pack again is refused before anything is copied.
    const again = await world.service.preview(token, next);
    expect(again.ok && again.canInstall).toBe(false);
    expect(codes({ ok: false, problems: again.ok ? again.problems : [] })).toContain(
      'store.already-installed',
    );

    expect(await world.service.rollback(token)).toEqual({ ok: true, ref: 'test-pack@1.0.0' });
    expect(world.switches).toBe(2);
    expect(world.content.onScreen()?.ref).toBe('test-pack@1.0.0');

    // Current and previous cannot be removed; an older, unused one can.
    expect(codes(await world.service.remove(token, 'test-pack@1.1.0'))).toEqual(['store.in-use']);
    const third = await world.packOnStick('test-pack-1.2.0', { version: '1.2.0' });
    const i3 = await world.service.install(token, third);
    if (!i3.ok) throw new Error(JSON.stringify(i3.problems));
    await world.service.activate(token, i3.ref);
    expect(await world.service.remove(token, 'test-pack@1.1.0')).toEqual({
      ok: true,
      ref: 'test-pack@1.1.0',
    });
    expect(codes(await world.service.remove(token, 'test-pack@9.9.9'))).toEqual(['store.not-installed']);
    expect(world.log.find('staff: removing a pack')).toHaveLength(3);
  });

  it('previews bad packs with the reasons, and never installs them', async () => {
    const token = await unlock(world.service);
    // A file changed after the pack was built and signed: a new size shows in the preview …
    const tampered = await world.packOnStick('tampered', { version: '2.0.0' }, false);
    await writeFile(path.join(tampered, 'media', 'b.webp'), 'webp-XXXXX-longer');
    const p1 = await world.service.preview(token, tampered);
    expect(p1.ok && p1.canInstall).toBe(false);
    expect(p1.ok && p1.problems.map((p) => [p.code, p.file])).toEqual([
      ['files.size-mismatch', 'media/b.webp'],
    ]);
    expect(p1.ok && p1.signature.status).toBe('trusted');
    expect(codes(await world.service.install(token, tampered))).toEqual(['files.size-mismatch']);
    // … the same size passes the preview (which reads no file in full) and is refused by the
    // install, which hashes every file once while copying it, leaving the store as it was.
    await writeFile(path.join(tampered, 'media', 'b.webp'), 'webp-XXXXX');
    const p1b = await world.service.preview(token, tampered);
    expect(p1b.ok && p1b.canInstall).toBe(true);
    expect(codes(await world.service.install(token, tampered))).toEqual(['files.hash-mismatch']);

    // Signed by a key this kiosk does not trust: the key id is shown.
    const stranger = makeKey();
    const foreign = path.join(world.usb, 'foreign');
    await writePackFolder(foreign, { key: stranger, version: '3.0.0' });
    const p2 = await world.service.preview(token, foreign);
    expect(p2.ok && p2.signature).toEqual({ keyId: stranger.trusted.id, status: 'refused' });
    expect(p2.ok && p2.problems.map((p) => p.code)).toEqual(['sig.untrusted-key']);
    expect(p2.ok && p2.problems[0]?.message['zh-Hans']).toMatch(/不信任/);
    // The same reason as the CLI gives: the fingerprint, and how to trust the key.
    expect(p2.ok && p2.problems[0]?.message.en).toContain(`signed with key ${stranger.trusted.id}`);
    expect(p2.ok && p2.problems[0]?.message.en).toContain('hallpack trust add');
    expect(codes(await world.service.install(token, foreign))).toEqual(['sig.untrusted-key']);

    // An older version than the one accepted.
    const old = await world.packOnStick('old', { version: '0.9.0' });
    const p3 = await world.service.preview(token, old);
    expect(p3.ok && p3.version.change).toBe('downgrade');
    expect(p3.ok && p3.problems.map((p) => p.code)).toEqual(['store.downgrade']);

    // Not a zip at all.
    const junk = path.join(world.usb, 'junk.hallpack');
    await writeFile(junk, 'definitely not a zip');
    const p4 = await world.service.preview(token, junk);
    expect(p4.ok && [p4.canInstall, p4.pack, p4.problems.map((p) => p.code)]).toEqual([
      false,
      null,
      ['archive.corrupt'],
    ]);
    expect((await world.content.store.list()).map((p) => p.ref)).toEqual(['test-pack@1.0.0']);
  });

  it('only touches paths on a stick', async () => {
    const token = await unlock(world.service);
    const elsewhere = await world.packOnStick('elsewhere', { version: '5.0.0' });
    const outside = path.join(world.work, 'outside.hallpack');
    await rename(elsewhere, outside);
    expect(codes(await world.service.preview(token, outside))).toEqual(['staff.not-removable']);
    expect(codes(await world.service.install(token, outside))).toEqual(['staff.not-removable']);
    expect(
      codes(await world.service.install(token, path.join(world.usb, '..', '..', 'outside.hallpack'))),
    ).toEqual(['staff.not-removable']);
    expect(codes(await world.service.exportStats(token, world.dataDir, noCheckIns))).toEqual([
      'staff.not-removable',
    ]);
  });

  it('without a store (preview server) shows health but changes nothing', async () => {
    const s = createStaffService({
      store: null,
      dataDir: world.dataDir,
      trust: world.content.trust,
      onScreen: world.content.onScreen,
      volumes: () => Promise.resolve([{ path: world.usb, label: 'STICK' }]),
    });
    expect((await s.hello()).storeAvailable).toBe(false);
    const token = await unlock(s);
    const status = await s.status(token);
    expect(status.ok && [status.current, status.installed]).toEqual([null, []]);
    expect(codes(await s.install(token, world.usb))).toEqual(['staff.no-store']);
    expect(codes(await s.rollback(token))).toEqual(['staff.no-store']);
  });
});

describe('a kiosk fresh from installation (the built-in pack on screen)', () => {
  it.each([
    ['a newer version of the built-in pack', 'test-pack', '2.0.0'],
    ['another pack', 'other-pack', '1.0.0'],
  ])('the first switch, to %s, can be rolled back to the built-in pack', async (_name, id, version) => {
    const w = await staffWorld({ fresh: true });
    try {
      expect(w.content.onScreen()).toMatchObject({ ref: 'test-pack@1.0.0', source: 'default' });
      const file = await w.packOnStick(`${id}-${version}`, { id, version });
      const token = await unlock(w.service);
      const installed = await w.service.install(token, file);
      expect(installed).toMatchObject({ ok: true, ref: `${id}@${version}` });
      expect((await w.content.store.list()).map((p) => p.ref).sort()).toEqual(
        [`${id}@${version}`, 'test-pack@1.0.0'].sort(),
      );
      expect(await w.service.activate(token, `${id}@${version}`)).toEqual({
        ok: true,
        ref: `${id}@${version}`,
      });
      const status = await w.service.status(token);
      expect(status.ok && [status.onScreen?.ref, status.onScreen?.source, status.previous?.ref]).toEqual([
        `${id}@${version}`,
        'active',
        'test-pack@1.0.0',
      ]);
      expect(await w.service.rollback(token)).toEqual({ ok: true, ref: 'test-pack@1.0.0' });
      expect(w.content.onScreen()).toMatchObject({ ref: 'test-pack@1.0.0', source: 'active' });
      expect(w.log.find('keeping the built-in pack')).toHaveLength(1);
    } finally {
      await w.close();
    }
  });
});

describe('export', () => {
  const checkIns = { from: '2026-02-28', to: '2026-03-01' };
  /** Local noon of a day, as the page stamps events. */
  const at = (day: string, hour = 12): string => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, d, hour).toISOString();
  };
  const checkIn = (place: string, day: string, people: number) => ({
    type: 'checkin',
    place,
    group: 'school-class',
    people,
    at: at(day),
    s: 'v1',
  });

  beforeEach(async () => {
    // The kiosk's analytics on disk: one file per day of writing, a torn last line in one.
    const dir = path.join(world.dataDir, 'analytics');
    await mkdir(dir, { recursive: true });
    const lines = (events: object[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
    await writeFile(
      path.join(dir, 'events-2026-02-28.jsonl'),
      lines([
        { type: 'session-start', lang: 'zh-Hans', orientation: 'landscape', at: at('2026-02-28'), s: 'v1' },
        checkIn('p1', '2026-02-28', 15),
        checkIn('p1', '2026-02-28', 25),
      ]),
    );
    await writeFile(
      path.join(dir, 'events-2026-03-01.jsonl'),
      lines([checkIn('p0', '2026-03-01', 12), checkIn('gone', '2026-03-01', 3)]) + '{"type":"checkin","pla',
    );
    // Outside the range: not exported.
    await writeFile(path.join(dir, 'events-2026-03-05.jsonl'), lines([checkIn('p0', '2026-03-05', 7)]));
  });

  it('writes check-ins, packs, health and the log as CSV in a new folder on the stick', async () => {
    await mkdir(path.join(world.dataDir, 'logs'), { recursive: true });
    await writeFile(
      path.join(world.dataDir, 'logs', 'kiosk.log'),
      `${JSON.stringify({ time: '2026-03-01T09:00:00.000Z', level: 'warn', msg: '=cmd|x', detail: 'a,b' })}\n`,
    );
    const token = await unlock(world.service);
    const result = await world.service.exportStats(token, world.usb, checkIns);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(path.dirname(result.dir)).toBe(world.usb);
    expect(path.basename(result.dir)).toMatch(/^hall-kiosk-export-\d{8}-\d{6}$/);
    expect(result.files).toEqual([
      { name: 'analytics-events.csv', rows: 5 },
      { name: 'checkins-by-day.csv', rows: 3 },
      { name: 'checkins-total.csv', rows: 3 },
      { name: 'packs.csv', rows: 1 },
      { name: 'health.csv', rows: 13 },
      { name: 'kiosk-log.csv', rows: 1 },
      { name: 'health-log.csv', rows: 0 },
    ]);
    expect((await readdir(world.usb)).sort()).toEqual([path.basename(result.dir)]);
    const byDay = await readText(path.join(result.dir, 'checkins-by-day.csv'));
    expect(byDay).toBe(
      '\uFEFFdate,place_id,place_zh,place_en,groups,people\r\n' +
        '2026-02-28,p1,地点1,Place 1,2,40\r\n' +
        '2026-03-01,gone,,,1,3\r\n' +
        '2026-03-01,p0,地点0,Place 0,1,12\r\n',
    );
    const logCsv = await readText(path.join(result.dir, 'kiosk-log.csv'));
    expect(logCsv).toContain(`2026-03-01T09:00:00.000Z,warn,'=cmd|x,"{""detail"":""a,b""}"`);
    const health = await readText(path.join(result.dir, 'health.csv'));
    expect(health).toContain('pack_on_screen,test-pack@1.0.0\r\n');
    expect(health).toContain('analytics_from,2026-02-28\r\n');
    const events = await readText(path.join(result.dir, 'analytics-events.csv'));
    expect(events.split('\r\n')[0]).toBe(
      '\uFEFFtime,date,hour,session,type,target,language,amount,duration_ms,detail',
    );
    expect(events).toContain(`${at('2026-02-28')},2026-02-28,12,v1,session-start,,zh-Hans,,,landscape\r\n`);
    expect(events).not.toContain('2026-03-05');
    expect(await readText(path.join(result.dir, 'packs.csv'))).toContain(
      'test-pack@1.0.0,test-pack,1.0.0,测试,Test,current',
    );

    // A second export the same second gets its own folder.
    const second = await world.service.exportStats(token, world.usb, checkIns);
    expect(second.ok && path.basename(second.dir)).toBe(`${path.basename(result.dir)}-2`);
  });

  it.each([1, 2, 4, 7, 11])('a stick that fails at write step %i leaves nothing behind', async (at) => {
    const { ops } = faultyFsOps(nodeFsOps, { at, code: 'EIO' });
    const s = world.newService({ exportOps: ops });
    const token = await unlock(s);
    const result = await s.exportStats(token, world.usb, checkIns);
    expect(codes(result)).toEqual(['staff.export-failed']);
    expect(result.ok ? '' : result.problems[0]?.message.en).toMatch(/EIO/);
    expect(await readdir(world.usb)).toEqual([]);
  });
});

describe('the log', () => {
  it('records every staff action without the PIN', async () => {
    const token = await unlock(world.service);
    await world.service.scan(token);
    await world.service.lock(token);
    const text = JSON.stringify(world.log.entries);
    expect(world.log.find('staff: session opened')).toHaveLength(1);
    expect(world.log.find('staff: scanned for packs')).toHaveLength(1);
    expect(world.log.find('staff: session locked')).toHaveLength(1);
    expect(text).not.toContain(PIN);
    expect(text).not.toContain(token);
  });
});
