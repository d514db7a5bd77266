import { describe, expect, it } from 'vitest';
import { appHealthSchema, appInfoSchema } from '../../../../electron/shared/ipc-contract';
import { createIpcHandlers, type IpcHandlerDeps } from '../../../../electron/main/ipc/handlers';
import { initialRecoveryState, nextRecovery } from '../../../../electron/shared/policy/recovery';
import { staffStubs } from './staff-stubs';
import { createKioskCalls } from '../../../../electron/node/kiosk/kiosk-calls';
import { kioskConfigSchema } from '../../../../electron/shared/config-schema';

const T = Date.UTC(2026, 0, 2, 3, 4, 5);
const recovered = nextRecovery(initialRecoveryState(), { kind: 'renderer-gone', reason: 'oom' }, T).state;

const deps: IpcHandlerDeps = {
  appVersion: '0.1.0',
  versions: { electron: '45.5.0', chrome: '140.0.7339.41' },
  platform: 'linux',
  dataDir: '/var/lib/hall-kiosk',
  activePack: () => ({ id: 'default', version: '1.2.0' }),
  uptimeSeconds: () => 42.5,
  memoryUsage: () => ({ rss: 100, heapUsed: 20, heapTotal: 40, external: 5 }),
  appMetrics: () => [
    { type: 'Browser', memory: { workingSetSize: 1000 } },
    { type: 'Tab', memory: { workingSetSize: 3000 } },
    { type: 'GPU', memory: { workingSetSize: 2000 } },
    { type: 'Utility', memory: { workingSetSize: 500 } },
  ],
  recoveryState: () => recovered,
  staff: staffStubs(),
  kiosk: createKioskCalls({ config: () => ({ ...kioskConfigSchema.parse({}), idleTimeoutSeconds: 45 }) }),
};

describe('IPC handlers', () => {
  const handlers = createIpcHandlers(deps);

  it('app:info reports versions, mode, data dir and the active pack', async () => {
    const result = await handlers['app:info']();
    expect(appInfoSchema.parse(result)).toEqual({
      appVersion: '0.1.0',
      electronVersion: '45.5.0',
      chromeVersion: '140.0.7339.41',
      platform: 'linux',
      mode: 'electron',
      dataDir: '/var/lib/hall-kiosk',
      activePack: { id: 'default', version: '1.2.0' },
      uptimeSeconds: 42.5,
    });
  });

  it('kiosk:settings hands the page only what the hall set (no keys, no PIN hash)', async () => {
    expect(await handlers['kiosk:settings']()).toEqual({ idleTimeoutSeconds: 45 });
  });

  it('app:info reports no pack as null', async () => {
    const result = await createIpcHandlers({ ...deps, activePack: () => null })['app:info']();
    expect(result.activePack).toBeNull();
  });

  it('app:health sums process metrics by kind and reports recoveries', async () => {
    const result = await handlers['app:health']();
    expect(appHealthSchema.parse(result)).toEqual({
      uptimeSeconds: 42.5,
      mainMemory: { rssBytes: 100, heapUsedBytes: 20, heapTotalBytes: 40, externalBytes: 5 },
      processes: {
        all: { count: 4, workingSetKb: 6500 },
        renderer: { count: 1, workingSetKb: 3000 },
        gpu: { count: 1, workingSetKb: 2000 },
      },
      recoveries: {
        total: 1,
        reload: 1,
        recreateWindow: 0,
        relaunch: 0,
        giveUp: 0,
        lastAt: '2026-01-02T03:04:05.000Z',
      },
    });
  });

  it('app:health is valid with no metrics and no incidents', async () => {
    const result = await createIpcHandlers({
      ...deps,
      appMetrics: () => [],
      recoveryState: initialRecoveryState,
    })['app:health']();
    expect(appHealthSchema.safeParse(result).success).toBe(true);
    expect(result.recoveries.lastAt).toBeNull();
    expect(result.processes.gpu).toEqual({ count: 0, workingSetKb: 0 });
  });
});
