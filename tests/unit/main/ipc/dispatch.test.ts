import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../../electron/node/log/logger';
import {
  createIpcDispatcher,
  IpcRefusedError,
  type IpcHandlers,
} from '../../../../electron/main/ipc/dispatch';
import type { IpcSenderInfo } from '../../../../electron/shared/policy/ipc-sender';
import type { AppHealth, AppInfo } from '../../../../electron/shared/ipc-contract';
import { staffStubs } from './staff-stubs';
import { createKioskCalls } from '../../../../electron/node/kiosk/kiosk-calls';

const MAIN_ID = 3;
const trusted: IpcSenderInfo = { frameUrl: 'hall://kiosk/', isMainFrame: true, webContentsId: MAIN_ID };
const info: AppInfo = {
  appVersion: '0.1.0',
  electronVersion: '45.5.0',
  chromeVersion: '140',
  platform: 'linux',
  mode: 'electron',
  dataDir: '/data',
  activePack: null,
  uptimeSeconds: 1,
};

function setup(overrides: Partial<IpcHandlers> = {}, maxArgsChars?: number) {
  const log = memoryLogger();
  const appInfo = vi.fn(() => info);
  const appHealth = vi.fn((): AppHealth => {
    throw new Error('not in this test');
  });
  const handlers: IpcHandlers = {
    'app:info': appInfo,
    'app:health': appHealth,
    ...staffStubs(),
    ...createKioskCalls({ config: () => null }),
    ...overrides,
  };
  const dispatch = createIpcDispatcher({
    handlers,
    senderPolicy: () => ({ appOrigin: 'hall://kiosk', mainWebContentsId: MAIN_ID }),
    log,
    ...(maxArgsChars === undefined ? {} : { maxArgsChars }),
  });
  return { dispatch, log, appInfo };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(IpcRefusedError);
    return (error as IpcRefusedError).refusal;
  }
  throw new Error('expected a refusal');
}

describe('IPC dispatcher', () => {
  it('runs the handler for a trusted sender and returns the parsed result', async () => {
    const { dispatch, appInfo } = setup();
    await expect(dispatch('app:info', trusted, [])).resolves.toEqual(info);
    expect(appInfo).toHaveBeenCalledTimes(1);
  });

  const big = 'x'.repeat(70 * 1024);
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);
  const cases: [name: string, channel: string, sender: IpcSenderInfo, args: unknown[], refusal: string][] = [
    ['an unknown channel', 'app:quit', trusted, [], 'unknown-channel'],
    ['a prototype key as channel', '__proto__', trusted, [], 'unknown-channel'],
    ['toString as channel', 'toString', trusted, [], 'unknown-channel'],
    ['a sub-frame', 'app:info', { ...trusted, isMainFrame: false }, [], 'untrusted-sender'],
    ['another web contents', 'app:info', { ...trusted, webContentsId: 99 }, [], 'untrusted-sender'],
    ['a remote page', 'app:info', { ...trusted, frameUrl: 'https://evil.example/' }, [], 'untrusted-sender'],
    [
      'a look-alike origin',
      'app:info',
      { ...trusted, frameUrl: 'hall://kiosk.evil/' },
      [],
      'untrusted-sender',
    ],
    ['a destroyed frame', 'app:info', { ...trusted, frameUrl: null }, [], 'untrusted-sender'],
    ['oversized arguments', 'app:info', trusted, [big], 'too-large'],
    ['arguments JSON cannot carry', 'app:info', trusted, [10n], 'too-large'],
    ['cyclic arguments', 'app:info', trusted, [cyclic], 'too-large'],
    ['an extra argument', 'app:info', trusted, [1], 'bad-arguments'],
    ['an undefined argument', 'app:info', trusted, [undefined], 'bad-arguments'],
  ];

  it.each(cases)('refuses %s before any handler runs', async (_name, channel, sender, args, expected) => {
    const { dispatch, appInfo, log } = setup();
    expect(await refusal(dispatch(channel, sender, args))).toBe(expected);
    expect(appInfo).not.toHaveBeenCalled();
    expect(log.entries.some((e) => e.level === 'warn' && e.msg.startsWith('ipc refused'))).toBe(true);
  });

  it('checks the sender before the size (an attacker learns nothing from sizes)', async () => {
    const { dispatch } = setup();
    expect(await refusal(dispatch('app:info', { ...trusted, webContentsId: 1 }, [big]))).toBe(
      'untrusted-sender',
    );
  });

  it('re-reads the sender policy on each request (the window may be recreated)', async () => {
    let mainId: number | null = 1;
    const dispatch = createIpcDispatcher({
      handlers: {
        'app:info': () => info,
        'app:health': () => Promise.reject(new Error('unused')),
        ...staffStubs(),
        ...createKioskCalls({ config: () => null }),
      },
      senderPolicy: () => ({ appOrigin: 'hall://kiosk', mainWebContentsId: mainId }),
      log: memoryLogger(),
    });
    const sender = { ...trusted, webContentsId: 1 };
    await expect(dispatch('app:info', sender, [])).resolves.toEqual(info);
    mainId = 2;
    expect(await refusal(dispatch('app:info', sender, []))).toBe('untrusted-sender');
    mainId = null;
    expect(await refusal(dispatch('app:info', { ...trusted, webContentsId: 2 }, []))).toBe(
      'untrusted-sender',
    );
  });

  it('honours a custom size cap', async () => {
    const { dispatch } = setup({}, 1);
    expect(await refusal(dispatch('app:info', trusted, []))).toBe('too-large'); // "[]" is 2 characters
  });

  it('turns a throwing handler into a detail-free refusal and logs the error', async () => {
    const { dispatch, log } = setup({
      'app:info': () => {
        throw new Error('secret path /etc/shadow');
      },
    });
    const error = await dispatch('app:info', trusted, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcRefusedError);
    expect((error as Error).message).not.toContain('shadow');
    expect(log.find('ipc handler failed')).toHaveLength(1);
  });

  it('refuses a result outside the contract (nothing unvalidated leaves main)', async () => {
    const { dispatch, log } = setup({
      'app:info': () => ({ ...info, mode: 'browser' }) as unknown as AppInfo,
    });
    expect(await refusal(dispatch('app:info', trusted, []))).toBe('failed');
    expect(log.find('outside the contract')).toHaveLength(1);
  });

  it('strips fields the contract does not know from results', async () => {
    const { dispatch } = setup({ 'app:info': () => ({ ...info, secret: 'x' }) as AppInfo });
    await expect(dispatch('app:info', trusted, [])).resolves.not.toHaveProperty('secret');
  });

  it('awaits async handlers', async () => {
    const { dispatch } = setup({ 'app:info': () => Promise.resolve(info) });
    await expect(dispatch('app:info', trusted, [])).resolves.toEqual(info);
  });
});
