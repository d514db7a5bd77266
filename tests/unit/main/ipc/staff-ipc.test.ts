/**
 * The staff channels through the real IPC gate (sender check, size cap, argument schemas) and the
 * real staff service over a temporary kiosk: the same checks as every channel, then the service.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIpcDispatcher, IpcRefusedError } from '../../../../electron/main/ipc/dispatch';
import { createIpcHandlers } from '../../../../electron/main/ipc/handlers';
import { createStaffCalls } from '../../../../electron/node/staff/staff-calls';
import { createKioskCalls } from '../../../../electron/node/kiosk/kiosk-calls';
import type { StaffCalls } from '../../../../electron/node/staff/staff-calls';
import { initialRecoveryState } from '../../../../electron/shared/policy/recovery';
import type { IpcSenderInfo } from '../../../../electron/shared/policy/ipc-sender';
import { invokeChannelNames } from '../../../../electron/shared/ipc-contract';
import { PIN, staffWorld } from '../../node/staff/staff-world';
import type { StaffWorld } from '../../node/staff/staff-world';

const MAIN_ID = 7;
const trusted: IpcSenderInfo = { frameUrl: 'hall://kiosk/', isMainFrame: true, webContentsId: MAIN_ID };
let world: StaffWorld;
let calls: StaffCalls;

beforeAll(async () => {
  world = await staffWorld();
});
afterAll(async () => {
  await world.close();
});

function gate(staff: StaffCalls) {
  const handlers = createIpcHandlers({
    appVersion: '0.1.0',
    versions: { electron: '45', chrome: '140' },
    platform: 'linux',
    dataDir: world.dataDir,
    activePack: () => null,
    uptimeSeconds: () => 1,
    memoryUsage: () => ({ rss: 1, heapUsed: 1, heapTotal: 1, external: 1 }),
    appMetrics: () => [],
    recoveryState: () => initialRecoveryState(),
    staff,
    kiosk: createKioskCalls({ config: () => null }),
  });
  return createIpcDispatcher({
    handlers,
    senderPolicy: () => ({ appOrigin: 'hall://kiosk', mainWebContentsId: MAIN_ID }),
    log: world.log,
  });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IpcRefusedError);
  return (error as IpcRefusedError).refusal;
}

describe('staff channels over IPC', () => {
  it('every staff channel of the contract has a handler', () => {
    calls = createStaffCalls(world.service);
    const staffChannels = invokeChannelNames.filter((c) => c.startsWith('staff:'));
    expect(Object.keys(calls).sort()).toEqual([...staffChannels].sort());
  });

  it('unlocks and reads the status through the gate', async () => {
    const dispatch = gate(createStaffCalls(world.service));
    const unlocked = (await dispatch('staff:unlock', trusted, [PIN])) as { ok: boolean; token: string };
    expect(unlocked.ok).toBe(true);
    const status = (await dispatch('staff:status', trusted, [unlocked.token])) as {
      ok: boolean;
      current: string;
    };
    expect(status).toMatchObject({ ok: true, current: 'test-pack@1.0.0' });
    await expect(dispatch('staff:lock', trusted, [unlocked.token])).resolves.toEqual({ ok: true });
  });

  const token = 'T'.repeat(43);
  const spy = (): StaffCalls => {
    const base = createStaffCalls(world.service);
    const out = {} as Record<string, unknown>;
    for (const [k, fn] of Object.entries(base)) out[k] = vi.fn(fn as (...a: unknown[]) => unknown);
    return out as unknown as StaffCalls;
  };

  it.each([
    ['a sub-frame', 'staff:unlock', { ...trusted, isMainFrame: false }, [PIN], 'untrusted-sender'],
    [
      'another page',
      'staff:unlock',
      { ...trusted, frameUrl: 'https://evil.example/' },
      [PIN],
      'untrusted-sender',
    ],
    ['another window', 'staff:status', { ...trusted, webContentsId: 1 }, [token], 'untrusted-sender'],
    ['no token', 'staff:status', trusted, [], 'bad-arguments'],
    ['a token of the wrong shape', 'staff:status', trusted, ['short'], 'bad-arguments'],
    ['a number for a path', 'staff:preview', trusted, [token, 42], 'bad-arguments'],
    ['an empty path', 'staff:install', trusted, [token, ''], 'bad-arguments'],
    ['an extra argument', 'staff:rollback', trusted, [token, 'x'], 'bad-arguments'],
    ['a PIN that is not a string', 'staff:unlock', trusted, [1234], 'bad-arguments'],
    ['malformed check-ins', 'staff:export', trusted, [token, '/media/x', { days: 'all' }], 'bad-arguments'],
    [
      'check-in rows of the wrong shape',
      'staff:export',
      trusted,
      [token, '/media/x', { days: [['p', 'yesterday', 1, 1]], totals: [], truncated: false }],
      'bad-arguments',
    ],
    [
      'oversized arguments',
      'staff:export',
      trusted,
      [
        token,
        '/media/x',
        {
          days: Array.from({ length: 4000 }, () => ['place', '2026-01-01', 1, 1]),
          totals: [],
          truncated: false,
        },
      ],
      'too-large',
    ],
  ] as const)('refuses %s before the staff service runs', async (_name, channel, sender, args, expected) => {
    const staff = spy();
    const dispatch = gate(staff);
    expect(await refusal(dispatch(channel, sender, [...args]))).toBe(expected);
    for (const fn of Object.values(staff)) expect(fn).not.toHaveBeenCalled();
  });

  it('a well-formed but dead token reaches the service, which refuses it with a reason', async () => {
    const dispatch = gate(createStaffCalls(world.service));
    const result = (await dispatch('staff:scan', trusted, [token])) as {
      ok: boolean;
      problems: { code: string }[];
    };
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['staff.session-ended']);
  });
});
