import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contextBridge, ipcRenderer } from '../main/fake-electron';

vi.mock('electron', () => import('../main/fake-electron'));

type ExposedApi = Record<string, (...args: unknown[]) => Promise<unknown>>;
let api: ExposedApi;

beforeAll(async () => {
  await import('../../../electron/preload/preload');
  const call = contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, ExposedApi];
  api = call[1];
});

describe('preload', () => {
  it('exposes exactly window.kiosk, once', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('kiosk');
  });

  it('has one plain function per channel and nothing else (no ipcRenderer, no send/on)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'appHealth',
      'appInfo',
      'kioskAnalytics',
      'kioskCaptureScreen',
      'kioskSettings',
      'kioskStatus',
      'kioskVitals',
      'staffActivate',
      'staffAnalytics',
      'staffExport',
      'staffHello',
      'staffInstall',
      'staffLock',
      'staffPreview',
      'staffRemove',
      'staffRollback',
      'staffScan',
      'staffSchedule',
      'staffStatus',
      'staffUnlock',
    ]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('on');
    expect(api).not.toHaveProperty('send');
  });

  it('forwards a call as invoke(channel, ...args) and returns its result only', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ mode: 'electron' });
    await expect(api.appInfo?.()).resolves.toEqual({ mode: 'electron' });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('app:info');
    await api.appHealth?.();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('app:health');
  });
});
