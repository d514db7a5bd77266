import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  MAX_IPC_ARGS_CHARS,
  appHealthSchema,
  appInfoSchema,
  channelMethodName,
  createKioskApi,
  invokeChannelNames,
  invokeChannels,
  type AppHealth,
  type AppInfo,
  type ChannelMethodName,
  type KioskApi,
} from '../../../electron/shared/ipc-contract';
import type { KioskApi as RendererKioskApi } from '../../../electron/shared/kiosk-api';

const info: AppInfo = {
  appVersion: '0.1.0',
  electronVersion: '45.5.0',
  chromeVersion: '140.0.0.0',
  platform: 'linux',
  mode: 'electron',
  dataDir: '/var/lib/hall-kiosk',
  activePack: { id: 'default', version: '1.0.0' },
  uptimeSeconds: 12.5,
};

const health: AppHealth = {
  uptimeSeconds: 3600,
  mainMemory: { rssBytes: 1, heapUsedBytes: 2, heapTotalBytes: 3, externalBytes: 4 },
  processes: {
    all: { count: 4, workingSetKb: 400_000 },
    renderer: { count: 1, workingSetKb: 200_000 },
    gpu: { count: 1, workingSetKb: 100_000 },
  },
  recoveries: { total: 0, reload: 0, recreateWindow: 0, relaunch: 0, giveUp: 0, lastAt: null },
};

describe('invokeChannels', () => {
  it('lists exactly the implemented channels, each once, in the same order as the name list', () => {
    expect(invokeChannelNames).toEqual([
      'app:info',
      'app:health',
      'kiosk:settings',
      'kiosk:status',
      'kiosk:analytics',
      'kiosk:vitals',
      'kiosk:capture-screen',
      'staff:hello',
      'staff:unlock',
      'staff:status',
      'staff:scan',
      'staff:preview',
      'staff:install',
      'staff:activate',
      'staff:rollback',
      'staff:remove',
      'staff:export',
      'staff:lock',
      'staff:analytics',
      'staff:schedule',
    ]);
    expect(Object.keys(invokeChannels)).toEqual(invokeChannelNames);
    expect(new Set(invokeChannelNames).size).toBe(invokeChannelNames.length);
  });

  it.each(invokeChannelNames)('%s has an argument tuple and a result schema', (channel) => {
    const spec = invokeChannels[channel];
    expect(spec.args.def.type).toBe('tuple');
    expect(typeof spec.result.safeParse).toBe('function');
  });

  it.each(invokeChannelNames)('%s channel names are namespace:kebab-case', (channel) => {
    expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it('gives every channel a distinct method name', () => {
    const names = invokeChannelNames.map(channelMethodName);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each([
    ['app:info', 'appInfo'],
    ['app:health', 'appHealth'],
    ['staff:verify-pin', 'staffVerifyPin'],
    ['packs:list', 'packsList'],
    ['a:b-c-d', 'aBCD'],
  ])('%s → %s', (channel, method) => {
    expect(channelMethodName(channel)).toBe(method);
  });

  it('derives method names at the type level too', () => {
    expectTypeOf<ChannelMethodName<'staff:verify-pin'>>().toEqualTypeOf<'staffVerifyPin'>();
    expectTypeOf<ChannelMethodName<'app:info'>>().toEqualTypeOf<'appInfo'>();
  });

  it('caps argument size at a sane limit', () => {
    expect(MAX_IPC_ARGS_CHARS).toBeGreaterThanOrEqual(1024);
    expect(MAX_IPC_ARGS_CHARS).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('schemas', () => {
  it('accept well-formed results', () => {
    expect(appInfoSchema.parse(info)).toEqual(info);
    expect(appInfoSchema.parse({ ...info, activePack: null }).activePack).toBeNull();
    expect(appHealthSchema.parse(health)).toEqual(health);
  });

  it.each([
    ['browser mode', { ...info, mode: 'browser' }],
    ['negative uptime', { ...info, uptimeSeconds: -1 }],
    ['numeric version', { ...info, electronVersion: 45 }],
    ['missing dataDir', { ...info, dataDir: undefined }],
    ['pack without version', { ...info, activePack: { id: 'x' } }],
  ])('app:info refuses %s', (_name, value) => {
    expect(appInfoSchema.safeParse(value).success).toBe(false);
  });

  it.each([
    [[], true],
    [[1], false],
    [[undefined], false],
    [['x', 'y'], false],
    [{}, false],
    ['', false],
  ] as const)('argument tuple of app:info accepts %j: %s', (args, ok) => {
    expect(invokeChannels['app:info'].args.safeParse(args).success).toBe(ok);
  });
});

describe('createKioskApi', () => {
  it('exposes one method per channel, forwarding channel and arguments only', async () => {
    const invoke = vi.fn((channel: string) => Promise.resolve(channel === 'app:info' ? info : health));
    const api = createKioskApi(invoke);
    expect(Object.keys(api).sort()).toEqual(invokeChannelNames.map(channelMethodName).sort());
    await expect(api.appInfo()).resolves.toEqual(info);
    await expect(api.appHealth()).resolves.toEqual(health);
    expect(invoke.mock.calls).toEqual([['app:info'], ['app:health']]);
  });

  it('is frozen (page code cannot swap a method)', () => {
    const api = createKioskApi(() => Promise.resolve(null));
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('has the types the renderer sees', () => {
    expectTypeOf<KioskApi['appInfo']>().toEqualTypeOf<() => Promise<AppInfo>>();
    expectTypeOf<KioskApi['appHealth']>().toEqualTypeOf<() => Promise<AppHealth>>();
    expectTypeOf<RendererKioskApi>().toEqualTypeOf<KioskApi>();
    expectTypeOf<keyof KioskApi>().toEqualTypeOf<
      | 'appInfo'
      | 'appHealth'
      | 'kioskSettings'
      | 'kioskAnalytics'
      | 'kioskVitals'
      | 'kioskCaptureScreen'
      | 'staffAnalytics'
      | 'kioskStatus'
      | 'staffHello'
      | 'staffUnlock'
      | 'staffStatus'
      | 'staffScan'
      | 'staffPreview'
      | 'staffInstall'
      | 'staffActivate'
      | 'staffRollback'
      | 'staffRemove'
      | 'staffExport'
      | 'staffLock'
      | 'staffSchedule'
    >();
    expectTypeOf<KioskApi['staffPreview']>().parameters.toEqualTypeOf<[string, string]>();
  });
});
