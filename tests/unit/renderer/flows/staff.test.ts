import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffApi } from '../../../../renderer/src/bridge/staff';
import { createStaffFlows, wireStaffMode } from '../../../../renderer/src/flows/staff';
import { idleHeld } from '../../../../renderer/src/flows/idle';
import { resetRegisteredStores, registeredSessionStores } from '../../../../renderer/src/flows/session-reset';
import { createSessionStore } from '../../../../renderer/src/stores/session-store';
import { createStaffStore, staffStore } from '../../../../renderer/src/stores/staff-store';
import type { StaffProblem } from '../../../../electron/shared/staff-api';

const TOKEN = 'k'.repeat(43);
const problem = (code: string): StaffProblem => ({
  code,
  severity: 'error',
  file: 'staff',
  rule: code,
  message: { 'zh-Hans': '原因', en: 'reason' },
});
const fail = (code: string) => Promise.resolve({ ok: false as const, problems: [problem(code)] });
const diff = {
  from: null,
  places: { added: 0, removed: 0, changed: 0 },
  events: { added: 0, removed: 0, changed: 0 },
  media: { added: 0, removed: 0, changed: 0 },
};

function fakeApi(overrides: Partial<StaffApi> = {}): StaffApi {
  return {
    hello: vi.fn(() =>
      Promise.resolve({
        ok: true as const,
        staffChord: 'Ctrl+Alt+Shift+K',
        pinConfigured: true,
        lockedSeconds: 0,
        storeAvailable: true,
      }),
    ),
    unlock: vi.fn((pin: string) =>
      pin === '246813'
        ? Promise.resolve({ ok: true as const, token: TOKEN, idleSeconds: 600 })
        : fail('staff.pin-wrong'),
    ),
    status: vi.fn(() =>
      Promise.resolve({
        ok: true as const,
        uptimeSeconds: 1,
        memory: { rssBytes: 1, heapUsedBytes: 1 },
        disk: { freeBytes: 1, totalBytes: 2 },
        onScreen: null,
        current: null,
        previous: null,
        committed: null,
        installed: [],
        logProblems: [],
        health: { lastSample: null, events: [] },
      }),
    ),
    scan: vi.fn(() => Promise.resolve({ ok: true as const, volumes: [], candidates: [], truncated: false })),
    preview: vi.fn(() => fail('archive.corrupt')),
    install: vi.fn(() => Promise.resolve({ ok: true as const, ref: 'p@2.0.0', diff, warnings: [] })),
    activate: vi.fn((_t: string, ref: string) => Promise.resolve({ ok: true as const, ref })),
    rollback: vi.fn(() => Promise.resolve({ ok: true as const, ref: 'p@1.0.0' })),
    remove: vi.fn((_t: string, ref: string) => Promise.resolve({ ok: true as const, ref })),
    exportStats: vi.fn(() => Promise.resolve({ ok: true as const, dir: '/media/x/e', files: [] })),
    lock: vi.fn(() => Promise.resolve({ ok: true as const })),
    schedule: vi.fn(() => Promise.resolve({ ok: true as const, entries: [], now: '2026-12-04T16:00' })),
    analytics: vi.fn(() => fail('staff.unavailable')),
    ...overrides,
  };
}

function setup(api = fakeApi(), reloadsItself = true) {
  const staff = createStaffStore();
  const session = createSessionStore({ screen: 'home' });
  const reloadPage = vi.fn();
  const flows = createStaffFlows({
    api,
    staff,
    session,
    reloadPage,
    reloadsItself: () => reloadsItself,
  });
  const unwire = wireStaffMode({ api, staff, session });
  return { api, staff, session, reloadPage, flows, unwire };
}

async function unlocked(t = setup()) {
  await t.flows.open();
  for (const d of '246813') t.staff.getState().pinDigitPressed(d);
  await t.flows.submitPin();
  return t;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('staff flows', () => {
  it('open shows the PIN pad on the staff screen; the right PIN opens the session and loads health', async () => {
    const t = setup();
    cleanups.push(t.unwire);
    await t.flows.open();
    expect(t.session.getState().screen).toBe('staff');
    expect(t.staff.getState().hello?.pinConfigured).toBe(true);
    for (const d of '111111') t.staff.getState().pinDigitPressed(d);
    await t.flows.submitPin();
    expect(t.staff.getState()).toMatchObject({
      phase: 'pin',
      token: null,
      problems: [{ code: 'staff.pin-wrong' }],
    });
    for (const d of '246813') t.staff.getState().pinDigitPressed(d);
    await t.flows.submitPin();
    expect(t.staff.getState()).toMatchObject({ phase: 'open', token: TOKEN });
    expect(t.api.status).toHaveBeenCalledWith(TOKEN);
    expect(t.staff.getState().status?.uptimeSeconds).toBe(1);
  });

  it('install and show: installs, activates, and reloads in browser mode only', async () => {
    const t = await unlocked();
    cleanups.push(t.unwire);
    expect(await t.flows.installAndShow('/media/x/p.hallpack')).toBe(true);
    expect(t.api.install).toHaveBeenCalledWith(TOKEN, '/media/x/p.hallpack');
    expect(t.api.activate).toHaveBeenCalledWith(TOKEN, 'p@2.0.0');
    expect(t.staff.getState().notice).toEqual({ kind: 'showing', ref: 'p@2.0.0' });
    expect(t.reloadPage).toHaveBeenCalledTimes(1);

    const electron = await unlocked(setup(fakeApi(), false));
    cleanups.push(electron.unwire);
    await electron.flows.rollback();
    expect(electron.reloadPage).not.toHaveBeenCalled();
    expect(electron.staff.getState().notice).toEqual({ kind: 'showing', ref: 'p@1.0.0' });
  });

  it('a refused install shows the problems and activates nothing', async () => {
    const t = await unlocked(setup(fakeApi({ install: vi.fn(() => fail('store.no-space')) })));
    cleanups.push(t.unwire);
    expect(await t.flows.installAndShow('/media/x/p.hallpack')).toBe(false);
    expect(t.api.activate).not.toHaveBeenCalled();
    expect(t.staff.getState()).toMatchObject({ busy: null, problems: [{ code: 'store.no-space' }] });
    expect(t.reloadPage).not.toHaveBeenCalled();
  });

  it('a session that ended on the kiosk goes back to the PIN pad', async () => {
    const t = await unlocked(setup(fakeApi({ scan: vi.fn(() => fail('staff.session-ended')) })));
    cleanups.push(t.unwire);
    await t.flows.findPacks();
    expect(t.staff.getState()).toMatchObject({
      phase: 'pin',
      token: null,
      problems: [{ code: 'staff.session-ended' }],
    });
  });

  it('holds the visitor idle timeout while a request runs', async () => {
    type Installed = Awaited<ReturnType<StaffApi['install']>>;
    let release: (v: Installed) => void = () => undefined;
    const api = fakeApi({ install: vi.fn(() => new Promise<Installed>((r) => (release = r))) });
    const t = await unlocked(setup(api));
    cleanups.push(t.unwire);
    const pending = t.flows.installAndShow('/media/x/p.hallpack');
    await Promise.resolve();
    expect(idleHeld()).toBe(true);
    expect(t.staff.getState().busy).toBe('install');
    release({ ok: true, ref: 'p@2.0.0', diff, warnings: [] });
    await pending;
    expect(idleHeld()).toBe(false);
  });

  it('leaving — by the button, another screen, or the idle reset — locks the session on the kiosk', async () => {
    const t = await unlocked();
    cleanups.push(t.unwire);
    t.flows.leave();
    expect(t.session.getState().screen).toBe('home');
    expect(t.api.lock).toHaveBeenCalledWith(TOKEN);

    const u = await unlocked();
    cleanups.push(u.unwire);
    u.session.getState().screenRequested('timeline');
    expect(u.staff.getState().token).toBeNull();
    expect(u.api.lock).toHaveBeenCalledTimes(1);

    const v = await unlocked();
    cleanups.push(v.unwire);
    v.staff.getState().sessionReset();
    expect(v.api.lock).toHaveBeenCalledWith(TOKEN);
  });

  it('does not reopen over itself', async () => {
    const t = await unlocked();
    cleanups.push(t.unwire);
    await t.flows.open();
    expect(t.staff.getState().phase).toBe('open');
    expect(t.api.hello).toHaveBeenCalledTimes(1);
  });

  it('exports the days chosen for the analytics view', async () => {
    const t = await unlocked();
    cleanups.push(t.unwire);
    await t.flows.analytics({ from: '2026-03-01', to: '2026-03-07' });
    expect(t.api.analytics).toHaveBeenCalledWith(TOKEN, { from: '2026-03-01', to: '2026-03-07' });
    await t.flows.exportTo('/media/x');
    expect(t.api.exportStats).toHaveBeenCalledWith(TOKEN, '/media/x', {
      from: '2026-03-01',
      to: '2026-03-07',
    });
    expect(t.staff.getState().notice?.kind).toBe('exported');
  });
});

describe('registration', () => {
  it('the staff store forgets the visitor session on the idle reset', () => {
    expect(registeredSessionStores()).toContain('staff');
    staffStore.getState().unlocked(TOKEN);
    resetRegisteredStores();
    expect(staffStore.getState().token).toBeNull();
  });
});
